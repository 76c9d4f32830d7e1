#pragma once
/// LAMMPS `metal` units and constants, and the paper's ν0, free of Kokkos
/// so host-only code (the statistics in validation/) shares them.

namespace betarelax {

namespace units {
/// Boltzmann constant, CODATA 2018 (eV/K). LAMMPS `metal` uses 8.617343e-5;
/// the 1e-6 relative difference is below every tolerance of the suite.
constexpr double kB = 8.617333262e-5;
/// LAMMPS `metal` conversions (force.cpp): m v^2 [amu Å^2/ps^2] -> eV, and
/// F/m [eV/Å/amu] -> Å/ps^2, and eV/Å^3 -> bar.
constexpr double mvv2e = 1.0364269e-4;
constexpr double ftm2v = 1.0 / 1.0364269e-4;
constexpr double nktv2p = 1.6021765e6;
/// SI values (CODATA 2018) for frequencies from Hessians: eV (J) and amu (kg).
constexpr double kEv_J = 1.602176634e-19;
constexpr double kAmu_kg = 1.66053906660e-27;
}  // namespace units

namespace paper {
/// The attempt frequency of the paper's rate formulas (Eq. 2), ν0 = 2e12 Hz:
/// the default of every struct that needs one. Experiments read theirs from
/// the TOML (rates.nu0_Hz, art.nu0_Hz), which a test ties to this value.
constexpr double kNu0_Hz = 2e12;
}  // namespace paper

}  // namespace betarelax
