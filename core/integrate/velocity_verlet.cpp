#include "core/integrate/velocity_verlet.hpp"

namespace betarelax {

void half_kick(System& sys, double dt) {
  auto v = sys.v;
  auto f = sys.f;
  auto type = sys.type;
  auto mass = sys.mass;
  const int n = sys.n_atoms;
  const double dtf = 0.5 * dt * units::ftm2v;
  Kokkos::parallel_for(
      "verlet::half_kick", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * sys.n_replicas),
      KOKKOS_LAMBDA(const size_t k) {
        const double dtfm = dtf / mass(type(static_cast<int>(k % n)));
        v(k, 0) += dtfm * f(k, 0);
        v(k, 1) += dtfm * f(k, 1);
        v(k, 2) += dtfm * f(k, 2);
      });
}

void drift(System& sys, double dt) {
  auto x = sys.x;
  auto v = sys.v;
  Kokkos::parallel_for(
      "verlet::drift", Kokkos::RangePolicy<ExecSpace>(0, size_t(sys.n_atoms) * sys.n_replicas),
      KOKKOS_LAMBDA(const size_t k) {
        x(k, 0) += dt * v(k, 0);
        x(k, 1) += dt * v(k, 1);
        x(k, 2) += dt * v(k, 2);
      });
}

void scale_velocities(System& sys, const Kokkos::View<const double*, MemSpace>& scale) {
  auto v = sys.v;
  const int n = sys.n_atoms;
  Kokkos::parallel_for(
      "verlet::scale_velocities", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * sys.n_replicas),
      KOKKOS_LAMBDA(const size_t k) {
        const double s = scale(k / n);
        v(k, 0) *= s;
        v(k, 1) *= s;
        v(k, 2) *= s;
      });
}

}  // namespace betarelax
