#pragma once
/// FIRE 2.0 minimisation (Bitzek et al., PRL 97, 170201 (2006); Guénolé et
/// al., Comput. Mater. Sci. 175, 109584 (2020)) of every replica at once, with
/// semi-implicit Euler steps, half-step back on uphill moves and a cap on the
/// per-step displacement, as LAMMPS `min_style fire` (its defaults below).
/// Replicas converge independently; a converged replica is frozen while the
/// others go on. Convergence: the largest per-atom force norm |F_i| below
/// `ftol`, a size-independent criterion (LAMMPS's default is the 2-norm of
/// the whole force vector, which grows as √N).
#include <vector>

#include "core/potential/force_field.hpp"
#include "core/system/system.hpp"

namespace betarelax {

struct FireParams {
  double ftol = 1e-3;       ///< eV/Å, on max_i |F_i|
  long max_steps = 20000;
  double dt = 0.002;        ///< initial step (ps)
  double dt_max = 0.02;     ///< LAMMPS tmax = 10 dt
  double dt_min = 0.00004;  ///< LAMMPS tmin = 0.02 dt
  int n_delay = 20;         ///< steps after an uphill move before dt may grow
  double f_inc = 1.1, f_dec = 0.5;
  double alpha0 = 0.25, f_alpha = 0.99;
  double max_displacement = 0.1;  ///< Å per step per component (LAMMPS dmax)
};

enum class FireStatus { converged, max_steps };

struct FireResult {
  FireStatus status = FireStatus::max_steps;
  long steps = 0;
  double energy = 0;  ///< eV
  double fmax = 0;    ///< eV/Å
};

/// Minimises all replicas in place (velocities are zeroed at the end);
/// returns one result per replica.
std::vector<FireResult> fire_minimize(System& sys, ForceField& ff, const FireParams& params = {});

}  // namespace betarelax
