#include "core/integrate/thermo.hpp"

namespace betarelax {

void kinetic_energy(const System& sys, const ReplicaSum<1>& sum) {
  auto v = sys.v;
  auto type = sys.type;
  auto mass = sys.mass;
  const int n = sys.n_atoms;
  sum.sum("thermo::kinetic_energy", KOKKOS_LAMBDA(int, size_t k, double* acc) {
    const double m = mass(type(static_cast<int>(k % n)));
    acc[0] += 0.5 * units::mvv2e * m * (v(k, 0) * v(k, 0) + v(k, 1) * v(k, 1) + v(k, 2) * v(k, 2));
  });
}

std::vector<ThermoRow> thermo_rows(const System& sys, const ForceField& ff, const ReplicaSum<1>& ke_sum) {
  kinetic_energy(sys, ke_sum);
  auto ke = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ke_sum.result());
  auto tot = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ff.work.totals.result());
  auto len = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  std::vector<ThermoRow> rows(sys.n_replicas);
  const double dof = temperature_dof(sys.n_atoms);
  const double mass = replica_mass(sys);
  for (int r = 0; r < sys.n_replicas; ++r) {
    ThermoRow& t = rows[r];
    t.kinetic = ke(r, 0);
    t.temperature = dof > 0 ? 2.0 * t.kinetic / (dof * units::kB) : 0.0;
    t.potential = tot(r, 0);
    t.lx = len(r, 0);
    t.ly = len(r, 1);
    t.lz = len(r, 2);
    t.volume = t.lx * t.ly * t.lz;
    t.density = mass / t.volume * kAmuPerA3ToGPerCm3;
    t.pressure = (2.0 * t.kinetic + tot(r, 1) + tot(r, 2) + tot(r, 3)) / (3.0 * t.volume) * units::nktv2p;
  }
  return rows;
}

}  // namespace betarelax
