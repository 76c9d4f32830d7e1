#pragma once
/// Basic types, the execution space and LAMMPS `metal` unit constants.
#include <Kokkos_Core.hpp>

#include "support/units.hpp"

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


}  // namespace betarelax
