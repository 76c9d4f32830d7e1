#pragma once
/// The activation–relaxation technique, ART nouveau (Barkema & Mousseau,
/// PRL 77, 4358 (1996); Malek & Mousseau, PRE 62, 7723 (2000); Lanczos
/// variant: Cancès et al., JCP 130, 114711 (2009)), on any energy surface
/// given as a host function x → (E, F = −∇E):
///
///  1. from a minimum, push along a direction (the boosted group's atoms);
///  2. while the lowest Hessian eigenvalue λ (Lanczos on finite-difference
///     Hessian–vector products of forces) is above `eigen_threshold`, step
///     outward along the push, relaxing the perpendicular force;
///  3. then follow the lowest mode: FIRE on the modified force
///     F − 2(F·v)v (uphill along v, downhill across it) until |F| is below
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
  double basin_relax = 0.01;       ///< perpendicular steepest-descent factor (length²/energy)
  int perpendicular_steps = 5;     ///< perpendicular relaxation steps per climb step
  int max_basin_steps = 200;
  double eigen_threshold = -0.01;  ///< leave the basin when λ falls below (energy/length²)
  int lanczos_iterations = 16;     ///< Krylov space size
  double lanczos_epsilon = 1e-4;   ///< finite-difference step of H·q (length)
  double lanczos_tolerance = 1e-4; ///< stop when λ changes less than this (relative)
  double force_tolerance = 1e-3;   ///< saddle convergence: |F| below (energy/length)
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
/// full reorthogonalisation from `start`.
LowestMode lanczos_lowest_mode(const EnergyForce& ef, const std::vector<double>& x, const std::vector<double>& f,
                               const std::vector<double>& start, const ArtParams& p);

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
