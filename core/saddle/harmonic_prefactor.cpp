#include "core/saddle/harmonic_prefactor.hpp"

#include <cmath>
#include <stdexcept>

#include <Eigen/Dense>

#include "support/units.hpp"

namespace betarelax {

std::vector<double> partial_hessian(const EnergyForce& ef, const std::vector<double>& x, const std::vector<int>& rows,
                                    double h, long* calls) {
  const int m = 3 * static_cast<int>(rows.size());
  Eigen::MatrixXd hess(m, m);
  std::vector<double> xp = x, fp(x.size()), fm(x.size());
  for (int c = 0; c < m; ++c) {
    const size_t k = 3 * size_t(rows[c / 3]) + c % 3;
    xp[k] = x[k] + h;
    ef(xp, fp);
    xp[k] = x[k] - h;
    ef(xp, fm);
    xp[k] = x[k];
    if (calls) *calls += 2;
    // H_rc = ∂²E/∂x_r∂x_c = −∂F_r/∂x_c
    for (int r = 0; r < m; ++r) {
      const size_t kr = 3 * size_t(rows[r / 3]) + r % 3;
      hess(r, c) = -(fp[kr] - fm[kr]) / (2 * h);
    }
  }
  const Eigen::MatrixXd sym = 0.5 * (hess + hess.transpose());
  std::vector<double> out(size_t(m) * m);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < m; ++c) out[size_t(r) * m + c] = sym(r, c);
  return out;
}

NormalModes normal_modes(const std::vector<double>& hessian, const std::vector<double>& masses_amu) {
  const int m = 3 * static_cast<int>(masses_amu.size());
  if (hessian.size() != size_t(m) * m) throw std::invalid_argument("normal_modes: Hessian and masses differ in size");
  // eV/(Å² amu) → (rad/s)²
  constexpr double to_si = units::kEv_J / (1e-20 * units::kAmu_kg);
  Eigen::MatrixXd w(m, m);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < m; ++c)
      w(r, c) = hessian[size_t(r) * m + c] / std::sqrt(masses_amu[r / 3] * masses_amu[c / 3]) * to_si;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(w, Eigen::EigenvaluesOnly);
  NormalModes out;
  out.omega2.resize(m);
  // A mode softer than ~0.01 THz is numerical noise of the finite differences.
  constexpr double tolerance = 4e22;  // (rad/s)², ω ≈ 2e11 rad/s
  for (int i = 0; i < m; ++i) {
    out.omega2[i] = es.eigenvalues()(i);
    if (out.omega2[i] < -tolerance) ++out.negative;
    if (std::fabs(out.omega2[i]) <= tolerance) ++out.zero;
  }
  return out;
}

Vineyard vineyard_prefactor(const NormalModes& minimum, const NormalModes& saddle, double nu0_Hz) {
  Vineyard v;
  if (minimum.omega2.size() != saddle.omega2.size() || minimum.omega2.empty()) return v;
  // The same zero modes (the translations of a whole periodic cell) at both
  // ends cancel; anything else soft or negative makes the ratio meaningless.
  if (minimum.negative != 0 || saddle.negative != 1 || minimum.zero != saddle.zero) return v;
  const size_t skip = static_cast<size_t>(minimum.zero);
  // In logarithms: Π over 3M modes of ω is ~10^(13·3M).
  double log_ratio = 0;
  for (size_t i = skip; i < minimum.omega2.size(); ++i) log_ratio += 0.5 * std::log(minimum.omega2[i]);
  for (size_t i = 1 + skip; i < saddle.omega2.size(); ++i) log_ratio -= 0.5 * std::log(saddle.omega2[i]);
  v.nu_star_Hz = std::exp(log_ratio) / (2 * M_PI);
  v.dS_kB = log_ratio - std::log(2 * M_PI) - std::log(nu0_Hz);
  v.valid = std::isfinite(v.nu_star_Hz);
  return v;
}

}  // namespace betarelax
