#pragma once
/// Reading ΔF off a reconstructed free-energy profile (paper §II, Fig. 1b):
/// F(s) = −((T + ΔT)/ΔT) V(s); the initial minimum, the saddle and the
/// product minimum are located by a fixed rule (below), never by eye, and
/// ΔF(T) = F(saddle) − F(initial minimum).
#include <string>
#include <vector>

namespace betarelax {

/// F on the grid from the well-tempered bias (eV), shifted so min F = 0.
std::vector<double> free_energy_profile(const std::vector<double>& bias, double temperature, double bias_temperature);

struct FesLandmarks {
  bool found = false;
  std::string why;  ///< when not found: what was missing
  double s_initial = 0, f_initial = 0;  ///< Å, eV
  double s_saddle = 0, f_saddle = 0;
  double s_product = 0, f_product = 0;
  double delta_f = 0;     ///< F(saddle) − F(initial), eV
  double curvature = 0;   ///< d²F/ds² at the initial minimum (eV/Å²), parabola over ±fit_half_width
};

/// The rule: the initial minimum is the lowest F on [s_lo, s_split], the
/// product minimum the lowest F on (s_split, s_hi] (s_split: where the CV
/// trajectory crossed between its basins; [s_lo, s_hi]: the range it
/// visited), the saddle the highest F between the two minima. The barrier
/// counts as resolved when the saddle lies strictly between the minima and
/// at least `min_depth` (eV; the driver uses k_BT) above each of them.
FesLandmarks fes_landmarks(const std::vector<double>& s, const std::vector<double>& f, double s_lo, double s_split,
                           double s_hi, double min_depth = 0.0, double fit_half_width = 0.1);

/// d²F/ds² (eV/Å²) at `s0`: a least-squares parabola over ±half_width
/// (0 when fewer than three grid points fall inside).
double curvature_at(const std::vector<double>& s, const std::vector<double>& f, double s0, double half_width);

/// The hop rule: ΔF read where the trajectory crossed. A one-atom hop of
/// ~3 Å in a 13-atom group moves the RMSD by only ~0.85 Å, so its product
/// lies within a hill width (σ = 0.22 Å) of its saddle; F(s) then shows no
/// maximum between the minima (the hills laid in the product smear over the
/// saddle), and fes_landmarks finds none. The barrier is still what the
/// initial basin had to be filled to before the system left it: F from the
/// bias as it stood at the crossing (`f_at_crossing`, before any hill of the
/// product), read at the CV value where the trajectory crossed, minus its
/// lowest value on [s_lo, s_crossing]. The crossing is located by quenching
/// frames of the trajectory (experiments/metadynamics/crossing_point.hpp).
/// The landmarks get the crossing as the saddle; the product is not read.
FesLandmarks crossing_barrier(const std::vector<double>& s, const std::vector<double>& f_at_crossing, double s_lo,
                              double s_crossing, double fit_half_width = 0.1);

/// Harmonic attempt frequency (Hz) from the curvature κ (eV/Å²) of F at a
/// minimum along a CV of effective mass m_eff (amu).
double harmonic_frequency(double curvature, double mass_amu);

}  // namespace betarelax
