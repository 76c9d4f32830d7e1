#pragma once
/// The engine's potential as the energy/force function ART nouveau works on
/// (core/saddle/art_nouveau.hpp): coordinates are the 3N unwrapped positions of
/// one replica (continuous across periodic boundaries, so displacements and
/// dot products mean what they say), E in eV, F in eV/Å.
#include <vector>

#include "core/potential/force_field.hpp"
#include "core/saddle/art_nouveau.hpp"
#include "core/system/system.hpp"

namespace betarelax::experiments {

/// x_i + image_i·L of replica 0 of `conf`, flattened.
std::vector<double> unwrapped_positions(const Configuration& conf);

/// E and F of replica 0 of `sys` at given unwrapped positions. Positions are
/// written back wrapped by the list's current image flags, so the Verlet
/// list is rebuilt only when atoms really moved by skin/2. `sys` and `ff`
/// must outlive the function.
EnergyForce engine_energy_force(System& sys, ForceField& ff);

/// The configuration at unwrapped positions `x`, wrapped into the box with
/// image flags (velocities dropped).
Configuration at_positions(const Configuration& conf, const std::vector<double>& x);

}  // namespace betarelax::experiments
