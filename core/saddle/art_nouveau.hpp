#pragma once
/// The activation–relaxation technique, ART nouveau (Barkema & Mousseau,
/// PRL 77, 4358 (1996); Malek & Mousseau, PRE 62, 7723 (2000); Lanczos
/// variant: Cancès et al., JCP 130, 114711 (2009)), on any energy surface
/// given as a host function x → (E, F = −∇E):
///
///  1. from a minimum, push along a direction (the boosted group's atoms);
///  2. while the lowest Hessian eigenvalue λ (Lanczos on finite-difference
///     Hessian–vector products of forces) is above `eigen_threshold`, or its
///     mode lies mostly outside the search's region, step outward along the
///     push, relaxing the perpendicular force (FIRE);
///  3. then climb along the lowest mode v (FIRE on F − 2(F·v)v) until |F| is
///     below `force_tolerance` with λ < 0: a first-order saddle. With a
///     region, a lowest mode off the region (another spot going unstable) is
///     deflated and the region's own lowest mode followed;
///  4. push over the saddle along ±v and relax (FIRE on F) to the two minima
///     it connects.
///
/// Host code on std::vector (a saddle search is a few thousand force calls;
/// the caller maps it onto the engine's forces).
#include <functional>
#include <string>
#include <vector>

namespace betarelax {

/// E(x) and F = −∇E into `force` (resized by the callee's caller to x.size()).
using EnergyForce = std::function<double(const std::vector<double>& x, std::vector<double>& force)>;

struct ArtParams {
  double push_size = 0.1;          ///< first displacement along the push (length units)
  double basin_step = 0.1;         ///< outward step per basin iteration
  int perpendicular_steps = 5;     ///< FIRE steps across the held direction per basin or climb step
  int max_basin_steps = 200;
  int basin_steps_before_lanczos = 0;  ///< basin steps taken before the first Lanczos (ARTn's ninit)
  double eigen_threshold = -0.01;  ///< leave the basin when λ falls below (energy/length²)
  int lanczos_iterations = 16;     ///< Krylov space size
  double lanczos_epsilon = 1e-4;   ///< finite-difference step of H·q (length)
  double lanczos_tolerance = 1e-4; ///< stop when λ changes less than this (relative)
  double force_tolerance = 1e-3;   ///< saddle convergence: |F| below (energy/length)
  /// How |F| is measured: 0, the 2-norm of the whole vector (a 2D surface);
  /// 3, the largest per-atom |F_i| — size-independent, as the engine's FIRE
  /// and LAMMPS's `fmax`, so a tolerance means the same on 500 and 4000 atoms.
  /// With atoms, Lanczos also keeps the uniform translations (exact zero
  /// modes of a periodic system) out of its Krylov space.
  int atom_dims = 0;
  double max_move = 0.05;          ///< largest FIRE displacement per step (length)
  double fire_dt = 0.01, fire_dt_max = 0.1;
  int max_activation_steps = 2000;
  int max_positive_steps = 50;     ///< climb steps in a row with λ ≥ 0 before the search is abandoned
  double over_saddle = 0.05;       ///< push over the saddle along ±v before relaxing (length)
  double relax_tolerance = 1e-4;   ///< minimum convergence: |F| below
  int max_relax_steps = 20000;
  /// Locality, used when a search is given a region (art_find_saddle): the
  /// basin is left only through a lowest mode with at least this fraction of
  /// its norm² on the region, and a climb whose mode falls below it is
  /// abandoned. Without it a min-mode search from a local push leaves through
  /// the softest spot anywhere in the box (on a 500-atom Cu–Zr glass: a
  /// two-level rattle half a box away from the pushed group).
  double min_region_weight = 0.5;
};

/// Σ v_k² over the coordinates k with region[k] ≠ 0 (v unit: the fraction of
/// the mode on the region); 1 for an empty region.
double region_weight(const std::vector<double>& v, const std::vector<char>& region);

struct LowestMode {
  double eigenvalue = 0;
  std::vector<double> vector;  ///< unit
  int force_calls = 0;
};

/// Lowest eigenpair of the Hessian at x (forces f at x given), Lanczos with
/// full reorthogonalisation from `start`. With `deflate` (a unit vector) the
/// Hessian is restricted to its orthogonal complement: at a saddle, deflating
/// the negative mode gives the second-lowest eigenvalue, which must be
/// positive for a first-order saddle.
LowestMode lanczos_lowest_mode(const EnergyForce& ef, const std::vector<double>& x, const std::vector<double>& f,
                               const std::vector<double>& start, const ArtParams& p,
                               const std::vector<double>* deflate = nullptr);

/// |F| as the parameters measure it (see ArtParams::atom_dims).
double force_measure(const std::vector<double>& f, const ArtParams& p);

struct ArtEvent {
  /// saddle | no_saddle_in_basin | lost_negative_curvature | mode_left_region | no_convergence
  std::string status;
  std::vector<double> saddle;
  double energy_min = 0, energy_saddle = 0, eigenvalue = 0;
  std::vector<double> eigenvector;
  double region_weight = 1;  ///< the final mode's weight on the region
  long force_calls = 0;
};

/// Steps 1–3 from the minimum `x_min` along `push` (not necessarily unit).
/// `region`: one flag per coordinate, the part of the system the event must
/// happen in (empty: anywhere); see ArtParams::min_region_weight.
ArtEvent art_find_saddle(const EnergyForce& ef, const std::vector<double>& x_min, const std::vector<double>& push,
                         const ArtParams& p, const std::vector<char>& region = {});

/// Step 3 alone: converges to a saddle from x along the unit `mode`
/// (pointing uphill), as the climb of art_find_saddle (energy_min unset).
ArtEvent art_converge_saddle(const EnergyForce& ef, const std::vector<double>& x, const std::vector<double>& mode,
                             const ArtParams& p, const std::vector<char>& region = {});

struct Relaxed {
  std::vector<double> x;
  double energy = 0;
  bool converged = false;
  long force_calls = 0;
};

/// FIRE on the true force from x (step 4, and the initial minimisation).
Relaxed art_relax(const EnergyForce& ef, std::vector<double> x, const ArtParams& p);

}  // namespace betarelax
