#pragma once
/// The statistics the paper's claims about the temperature dependence rest
/// on, each with a 95 % interval from a bootstrap over samples within each
/// temperature (the draws of the fits of Eq. 7, barrier_fits.hpp):
///  - the slope over T of the mean barrier and of the spectrum's width
///    (§IV.A, Fig. 4a: "ΔF decreases and the spectra narrow with T");
///  - ΔS_eff − ΔS_para (§IV.B: 5.8 < 14.8 < 23.9 k_B; ΔF_eff = (ΔF_para +
///    ΔF_seq)/2 makes it equal to ΔS_seq − ΔS_eff, so one number orders all three);
///  - the linearity of ΔF_eff(T) (Eq. 7): χ² of the residuals of the line
///    against each temperature's bootstrap standard error;
///  - a permutation test of ΔS_eff > 0: the samples shuffled across
///    temperatures (what they are if ΔF does not depend on T) give the null
///    distribution of ΔS_eff, artefacts of Eq. 6 included: a skewed spectrum
///    alone makes ΔF_eff fall with T, since ΔF_para and ΔF_seq lean on its
///    extremes. p = (1 + #{ΔS_eff,perm ≥ ΔS_eff}) / (1 + permutations).
#include <cstdint>
#include <map>
#include <vector>

namespace betarelax::validation {

struct Interval {
  double value = 0;         ///< on the samples themselves
  double lo = 0, hi = 0;    ///< 95 % percentile bootstrap interval
};

struct ClaimStatistics {
  Interval mean_slope_eV_per_K, std_slope_eV_per_K;
  Interval dS_eff_minus_para_kB;  ///< = ΔS_seq − ΔS_eff
  std::vector<double> temperatures_K, se_eff_eV;  ///< bootstrap standard error of ΔF_eff per T
  double linearity_chi2 = 0;
  long linearity_dof = 0;   ///< temperatures − 2
  double linearity_p = 1;   ///< P(χ² ≥ observed) for a straight line (1 when dof = 0)
  double dS_eff_permutation_p = 1;        ///< one-sided p of ΔS_eff against T-exchangeable samples
  double dS_eff_null_mean_kB = 0;         ///< mean ΔS_eff of the permutations (the estimator's own lean)
};

/// Needs two or more temperatures with two or more samples each; `resamples`
/// bootstrap draws and as many permutations.
ClaimStatistics claim_statistics(const std::map<double, std::vector<double>>& samples, int resamples = 2000, uint64_t seed = 1);

}  // namespace betarelax::validation
