#pragma once
/// One ART nouveau event on a glass (paper §IV.C): a random push of the
/// boosted group's atoms from the inherent structure, the saddle search of
/// core/saddle/art_nouveau.hpp on the engine's forces, and the checks that make
/// a saddle count: force below tolerance, exactly one negative
/// eigenvalue (Lanczos with the negative mode deflated, and the partial
/// Hessian of the region around the event: not two), relaxing back over the saddle
/// returns to the initial minimum and forward reaches a different one. For a
/// verified saddle, Vineyard's prefactor and the harmonic activation entropy.
#include <cstdint>
#include <string>
#include <vector>

#include "core/saddle/art_nouveau.hpp"
#include "core/saddle/harmonic_prefactor.hpp"
#include "support/units.hpp"

namespace betarelax::experiments {

struct ArtGlassParams {
  ArtParams search;              ///< the search itself (atom_dims = 3: forces per atom)
  double same_minimum_A = 0.1;   ///< two minima are one when no atom differs by more (Å)
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
  std::vector<double> atom_mass;  ///< amu, per row
  double box_len[3] = {0, 0, 0};  ///< periodic box edges (Å)
};

struct ArtEventResult {
  std::string status;  ///< verified, or why not (see art_event.cpp)
  double e_saddle = 0, e_final = 0;      ///< eV
  double eigenvalue = 0, second_eigenvalue = 0;  ///< eV/Å², lowest and second-lowest at the saddle
  double saddle_fmax = 0;                ///< eV/Å, largest per-atom force at the saddle
  long force_calls = 0;
  int displaced_atoms = 0;
  double max_displacement_A = 0;
  int most_displaced_row = -1;
  int hessian_negative = -1;             ///< negative modes of the partial Hessian at the saddle (-1: not computed)
  int hessian_atoms = 0;                 ///< atoms of that region
  Vineyard prefactor;
  std::vector<double> saddle, final_minimum;  ///< unwrapped positions (empty when not reached)
};

/// Push direction of event `seed`: each group atom displaced by components
/// uniform in [−1, 1] (counter-based draws), others still; not normalised.
std::vector<double> art_push(const ArtBasin& basin, uint64_t seed);

ArtEventResult run_art_event(const EnergyForce& ef, const ArtBasin& basin, const ArtGlassParams& p, uint64_t seed);

/// Largest per-atom distance between two configurations (Å).
double max_atom_distance(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace betarelax::experiments
