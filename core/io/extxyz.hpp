#pragma once
/// Extended XYZ frames (readable by OVITO and ASE): species, positions,
/// velocities and ids per atom; Lattice, Origin, pbc and Time per frame.
#include <string>

#include "core/system/system.hpp"

namespace betarelax {

/// Writes one frame; with `append` the frame is added to an existing
/// trajectory file. Positions are written wrapped into the box.
void write_extxyz(const std::string& path, const Configuration& conf, double time_ps, bool append = false);

}  // namespace betarelax
