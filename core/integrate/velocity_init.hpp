#pragma once
/// Maxwell–Boltzmann velocities at temperature T for every replica, like
/// LAMMPS `velocity all create T seed dist gaussian mom yes`: Gaussian
/// components of variance k_B T/m from counter-based random numbers keyed by
/// (seed, replica, atom id), zero total momentum, then an exact rescale to T
/// with dof = 3N − 3. Keyed by atom id, so a replica's velocities do not
/// depend on how atoms are ordered in memory.
#include <cstdint>
#include <vector>

#include "core/system/system.hpp"

namespace betarelax {

/// One temperature for all replicas, or one per replica; replica r uses
/// stream replica_offset + r of the seed.
void create_velocities(System& sys, const std::vector<double>& temperature, uint64_t seed,
                       uint64_t replica_offset = 0);

}  // namespace betarelax
