#pragma once
/// Basic types, the execution space and LAMMPS `metal` unit constants.
#include <Kokkos_Core.hpp>

namespace betarelax {

/// The one place the backend is chosen: everything that touches atoms runs in
/// this execution space and keeps its Views in its memory space.
using ExecSpace = Kokkos::DefaultExecutionSpace;
using MemSpace = ExecSpace::memory_space;

/// Per-atom 3-vectors (positions, velocities, forces), flattened over replicas:
/// atom i of replica r lives at row r * n_atoms + i.
using Vec3View = Kokkos::View<double* [3], Kokkos::LayoutRight, MemSpace>;
using RealView = Kokkos::View<double*, MemSpace>;
using IntView = Kokkos::View<int*, MemSpace>;

namespace units {
/// Boltzmann constant, CODATA 2018 (eV/K). LAMMPS `metal` uses 8.617343e-5;
/// the 1e-6 relative difference is below every tolerance of the suite.
constexpr double kB = 8.617333262e-5;
/// LAMMPS `metal` conversions (force.cpp): m v^2 [amu Å^2/ps^2] -> eV, and
/// F/m [eV/Å/amu] -> Å/ps^2, and eV/Å^3 -> bar.
constexpr double mvv2e = 1.0364269e-4;
constexpr double ftm2v = 1.0 / 1.0364269e-4;
constexpr double nktv2p = 1.6021765e6;
}  // namespace units

}  // namespace betarelax
