#pragma once
/// Harmonic transition-state theory for one saddle (beyond the paper, §V):
/// Vineyard's prefactor (G. H. Vineyard, J. Phys. Chem. Solids 3, 121
/// (1957)),
///
///   ν* = Π_{i=1}^{3M} ω_i(minimum) / Π_{i=1}^{3M−1} ω_i(saddle)   (/2π, Hz),
///
/// over the normal modes of an active region of M atoms (the others held
/// where they are: a partial Hessian; zero modes, the translations when the
/// region is the whole cell, left out at both ends), and the activation entropy it implies
/// against the paper's attempt frequency, ΔS_harm = k_B ln(ν*/ν0). The paper
/// argues (Fig. 6) that its ΔS_eff ≈ 14.8 k_B is far beyond harmonic; this
/// makes the comparison a number.
///
/// Host code (Eigen) on an energy/force function, as ART nouveau.
#include <vector>

#include "core/saddle/art_nouveau.hpp"

namespace betarelax {

/// The 3M × 3M Hessian (row-major, eV/Å²) of the coordinates of the atoms
/// `rows` (atom i is coordinates 3i..3i+2 of x), by central differences of
/// the forces with step h (Å), symmetrised. 6M force calls, added to *calls.
std::vector<double> partial_hessian(const EnergyForce& ef, const std::vector<double>& x, const std::vector<int>& rows,
                                    double h, long* calls);

struct NormalModes {
  std::vector<double> omega2;  ///< eigenvalues of the mass-weighted Hessian, ascending, (rad/s)² (negative: imaginary)
  int negative = 0;            ///< how many are below −tolerance (a first-order saddle has exactly one)
  int zero = 0;                ///< how many are within ±tolerance (3 translations when the region is the whole cell)
};

/// Normal modes of a partial Hessian; masses in amu, one per atom of the
/// region. Eigenvalues within a tolerance of zero ((2e11 rad/s)², ~0.03 THz:
/// finite-difference noise) count as zero modes, not as negative.
NormalModes normal_modes(const std::vector<double>& hessian, const std::vector<double>& masses_amu);

struct Vineyard {
  bool valid = false;     ///< minimum all positive and saddle exactly one negative
  double nu_star_Hz = 0;  ///< ν* (Hz)
  double dS_kB = 0;       ///< ln(ν*/ν0)
};

Vineyard vineyard_prefactor(const NormalModes& minimum, const NormalModes& saddle, double nu0_Hz);

}  // namespace betarelax
