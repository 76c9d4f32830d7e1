#pragma once
/// Per-replica thermodynamic observables (LAMMPS `metal` units), computed on
/// the device in a fixed summation order:
///   KE = ½ Σ m v² · mvv2e,  T = 2 KE / (dof k_B), dof = 3N − 3 (momentum fixed),
///   P = (2 KE + W_xx + W_yy + W_zz) / (3V) · nktv2p   (bar),
///   ρ = M / V · 1.66053907 (g/cm³ from amu/Å³, as LAMMPS `density`).
#include <vector>

#include "core/potential/force_field.hpp"
#include "core/system/replica_sum.hpp"
#include "core/system/system.hpp"

namespace betarelax {

/// Degrees of freedom of one replica, as LAMMPS `compute temp` counts them.
inline double temperature_dof(int n_atoms) { return 3.0 * n_atoms - 3.0; }

/// amu/Å³ → g/cm³ (1 amu = 1.66053907e-24 g, 1 Å³ = 1e-24 cm³).
constexpr double kAmuPerA3ToGPerCm3 = 1.66053907;

/// Σ ½ m v² per replica (eV) into `sum.result()` (device).
void kinetic_energy(const System& sys, const ReplicaSum<1>& sum);

/// One thermo row of one replica, on the host.
struct ThermoRow {
  double temperature = 0;  ///< K
  double kinetic = 0;      ///< eV
  double potential = 0;    ///< eV
  double pressure = 0;     ///< bar
  double volume = 0;       ///< Å^3
  double density = 0;      ///< g/cm^3
  double lx = 0, ly = 0, lz = 0;
};

/// Thermo of every replica from the last energy+virial force call.
std::vector<ThermoRow> thermo_rows(const System& sys, const ForceField& ff, const ReplicaSum<1>& ke_sum);

}  // namespace betarelax
