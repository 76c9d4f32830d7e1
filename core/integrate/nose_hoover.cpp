#include "core/integrate/nose_hoover.hpp"

#include <stdexcept>

#include "core/integrate/thermo.hpp"
#include "core/integrate/velocity_verlet.hpp"
#include "core/system/kmath.hpp"

namespace betarelax {
namespace {

RealView per_replica(const char* label, const std::vector<double>& values, int n_replicas, double fallback) {
  RealView v(std::string(label), n_replicas);
  auto h = Kokkos::create_mirror_view(v);
  for (int r = 0; r < n_replicas; ++r) {
    h(r) = values.empty() ? fallback : (values.size() == 1 ? values[0] : values.at(r));
  }
  Kokkos::deep_copy(v, h);
  return v;
}

/// FixNH::nhc_temp_integrate for one replica; returns the velocity factor.
KOKKOS_INLINE_FUNCTION double nhc_temp_integrate(const NoseHoover& nh, int r, double dt, double t_freq) {
  const double kB = units::kB;
  const double dthalf = 0.5 * dt, dt4 = 0.25 * dt, dt8 = 0.125 * dt;
  const double t_target = nh.t_target(r);
  const double ke_target = nh.tdof * kB * t_target;
  double t_current = nh.t_current(r);
  // Masses follow the target so that the chain keeps its frequency.
  nh.eta_mass(r, 0) = nh.tdof * kB * t_target / (t_freq * t_freq);
  for (int c = 1; c < kNhChain; ++c) nh.eta_mass(r, c) = kB * t_target / (t_freq * t_freq);
  double kecurrent = nh.tdof * kB * t_current;
  nh.eta_dotdot(r, 0) = nh.eta_mass(r, 0) > 0 ? (kecurrent - ke_target) / nh.eta_mass(r, 0) : 0.0;

  for (int c = kNhChain - 1; c > 0; --c) {
    const double expfac = kmath::exp(-dt8 * nh.eta_dot(r, c + 1));
    nh.eta_dot(r, c) *= expfac;
    nh.eta_dot(r, c) += nh.eta_dotdot(r, c) * dt4;
    nh.eta_dot(r, c) *= expfac;
  }
  double expfac = kmath::exp(-dt8 * nh.eta_dot(r, 1));
  nh.eta_dot(r, 0) *= expfac;
  nh.eta_dot(r, 0) += nh.eta_dotdot(r, 0) * dt4;
  nh.eta_dot(r, 0) *= expfac;

  const double factor_eta = kmath::exp(-dthalf * nh.eta_dot(r, 0));
  t_current *= factor_eta * factor_eta;
  nh.t_current(r) = t_current;
  kecurrent = nh.tdof * kB * t_current;
  nh.eta_dotdot(r, 0) = nh.eta_mass(r, 0) > 0 ? (kecurrent - ke_target) / nh.eta_mass(r, 0) : 0.0;

  for (int c = 0; c < kNhChain; ++c) nh.eta(r, c) += dthalf * nh.eta_dot(r, c);

  nh.eta_dot(r, 0) *= expfac;
  nh.eta_dot(r, 0) += nh.eta_dotdot(r, 0) * dt4;
  nh.eta_dot(r, 0) *= expfac;
  for (int c = 1; c < kNhChain; ++c) {
    expfac = kmath::exp(-dt8 * nh.eta_dot(r, c + 1));
    nh.eta_dot(r, c) *= expfac;
    nh.eta_dotdot(r, c) =
        (nh.eta_mass(r, c - 1) * nh.eta_dot(r, c - 1) * nh.eta_dot(r, c - 1) - kB * t_target) / nh.eta_mass(r, c);
    nh.eta_dot(r, c) += nh.eta_dotdot(r, c) * dt4;
    nh.eta_dot(r, c) *= expfac;
  }
  return factor_eta;
}

/// FixNH::nhc_press_integrate (iso: the barostat's kinetic energy counts the
/// three equal components, its target is one k_B T).
KOKKOS_INLINE_FUNCTION void nhc_press_integrate(const NoseHoover& nh, int r, double dt) {
  const double kt = units::kB * nh.t_target(r);
  const double dthalf = 0.5 * dt, dt4 = 0.25 * dt, dt8 = 0.125 * dt;
  const double w = nh.omega_mass(r);
  double kecurrent = 3.0 * w * nh.omega_dot(r) * nh.omega_dot(r);
  nh.etap_dotdot(r, 0) = (kecurrent - kt) / nh.etap_mass(r, 0);
  for (int c = kNhChain - 1; c > 0; --c) {
    const double expfac = kmath::exp(-dt8 * nh.etap_dot(r, c + 1));
    nh.etap_dot(r, c) *= expfac;
    nh.etap_dot(r, c) += nh.etap_dotdot(r, c) * dt4;
    nh.etap_dot(r, c) *= expfac;
  }
  double expfac = kmath::exp(-dt8 * nh.etap_dot(r, 1));
  nh.etap_dot(r, 0) *= expfac;
  nh.etap_dot(r, 0) += nh.etap_dotdot(r, 0) * dt4;
  nh.etap_dot(r, 0) *= expfac;
  for (int c = 0; c < kNhChain; ++c) nh.etap(r, c) += dthalf * nh.etap_dot(r, c);
  nh.omega_dot(r) *= kmath::exp(-dthalf * nh.etap_dot(r, 0));
  kecurrent = 3.0 * w * nh.omega_dot(r) * nh.omega_dot(r);
  nh.etap_dotdot(r, 0) = (kecurrent - kt) / nh.etap_mass(r, 0);
  nh.etap_dot(r, 0) *= expfac;
  nh.etap_dot(r, 0) += nh.etap_dotdot(r, 0) * dt4;
  nh.etap_dot(r, 0) *= expfac;
  for (int c = 1; c < kNhChain; ++c) {
    expfac = kmath::exp(-dt8 * nh.etap_dot(r, c + 1));
    nh.etap_dot(r, c) *= expfac;
    nh.etap_dotdot(r, c) = (nh.etap_mass(r, c - 1) * nh.etap_dot(r, c - 1) * nh.etap_dot(r, c - 1) - kt) /
                           nh.etap_mass(r, c);
    nh.etap_dot(r, c) += nh.etap_dotdot(r, c) * dt4;
    nh.etap_dot(r, c) *= expfac;
  }
}

/// FixNH::couple + nh_omega_dot (iso): pressure from the current kinetic
/// energy and the last virial, then the barostat half step; returns the
/// nh_v_press factor exp(−dt/4 (ω̇ + mtk_term2)), applied twice.
KOKKOS_INLINE_FUNCTION double omega_dot_and_press_factor(const NoseHoover& nh, int r, double dt, double ke,
                                                         double w_trace, double volume) {
  const double p_current = (2.0 * ke + w_trace) / (3.0 * volume) * units::nktv2p;
  nh.p_current(r) = p_current;
  const double mtk_term1 = nh.tdof * units::kB * nh.t_current(r) / (3.0 * nh.n_atoms);
  const double f_omega =
      (p_current - nh.p_hydro(r)) * volume / (nh.omega_mass(r) * units::nktv2p) + mtk_term1 / nh.omega_mass(r);
  nh.omega_dot(r) += f_omega * 0.5 * dt;
  // Σ over the three equal components / (3N)
  nh.mtk_term2(r) = nh.omega_dot(r) / nh.n_atoms;
  const double factor = kmath::exp(-0.25 * dt * (nh.omega_dot(r) + nh.mtk_term2(r)));
  return factor * factor;
}

/// FixNH::remap for half a step: scale box and positions about the centre.
void remap_half_step(const NoseHoover& nh, System& sys, double dt) {
  auto lo = sys.box_lo;
  auto len = sys.box_len;
  auto omega_dot = nh.omega_dot;
  auto factor = nh.velocity_scale;  // reused as scratch for the box factor
  Kokkos::parallel_for(
      "nose_hoover::remap_box", Kokkos::RangePolicy<ExecSpace>(0, sys.n_replicas), KOKKOS_LAMBDA(const int r) {
        const double e = kmath::exp(0.5 * dt * omega_dot(r));
        factor(r) = e;
        for (int d = 0; d < 3; ++d) {
          const double c = lo(r, d) + 0.5 * len(r, d);
          lo(r, d) = (lo(r, d) - c) * e + c;
          len(r, d) *= e;
        }
      });
  auto x = sys.x;
  const int n = sys.n_atoms;
  Kokkos::parallel_for(
      "nose_hoover::remap_atoms", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * sys.n_replicas),
      KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        const double e = factor(r);
        for (int d = 0; d < 3; ++d) {
          const double c = lo(r, d) + 0.5 * len(r, d);
          x(k, d) = c + (x(k, d) - c) * e;
        }
      });
}

}  // namespace

NoseHoover make_nose_hoover(const System& sys, const NoseHooverParams& params, const std::vector<double>& t_start,
                            const std::vector<double>& t_stop, const std::vector<double>& p_start,
                            const std::vector<double>& p_stop) {
  const int nr = sys.n_replicas;
  if (!(params.dt > 0) || !(params.t_damp > 0) || (params.barostat && !(params.p_damp > 0))) {
    throw std::invalid_argument("Nose-Hoover: dt, Tdamp and Pdamp must be positive");
  }
  for (double t : t_start) {
    if (!(t > 0)) throw std::invalid_argument("Nose-Hoover: temperatures must be positive");
  }
  for (double t : t_stop) {
    if (!(t > 0)) throw std::invalid_argument("Nose-Hoover: temperatures must be positive");
  }
  NoseHoover nh;
  nh.params = params;
  nh.n_atoms = sys.n_atoms;
  nh.tdof = 3.0 * sys.n_atoms - 3.0;
  nh.t_start = per_replica("nh::t_start", t_start, nr, 0.0);
  nh.t_stop = per_replica("nh::t_stop", t_stop.empty() ? t_start : t_stop, nr, 0.0);
  nh.t_target = RealView("nh::t_target", nr);
  nh.t_current = RealView("nh::t_current", nr);
  nh.eta = decltype(nh.eta)("nh::eta", nr);
  nh.eta_dotdot = decltype(nh.eta_dotdot)("nh::eta_dotdot", nr);
  nh.eta_mass = decltype(nh.eta_mass)("nh::eta_mass", nr);
  nh.eta_dot = decltype(nh.eta_dot)("nh::eta_dot", nr);
  nh.p_start = per_replica("nh::p_start", p_start, nr, 0.0);
  nh.p_stop = per_replica("nh::p_stop", p_stop.empty() ? p_start : p_stop, nr, 0.0);
  nh.p_hydro = RealView("nh::p_hydro", nr);
  nh.p_current = RealView("nh::p_current", nr);
  nh.omega_dot = RealView("nh::omega_dot", nr);
  nh.omega_mass = RealView("nh::omega_mass", nr);
  nh.mtk_term2 = RealView("nh::mtk_term2", nr);
  nh.etap = decltype(nh.etap)("nh::etap", nr);
  nh.etap_dotdot = decltype(nh.etap_dotdot)("nh::etap_dotdot", nr);
  nh.etap_mass = decltype(nh.etap_mass)("nh::etap_mass", nr);
  nh.etap_dot = decltype(nh.etap_dot)("nh::etap_dot", nr);
  nh.velocity_scale = RealView("nh::velocity_scale", nr);
  nh.kinetic = ReplicaSum<1>(nr, sys.n_atoms);
  return nh;
}

void set_temperature_ramp(NoseHoover& nh, const std::vector<double>& t_start, const std::vector<double>& t_stop) {
  for (double t : t_start)
    if (!(t > 0)) throw std::invalid_argument("Nose-Hoover: temperatures must be positive");
  for (double t : t_stop)
    if (!(t > 0)) throw std::invalid_argument("Nose-Hoover: temperatures must be positive");
  const int nr = static_cast<int>(nh.t_start.extent(0));
  Kokkos::deep_copy(nh.t_start, per_replica("nh::t_start", t_start, nr, 0.0));
  Kokkos::deep_copy(nh.t_stop, per_replica("nh::t_stop", t_stop.empty() ? t_start : t_stop, nr, 0.0));
}

namespace {

/// FixNH::setup for replicas [first, last).
void setup_replicas(NoseHoover& nh, const System& sys, int first, int last) {
  kinetic_energy(sys, nh.kinetic);
  auto ke = nh.kinetic.result();
  const NoseHoover s = nh;
  const double t_freq = 1.0 / nh.params.t_damp, p_freq = 1.0 / nh.params.p_damp;
  const bool barostat = nh.params.barostat;
  Kokkos::parallel_for(
      "nose_hoover::setup", Kokkos::RangePolicy<ExecSpace>(first, last), KOKKOS_LAMBDA(const int r) {
        const double kB = units::kB;
        s.t_current(r) = 2.0 * ke(r, 0) / (s.tdof * kB);
        s.t_target(r) = s.t_start(r);
        const double t = s.t_target(r);
        s.eta_mass(r, 0) = s.tdof * kB * t / (t_freq * t_freq);
        for (int c = 1; c < kNhChain; ++c) s.eta_mass(r, c) = kB * t / (t_freq * t_freq);
        for (int c = 1; c < kNhChain; ++c) {
          s.eta_dotdot(r, c) =
              (s.eta_mass(r, c - 1) * s.eta_dot(r, c - 1) * s.eta_dot(r, c - 1) - kB * t) / s.eta_mass(r, c);
        }
        if (barostat) {
          s.p_hydro(r) = s.p_start(r);
          s.omega_mass(r) = (s.n_atoms + 1) * kB * t / (p_freq * p_freq);
          for (int c = 0; c < kNhChain; ++c) s.etap_mass(r, c) = kB * t / (p_freq * p_freq);
          for (int c = 1; c < kNhChain; ++c) {
            s.etap_dotdot(r, c) =
                (s.etap_mass(r, c - 1) * s.etap_dot(r, c - 1) * s.etap_dot(r, c - 1) - kB * t) / s.etap_mass(r, c);
          }
        }
      });
}

}  // namespace

void nose_hoover_setup(NoseHoover& nh, const System& sys) { setup_replicas(nh, sys, 0, sys.n_replicas); }

void nose_hoover_restart_replica(NoseHoover& nh, const System& sys, int r, double temperature) {
  if (!(temperature > 0)) throw std::invalid_argument("Nose-Hoover: temperatures must be positive");
  const NoseHoover s = nh;
  Kokkos::parallel_for(
      "nose_hoover::restart_replica", Kokkos::RangePolicy<ExecSpace>(r, r + 1), KOKKOS_LAMBDA(const int q) {
        s.t_start(q) = temperature;
        s.t_stop(q) = temperature;
        for (int c = 0; c < kNhChain; ++c) {
          s.eta(q, c) = s.eta_dotdot(q, c) = s.etap(q, c) = s.etap_dotdot(q, c) = 0.0;
        }
        for (int c = 0; c <= kNhChain; ++c) s.eta_dot(q, c) = s.etap_dot(q, c) = 0.0;
        s.omega_dot(q) = 0.0;
        s.mtk_term2(q) = 0.0;
      });
  setup_replicas(nh, sys, r, r + 1);
}

void nose_hoover_initial(NoseHoover& nh, System& sys, const ForceField& ff, double ramp) {
  const NoseHoover s = nh;
  const double dt = nh.params.dt, t_freq = 1.0 / nh.params.t_damp;
  const bool barostat = nh.params.barostat;
  auto frozen = sys.frozen;
  Kokkos::parallel_for(
      "nose_hoover::initial_chains", Kokkos::RangePolicy<ExecSpace>(0, sys.n_replicas), KOKKOS_LAMBDA(const int r) {
        // A frozen replica (zero kinetic energy) keeps its chain as it was: a
        // chain driven by T = 0 against its target would run away.
        if (frozen(r)) {
          s.velocity_scale(r) = 1.0;
          return;
        }
        if (barostat) nhc_press_integrate(s, r, dt);
        s.t_target(r) = s.t_start(r) + ramp * (s.t_stop(r) - s.t_start(r));
        s.velocity_scale(r) = nhc_temp_integrate(s, r, dt, t_freq);
      });
  scale_velocities(sys, nh.velocity_scale);
  if (barostat) {
    kinetic_energy(sys, nh.kinetic);
    auto ke = nh.kinetic.result();
    auto w = ff.work.totals.result();
    auto len = sys.box_len;
    Kokkos::parallel_for(
        "nose_hoover::initial_barostat", Kokkos::RangePolicy<ExecSpace>(0, sys.n_replicas),
        KOKKOS_LAMBDA(const int r) {
          s.p_hydro(r) = s.p_start(r) + ramp * (s.p_stop(r) - s.p_start(r));
          const double volume = len(r, 0) * len(r, 1) * len(r, 2);
          s.velocity_scale(r) = omega_dot_and_press_factor(s, r, dt, ke(r, 0), w(r, 1) + w(r, 2) + w(r, 3), volume);
        });
    scale_velocities(sys, nh.velocity_scale);
  }
  half_kick(sys, dt);
  if (barostat) remap_half_step(nh, sys, dt);
  drift(sys, dt);
  if (barostat) remap_half_step(nh, sys, dt);
}

void nose_hoover_final(NoseHoover& nh, System& sys, const ForceField& ff) {
  const NoseHoover s = nh;
  const double dt = nh.params.dt, t_freq = 1.0 / nh.params.t_damp;
  const bool barostat = nh.params.barostat;
  half_kick(sys, dt);
  if (barostat) {
    auto omega_dot = nh.omega_dot;
    auto mtk_term2 = nh.mtk_term2;
    auto scale = nh.velocity_scale;
    Kokkos::parallel_for(
        "nose_hoover::final_press_factor", Kokkos::RangePolicy<ExecSpace>(0, sys.n_replicas),
        KOKKOS_LAMBDA(const int r) {
          const double factor = kmath::exp(-0.25 * dt * (omega_dot(r) + mtk_term2(r)));
          scale(r) = factor * factor;
        });
    scale_velocities(sys, nh.velocity_scale);
  }
  kinetic_energy(sys, nh.kinetic);
  auto ke = nh.kinetic.result();
  auto w = ff.work.totals.result();
  auto len = sys.box_len;
  auto frozen = sys.frozen;
  Kokkos::parallel_for(
      "nose_hoover::final_chains", Kokkos::RangePolicy<ExecSpace>(0, sys.n_replicas), KOKKOS_LAMBDA(const int r) {
        if (frozen(r)) {
          s.velocity_scale(r) = 1.0;
          return;
        }
        s.t_current(r) = 2.0 * ke(r, 0) / (s.tdof * units::kB);
        if (barostat) {
          const double volume = len(r, 0) * len(r, 1) * len(r, 2);
          // nh_omega_dot only: its velocity factor belongs to the next step.
          omega_dot_and_press_factor(s, r, dt, ke(r, 0), w(r, 1) + w(r, 2) + w(r, 3), volume);
        }
        s.velocity_scale(r) = nhc_temp_integrate(s, r, dt, t_freq);
        if (barostat) nhc_press_integrate(s, r, dt);
      });
  scale_velocities(sys, nh.velocity_scale);
}

}  // namespace betarelax
