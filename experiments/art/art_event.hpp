#pragma once
/// One ART nouveau event on a glass (paper §IV.C): a random push of the
/// boosted group's atoms from the inherent structure, the saddle search of
/// core/saddle/art_nouveau.hpp on the engine's forces, and the checks that make
/// a saddle count: force below tolerance, exactly one negative
/// eigenvalue (Lanczos with the negative mode deflated, and the partial
/// Hessian of the region around the event: not two), relaxing back over the saddle
/// returns to the initial minimum and forward reaches a different one. For a
/// verified saddle, Vineyard's prefactor and the harmonic activation entropy.
///
/// Events on the group (the rule fixed in experiments/art_comparison.toml
/// before the runs): the group's region is the group and its first shell
/// (atoms within `region_shell_A` of a group atom). The search leaves the
/// basin only through a mode mostly on the region (ArtParams::min_region_weight);
/// a saddle whose most displaced atom lies outside the region is not the
/// group's event (`off_group`); and "the same minimum" is judged on the
/// group's atoms, so a two-level spot elsewhere in the box that flips during
/// a relaxation does not make the group's event look unconnected (its
/// barrier is then measured from the minimum it relaxes back to). A second
/// unstable mode off the region at the saddle is such a spot at its own
/// inflection: it is slid down and the saddle converged again.
///
/// Every verified event is also measured with WT-MetaD's yardstick: the
/// group RMSD of Eq. (1) of the saddle and of the final minimum from the
/// initial one, and the atoms that move more than 2 Å (Fig. 1's display rule)
/// and 0.5 Å; validation/art_spectrum.hpp sorts events into classes by them.
#include <cstdint>
#include <string>
#include <vector>

#include "core/saddle/art_nouveau.hpp"
#include "core/saddle/harmonic_prefactor.hpp"
#include "support/units.hpp"

namespace betarelax::experiments {

struct ArtGlassParams {
  ArtParams search;              ///< the search itself (atom_dims = 3: forces per atom)
  double same_minimum_A = 0.1;   ///< two minima are one for the group when none of its atoms differs by more (Å)
  double region_shell_A = 4.0;   ///< the group's region: the group and the atoms within this of a group atom (Å)
  double displaced_A = 0.1;      ///< an atom moving more than this from minimum to saddle is displaced (Å)
  double hessian_radius_A = 5.0; ///< partial Hessian: atoms within this of the most displaced atom; 0: no prefactor
  long hessian_max_atoms = 600;  ///< the radius doubles while the region holds no negative mode, up to this many atoms
  double hessian_step_A = 1e-3;  ///< central-difference step of the partial Hessian (Å)
  int verify_lanczos_iterations = 60;  ///< Krylov space of the second-eigenvalue check (from a random start over all atoms)
  double nu0_Hz = paper::kNu0_Hz;  ///< the paper's attempt frequency (Eq. 2), for ΔS_harm = k_B ln(ν*/ν0)
};

/// The initial minimum every event starts from.
struct ArtBasin {
  std::vector<double> x;          ///< unwrapped positions (Å), 3N
  double energy = 0;              ///< eV
  std::vector<int> push_rows;     ///< atoms the push moves (the group)
  std::vector<int> region_rows;   ///< the group's region (art_region); empty: the whole box
  std::vector<double> atom_mass;  ///< amu, per row
  double box_len[3] = {0, 0, 0};  ///< periodic box edges (Å)
};

struct ArtEventResult {
  std::string status;  ///< verified, or why not (see art_event.cpp)
  double e_saddle = 0, e_final = 0;      ///< eV
  double eigenvalue = 0, second_eigenvalue = 0;  ///< eV/Å², lowest and second-lowest at the saddle
  double saddle_fmax = 0;                ///< eV/Å, largest per-atom force at the saddle
  long force_calls = 0;                  ///< the whole event: search, checks, Hessians
  long search_force_calls = 0;           ///< from the push to the converged saddle
  long hessian_force_calls = 0;          ///< the partial Hessians of the prefactor
  double region_weight = 0;              ///< the saddle mode's norm² on the region
  int displaced_atoms = 0;
  double max_displacement_A = 0;
  int most_displaced_row = -1;
  int hessian_negative = -1;             ///< negative modes of the partial Hessian at the saddle (-1: not computed)
  int hessian_atoms = 0;                 ///< atoms of that region
  double e_back = 0;                     ///< eV: the minimum the saddle relaxes back to (the barrier's reference)
  double back_outside_A = 0;             ///< largest move of a non-group atom in the backward relaxation
  double group_rmsd_saddle_A = 0, group_rmsd_final_A = 0;  ///< Eq. (1) from the initial minimum
  int moved_2A = 0, moved_0p5A = 0;      ///< atoms farther than 2 Å / 0.5 Å from the initial minimum in the final one
  Vineyard prefactor;
  std::vector<double> saddle, final_minimum, back_minimum;  ///< unwrapped positions (empty when not reached)
};

/// Push direction of event `seed`: each group atom displaced by components
/// uniform in [−1, 1] (counter-based draws), others still; not normalised.
std::vector<double> art_push(const ArtBasin& basin, uint64_t seed);

ArtEventResult run_art_event(const EnergyForce& ef, const ArtBasin& basin, const ArtGlassParams& p, uint64_t seed);

/// Largest per-atom distance between two configurations (Å), over every atom
/// or over the given rows.
double max_atom_distance(const std::vector<double>& a, const std::vector<double>& b);
double max_atom_distance(const std::vector<double>& a, const std::vector<double>& b, const std::vector<int>& rows);

/// The rows of the group and of every atom within `shell` of one of its atoms
/// (minimum image), sorted.
std::vector<int> art_region(const std::vector<double>& x, const std::vector<int>& group, double shell, const double* len);

}  // namespace betarelax::experiments
