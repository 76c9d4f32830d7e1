#pragma once
/// ΔF_x(T) = ΔQ_x − T ΔS_x (paper Eqs. 3 and 7) for x ∈ {para, seq, eff}:
/// ordinary least squares over the temperatures, standard errors from the
/// residuals (n_T − 2 degrees of freedom), and percentile bootstrap intervals
/// from resampling the ΔF samples within each temperature and recomputing
/// the effective barriers and the fit (deterministic: counter-based draws).
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace betarelax::validation {

struct LineFit {
  double intercept = 0, slope = 0;        ///< y = intercept + slope · x
  double se_intercept = 0, se_slope = 0;  ///< NaN with fewer than 3 points
};

LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

struct BarrierFit {
  double dQ_eV = 0, dS_kB = 0;          ///< ΔQ = intercept, ΔS = −slope (in k_B)
  double se_dQ_eV = 0, se_dS_kB = 0;
  double ci_dQ_eV[2] = {0, 0}, ci_dS_kB[2] = {0, 0};  ///< 95% bootstrap intervals
  long temperatures = 0;
};

/// Draw `b` of the bootstrap over the samples `v` of the `ti`-th temperature:
/// n samples with replacement, deterministic (counter-based) in (seed, b, ti).
std::vector<double> bootstrap_draw(const std::vector<double>& v, uint64_t seed, int b, size_t ti);

/// Permutation `b` of `pooled` (Fisher–Yates), deterministic in (seed, b).
std::vector<double> permutation_draw(std::vector<double> pooled, uint64_t seed, int b);

/// Which effective barrier a fit is for.
enum class Barrier { para, seq, eff };

/// Fits of the three effective barriers from ΔF samples per temperature (K → eV).
/// Needs at least two temperatures; `resamples` bootstrap draws with `seed`.
std::map<Barrier, BarrierFit> fit_effective_barriers(const std::map<double, std::vector<double>>& samples,
                                                     int resamples = 2000, uint64_t seed = 1);

}  // namespace betarelax::validation
