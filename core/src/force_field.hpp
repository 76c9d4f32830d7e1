#pragma once
/// The potential, its neighbour lists and work arrays: what an integrator or
/// the minimiser calls to get forces, energies and virials of all replicas.
#include "eam_fs.hpp"
#include "neighbor_list.hpp"
#include "system.hpp"

namespace betarelax {

struct ForceField {
  EamFs potential;
  NeighborList list;
  EamWork work;
  long evaluations = 0;  ///< force calls so far (ART and FIRE report them)
};

/// Binds a potential to a system: checks that every type has an element and a
/// mass (taken from the potential, as LAMMPS pair_coeff does) and builds the
/// first neighbour list. Skin in Å.
ForceField make_force_field(EamFs potential, System& sys, double skin = 1.0);

/// Forces into sys.f, rebuilding the lists when stale. Unless `tally` is
/// forces, per-replica PE and virial land in ff.work.totals.result() (device):
/// columns PE, Wxx, Wyy, Wzz, Wxy, Wxz, Wyz (eV).
void compute_forces(ForceField& ff, System& sys, Tally tally);

}  // namespace betarelax
