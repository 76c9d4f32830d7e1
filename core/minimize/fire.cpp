#include "core/minimize/fire.hpp"

#include <stdexcept>

#include "core/system/kmath.hpp"
#include "core/system/replica_sum.hpp"

namespace betarelax {
namespace {

/// Per-replica FIRE state on the device.
struct FireState {
  RealView dt, alpha, fmax, fmax_at_stop;
  IntView since_uphill, converged, steps;  ///< converged: 0 running, 1 converged, 2 out of steps
  RealView power;  ///< P = F·v at the start of the step (kept for the atom kernel)
};

}  // namespace

std::vector<FireResult> fire_minimize(System& sys, ForceField& ff, const FireParams& p) {
  if (!(p.ftol > 0) || !(p.dt > 0) || p.max_steps < 0) throw std::invalid_argument("FIRE: ftol, dt > 0 required");
  const int nr = sys.n_replicas, n = sys.n_atoms;
  const size_t rows = size_t(n) * nr;
  FireState st{RealView("fire::dt", nr),      RealView("fire::alpha", nr),  RealView("fire::fmax", nr),
               RealView("fire::fmax_stop", nr), IntView("fire::since_uphill", nr), IntView("fire::converged", nr),
               IntView("fire::steps", nr),    RealView("fire::power", nr)};
  Kokkos::deep_copy(st.dt, p.dt);
  Kokkos::deep_copy(st.alpha, p.alpha0);
  Kokkos::deep_copy(sys.v, 0.0);

  ReplicaSum<3> sums(nr, n);
  auto x = sys.x;
  auto v = sys.v;
  auto f = sys.f;
  auto type = sys.type;
  auto mass = sys.mass;
  const double ftol_sq = p.ftol * p.ftol;

  compute_forces(ff, sys, Tally::forces);
  long step = 0;
  for (;; ++step) {
    replica_max("fire::fmax", nr, n, KOKKOS_LAMBDA(int, size_t k) {
      return f(k, 0) * f(k, 0) + f(k, 1) * f(k, 1) + f(k, 2) * f(k, 2);
    }, st.fmax);
    auto power_sums = sums.sum("fire::power", KOKKOS_LAMBDA(int, size_t k, double* acc) {
      acc[0] += v(k, 0) * f(k, 0) + v(k, 1) * f(k, 1) + v(k, 2) * f(k, 2);
    });
    int n_active = 0;
    const long this_step = step;
    const bool out_of_steps = step >= p.max_steps;
    Kokkos::parallel_reduce(
        "fire::update_state", Kokkos::RangePolicy<ExecSpace>(0, nr),
        KOKKOS_LAMBDA(const int r, int& active) {
          if (st.converged(r)) return;
          if (st.fmax(r) < ftol_sq || out_of_steps) {
            st.steps(r) = static_cast<int>(this_step);
            st.fmax_at_stop(r) = kmath::sqrt(st.fmax(r));
            st.converged(r) = st.fmax(r) < ftol_sq ? 1 : 2;  // 2: stopped without converging
            return;
          }
          ++active;
          const double power = power_sums(r, 0);
          st.power(r) = power;
          if (power > 0.0) {
            if (st.since_uphill(r) > p.n_delay) {
              st.dt(r) = st.dt(r) * p.f_inc < p.dt_max ? st.dt(r) * p.f_inc : p.dt_max;
              st.alpha(r) *= p.f_alpha;
            }
            ++st.since_uphill(r);
          } else {
            st.since_uphill(r) = 0;
            st.alpha(r) = p.alpha0;
            // The half step back below uses the old dt; shrink afterwards.
          }
        },
        Kokkos::Sum<int>(n_active));
    if (n_active == 0) break;

    // Uphill: half step back, stop; then the semi-implicit Euler kick.
    const double dtf_unit = units::ftm2v;
    const double dt_min = p.dt_min, f_dec = p.f_dec;
    Kokkos::parallel_for(
        "fire::kick", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
          const int r = static_cast<int>(k / n);
          if (st.converged(r)) return;
          double dt = st.dt(r);
          if (st.power(r) <= 0.0) {
            for (int d = 0; d < 3; ++d) {
              x(k, d) -= 0.5 * dt * v(k, d);
              v(k, d) = 0.0;
            }
            dt = dt * f_dec > dt_min ? dt * f_dec : dt_min;
          }
          const double dtfm = dt * dtf_unit / mass(type(static_cast<int>(k % n)));
          for (int d = 0; d < 3; ++d) v(k, d) += dtfm * f(k, d);
        });
    Kokkos::parallel_for(
        "fire::shrink_dt", Kokkos::RangePolicy<ExecSpace>(0, nr), KOKKOS_LAMBDA(const int r) {
          if (!st.converged(r) && st.power(r) <= 0.0) st.dt(r) = st.dt(r) * f_dec > dt_min ? st.dt(r) * f_dec : dt_min;
        });
    auto norms = sums.sum("fire::norms", KOKKOS_LAMBDA(int, size_t k, double* acc) {
      acc[1] += v(k, 0) * v(k, 0) + v(k, 1) * v(k, 1) + v(k, 2) * v(k, 2);
      acc[2] += f(k, 0) * f(k, 0) + f(k, 1) * f(k, 1) + f(k, 2) * f(k, 2);
    });
    // Mixing v ← (1−α) v + α |v|/|F| F, only while going downhill.
    Kokkos::parallel_for(
        "fire::mix", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
          const int r = static_cast<int>(k / n);
          if (st.converged(r) || st.power(r) <= 0.0) return;
          const double a = st.alpha(r);
          const double ff2 = norms(r, 2);
          const double s2 = ff2 > 1e-20 ? a * kmath::sqrt(norms(r, 1) / ff2) : 0.0;
          for (int d = 0; d < 3; ++d) v(k, d) = (1.0 - a) * v(k, d) + s2 * f(k, d);
        });
    // Cap the displacement: no atom moves more than max_displacement per component.
    replica_max("fire::vmax", nr, n, KOKKOS_LAMBDA(int, size_t k) {
      double m = kmath::fabs(v(k, 0));
      m = kmath::fmax(m, kmath::fabs(v(k, 1)));
      return kmath::fmax(m, kmath::fabs(v(k, 2)));
    }, st.fmax);  // reuse as scratch: vmax per replica
    const double dmax = p.max_displacement;
    Kokkos::parallel_for(
        "fire::move", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
          const int r = static_cast<int>(k / n);
          if (st.converged(r)) return;
          double dt = st.dt(r);
          if (dt * st.fmax(r) > dmax) dt = dmax / st.fmax(r);
          for (int d = 0; d < 3; ++d) x(k, d) += dt * v(k, d);
        });
    compute_forces(ff, sys, Tally::forces);
  }
  compute_forces(ff, sys, Tally::totals);
  Kokkos::deep_copy(sys.v, 0.0);

  auto conv_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), st.converged);
  auto steps_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), st.steps);
  auto fmax_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), st.fmax_at_stop);
  auto tot_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ff.work.totals.result());
  std::vector<FireResult> out(nr);
  for (int r = 0; r < nr; ++r) {
    out[r].status = conv_h(r) == 1 ? FireStatus::converged : FireStatus::max_steps;
    out[r].steps = steps_h(r);
    out[r].fmax = fmax_h(r);
    out[r].energy = tot_h(r, 0);
  }
  return out;
}

}  // namespace betarelax
