#pragma once
/// The potential, its neighbour lists and work arrays: what an integrator or
/// the minimiser calls to get forces, energies and virials of all replicas.
#include <string>
#include <vector>

#include "core/neighbor/neighbor_list.hpp"
#include "core/potential/eam_fs.hpp"
#include "core/system/system.hpp"

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

/// The same from a potential file (as LAMMPS `pair_coeff * * FILE el1 el2`),
/// read as `pair_style` (eam/fs or eam/alloy; empty: from the file name, as
/// LAMMPS users name them): the one way every driver builds its force field.
ForceField make_force_field(const std::string& potential_file, const std::vector<std::string>& elements, System& sys,
                            double skin, const std::string& pair_style = "");

/// Forces into sys.f, rebuilding the lists when stale. Unless `tally` is
/// forces, per-replica PE and virial land in ff.work.totals.result() (device):
/// columns PE, Wxx, Wyy, Wzz, Wxy, Wxz, Wyz (eV).
void compute_forces(ForceField& ff, System& sys, Tally tally);

}  // namespace betarelax
