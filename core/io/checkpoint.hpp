#pragma once
/// Binary checkpoints of the full MD state — positions, velocities, forces,
/// image flags, boxes, the neighbour-list build state, the last virial, the
/// thermostat/barostat chains and the step counters — so that a run resumed
/// from one continues bit for bit. The payload is followed by its SHA-256; a
/// damaged file is refused, never half-loaded.
#include <string>

#include "core/integrate/md.hpp"
#include "core/potential/force_field.hpp"
#include "core/system/system.hpp"

namespace betarelax {

/// Written atomically (temporary file + rename).
void write_checkpoint(const std::string& path, const System& sys, const ForceField& ff, const MdIntegrator& md);

/// Restores into a system, force field and integrator made for the same atoms
/// and parameters (make_system / make_force_field / make_md), so that
/// continue_md goes on exactly as the original run would have. Throws
/// InputError naming the file on a bad magic number, size mismatch or checksum.
void read_checkpoint(const std::string& path, System& sys, ForceField& ff, MdIntegrator& md);

}  // namespace betarelax
