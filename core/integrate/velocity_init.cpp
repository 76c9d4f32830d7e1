#include "core/integrate/velocity_init.hpp"

#include <stdexcept>

#include "core/integrate/thermo.hpp"
#include "core/system/counter_rng.hpp"
#include "core/system/replica_sum.hpp"

namespace betarelax {

void create_velocities(System& sys, const std::vector<double>& temperature, uint64_t seed, uint64_t replica_offset) {
  const int n = sys.n_atoms, nr = sys.n_replicas;
  if (temperature.size() != 1 && temperature.size() != size_t(nr)) {
    throw std::invalid_argument("create_velocities: give one temperature or one per replica");
  }
  RealView target("velocity_init::target", nr);
  auto target_h = Kokkos::create_mirror_view(target);
  for (int r = 0; r < nr; ++r) {
    target_h(r) = temperature.size() == 1 ? temperature[0] : temperature[r];
    if (target_h(r) < 0) throw std::invalid_argument("create_velocities: negative temperature");
  }
  Kokkos::deep_copy(target, target_h);

  auto v = sys.v;
  auto id = sys.id;
  auto type = sys.type;
  auto mass = sys.mass;
  Kokkos::parallel_for(
      "velocity_init::gaussian", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * nr), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        const int i = static_cast<int>(k - size_t(r) * n);
        const double sigma = kmath::sqrt(units::kB * target(r) / (mass(type(i)) * units::mvv2e));
        for (int d = 0; d < 3; ++d) {
          v(k, d) = sigma * rng::gaussian(seed, rng::kVelocityInit, replica_offset + r, id(i), d);
        }
      });
  // Zero total momentum per replica.
  ReplicaSum<4> momentum(nr, n);
  momentum.sum("velocity_init::momentum", KOKKOS_LAMBDA(int, size_t k, double* acc) {
    const double m = mass(type(static_cast<int>(k % n)));
    acc[0] += m * v(k, 0);
    acc[1] += m * v(k, 1);
    acc[2] += m * v(k, 2);
    acc[3] += m;
  });
  auto p = momentum.result();
  Kokkos::parallel_for(
      "velocity_init::zero_momentum", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * nr), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        for (int d = 0; d < 3; ++d) v(k, d) -= p(r, d) / p(r, 3);
      });
  // Exact rescale to the target temperature.
  ReplicaSum<1> ke(nr, n);
  kinetic_energy(sys, ke);
  auto ke_r = ke.result();
  const double dof = temperature_dof(n);
  RealView scale("velocity_init::scale", nr);
  Kokkos::parallel_for(
      "velocity_init::scale_factor", Kokkos::RangePolicy<ExecSpace>(0, nr), KOKKOS_LAMBDA(const int r) {
        const double t_now = 2.0 * ke_r(r, 0) / (dof * units::kB);
        scale(r) = t_now > 0 ? kmath::sqrt(target(r) / t_now) : 0.0;
      });
  Kokkos::parallel_for(
      "velocity_init::rescale", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * nr), KOKKOS_LAMBDA(const size_t k) {
        const double s = scale(k / n);
        v(k, 0) *= s;
        v(k, 1) *= s;
        v(k, 2) *= s;
      });
}

}  // namespace betarelax
