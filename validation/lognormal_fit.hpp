#pragma once
/// Log-normal spectra (paper §IV.A: "the spectra follow log-normal
/// distributions"): the maximum-likelihood fit and a goodness-of-fit test.
///
/// MLE in closed form: μ = mean(ln x), σ² = mean((ln x − μ)²) (divisor n).
/// Test: Anderson–Darling for normality of ln x with μ and σ estimated from
/// the data (case 3), A*² = A²(1 + 0.75/n + 2.25/n²), p-value from the
/// piecewise formulas of D'Agostino & Stephens, Goodness-of-Fit Techniques
/// (1986), Table 4.9 — the test R's nortest::ad.test performs. The tail-
/// weighted statistic suits spectra whose tails set ΔF_para and ΔF_seq.
#include <vector>

namespace betarelax::validation {

struct LognormalFit {
  long n = 0;
  double mu = 0, sigma = 0;       ///< of ln(ΔF/eV), MLE
  double ad_statistic = 0;        ///< A*², modified for estimated parameters
  double p_value = 0;             ///< of the Anderson–Darling test
  bool rejected_at_5_percent = false;
};

/// Needs at least 3 positive samples (throws std::invalid_argument otherwise).
LognormalFit fit_lognormal(const std::vector<double>& x);

/// p-value of the case-3 Anderson–Darling statistic A*² (normal, μ and σ estimated).
double anderson_darling_p(double a_star_squared);

}  // namespace betarelax::validation
