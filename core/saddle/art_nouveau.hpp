#pragma once
/// The activation–relaxation technique, ART nouveau (Barkema & Mousseau,
/// PRL 77, 4358 (1996); Malek & Mousseau, PRE 62, 7723 (2000); Lanczos
/// variant: Cancès et al., JCP 130, 114711 (2009)), on any energy surface
/// given as a host function x → (E, F = −∇E):
///
///  1. from a minimum, push along a direction (the boosted group's atoms);
///  2. while the lowest Hessian eigenvalue λ (Lanczos on finite-difference
///     Hessian–vector products of forces) is above `eigen_threshold`, step
///     outward along the push, relaxing the perpendicular force (FIRE);
///  3. then climb along the lowest mode v: a Newton step along v to where
///     F·v vanishes, then FIRE across v, until |F| is below
///     `force_tolerance` with λ < 0: a first-order saddle;
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
};

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
  std::string status;  ///< saddle | no_saddle_in_basin | lost_negative_curvature | no_convergence
  std::vector<double> saddle;
  double energy_min = 0, energy_saddle = 0, eigenvalue = 0;
  std::vector<double> eigenvector;
  long force_calls = 0;
};

/// Steps 1–3 from the minimum `x_min` along `push` (not necessarily unit).
ArtEvent art_find_saddle(const EnergyForce& ef, const std::vector<double>& x_min, const std::vector<double>& push,
                         const ArtParams& p);

struct Relaxed {
  std::vector<double> x;
  double energy = 0;
  bool converged = false;
  long force_calls = 0;
};

/// FIRE on the true force from x (step 4, and the initial minimisation).
Relaxed art_relax(const EnergyForce& ef, std::vector<double> x, const ArtParams& p);

}  // namespace betarelax
