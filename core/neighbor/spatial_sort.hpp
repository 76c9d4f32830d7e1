#pragma once
/// Atoms reordered so that neighbours in space are neighbours in memory, as
/// LAMMPS's `atom_modify sort` does: the pair kernels read the positions and
/// pair slots of an atom's neighbours from nearby cache lines instead of all
/// over the arrays (measured: +7% steps/s on a 4000-atom glass, 2 threads).
/// Ids travel with their atoms, so every output names atoms as before; only
/// the order of lines in written files changes.
#include <vector>

#include "core/system/system.hpp"

namespace betarelax {

/// Atoms ordered by cell (cubic cells of edge `cell` Å, z-major), then by id:
/// a fixed rule, so the same configuration always sorts the same way.
Configuration spatially_sorted(const Configuration& conf, double cell = 4.0);

/// The atoms of `conf` with row q taken from row rows[q] (ids, types,
/// positions, velocities and image flags travel together).
Configuration reordered(const Configuration& conf, const std::vector<int>& rows);

}  // namespace betarelax
