#pragma once
/// The collective variable of the paper, Eq. (1): the RMSD of an atom group
/// from its reference positions after removing both centres of geometry and
/// the optimal rotation U, for every replica at once on the device.
///
/// U comes from the quaternion method (Coutsias, Seok & Dill, J. Comput.
/// Chem. 25, 1849 (2004); Horn 1987): the eigenvector of the largest
/// eigenvalue of a 4×4 symmetric key matrix built from the correlation matrix
/// C = Σ_i (u_i − ū)(r_i − r̄)ᵀ. At the optimum ∂U/∂x drops out, so
///   ∂s/∂x_i = [(u_i − ū) − Uᵀ(r_i − r̄)] / (M s).
/// The reference is made whole around its first (central) atom, and current
/// positions u_i are unwrapped against it by minimum image
/// (an atom of the group never moves half a box from its reference site).
#include <vector>

#include "core/system/system.hpp"

namespace betarelax {

struct RmsdCv {
  int n_replicas = 0, max_atoms = 0;
  Kokkos::View<int**, MemSpace> atoms;          ///< (R, max_atoms): atom index within the replica
  IntView count;                                 ///< (R): group size M of each replica
  Kokkos::View<double** [3], MemSpace> ref;     ///< (R, max_atoms): reference positions (Å)
  RealView value;                                ///< (R): s, the RMSD (Å)
  Kokkos::View<double** [3], MemSpace> grad;    ///< (R, max_atoms): ∂s/∂x of each group atom
};

/// Groups and references per replica (one entry for all replicas, or one
/// each): atom indices within a replica and their reference xyz (3 per atom).
/// `capacity`: room for groups of up to this many atoms (set_rmsd_cv_group);
/// 0: the largest group given.
RmsdCv make_rmsd_cv(const System& sys, const std::vector<std::vector<int>>& atoms,
                    const std::vector<std::vector<double>>& reference, int capacity = 0);

/// Replica r gets a new group and reference (a new sample in its slot); the
/// reference is made whole with replica r's box. Throws std::invalid_argument
/// for a group larger than the capacity, or one of fewer than 2 atoms.
void set_rmsd_cv_group(RmsdCv& cv, const System& sys, int r, const std::vector<int>& atoms,
                       const std::vector<double>& reference);

/// s and ∂s/∂x of every replica from the current positions.
void compute_rmsd_cv(const RmsdCv& cv, const System& sys);

/// f_i −= dV/ds · ∂s/∂x_i for the group atoms of every replica (the bias force).
void apply_cv_force(const RmsdCv& cv, System& sys, const RealView& dv_ds);

/// The same RMSD on the host, for tools and tests: one group, one replica.
double rmsd_host(const std::vector<double>& current, const std::vector<double>& reference, const double box_len[3]);

}  // namespace betarelax
