#pragma once
/// Velocity-Verlet pieces, for all replicas in one launch each (LAMMPS
/// fix nve's nve_v and nve_x): half kick v += ½dt F/m, drift x += dt v.
#include "core/system/system.hpp"

namespace betarelax {

/// v += ½ dt · ftm2v · F/m (dt in ps).
void half_kick(System& sys, double dt);

/// x += dt · v.
void drift(System& sys, double dt);

/// v *= scale(r) for every atom of replica r; `scale` is a device view of R
/// factors (thermostat and barostat velocity scalings).
void scale_velocities(System& sys, const Kokkos::View<const double*, MemSpace>& scale);

}  // namespace betarelax
