#pragma once
/// The collective variable of the paper, Eq. (1): the RMSD of an atom group
/// from its reference positions after removing both centres of geometry and
/// the optimal rotation U, for every replica at once on the device.
///
/// A replica may carry K sites: K disjoint groups, each its own CV channel
/// c = r K + k (its own value, gradient and, in wt_metad.hpp, bias). Groups
/// of one replica never share an atom, so each channel's bias force lands on
/// its own atoms only and the force kernel needs no atomics.
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
  int n_replicas = 0, sites = 1, max_atoms = 0;  ///< channels: n_replicas × sites
  Kokkos::View<int**, MemSpace> atoms;          ///< (channel, max_atoms): atom index within the replica
  IntView count;                                 ///< (channel): group size M
  Kokkos::View<double** [3], MemSpace> ref;     ///< (channel, max_atoms): reference positions (Å)
  RealView value;                                ///< (channel): s, the RMSD (Å)
  Kokkos::View<double** [3], MemSpace> grad;    ///< (channel, max_atoms): ∂s/∂x of each group atom
  int channels() const { return n_replicas * sites; }
};

/// Groups and references: one per channel (c = r × sites + k), or those of
/// one replica's sites (up to `sites`) for every replica: atom indices within
/// a replica and their reference xyz (3 per atom). `capacity`: room for
/// groups of up to this many atoms (set_rmsd_cv_sites); 0: the largest given.
RmsdCv make_rmsd_cv(const System& sys, const std::vector<std::vector<int>>& atoms,
                    const std::vector<std::vector<double>>& reference, int capacity = 0, int sites = 1);

/// Replica r gets new groups and references, one per site (a new run in its
/// slot), up to cv.sites of them: the sites left over are empty (no atoms,
/// s = 0, no force). References are made whole with replica r's box. Throws
/// std::invalid_argument for no group or more than cv.sites, a group larger
/// than the capacity or of fewer than 2 atoms, or two groups sharing an atom.
void set_rmsd_cv_sites(RmsdCv& cv, const System& sys, int r, const std::vector<std::vector<int>>& atoms,
                       const std::vector<std::vector<double>>& reference);

/// s and ∂s/∂x of every channel from the current positions.
void compute_rmsd_cv(const RmsdCv& cv, const System& sys);

/// f_i −= dV/ds · ∂s/∂x_i for the group atoms of every channel (the bias
/// force; dv_ds has one entry per channel).
void apply_cv_force(const RmsdCv& cv, System& sys, const RealView& dv_ds);

/// The same RMSD on the host, for tools and tests: one group, one replica.
double rmsd_host(const std::vector<double>& current, const std::vector<double>& reference, const double box_len[3]);

}  // namespace betarelax
