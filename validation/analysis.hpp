#pragma once
/// The analysis stage (paper §IV, Eqs. 2–9): spectra of ΔF per temperature
/// → statistics, log-normal fits, effective barriers, the linear fits
/// ΔF_x(T) = ΔQ_x − TΔS_x with uncertainties, frequencies and Arrhenius
/// lines → derived.json. Works on any CSV with columns T_K and dF_eV (a
/// `status` column, when present, keeps only rows with status "transition").
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "support/units.hpp"

namespace betarelax::validation {

/// ΔF samples (eV) per temperature (K).
using Spectra = std::map<double, std::vector<double>>;

/// Reads a samples CSV; throws InputError naming the file, line and column
/// for a missing column, a non-numeric or non-finite value, and (when
/// `strict`) a temperature with fewer than two samples (no spread, no fit).
/// Not strict, such temperatures are left out and listed in `left_out`.
Spectra read_spectra_csv(const std::string& path, bool strict = true, std::vector<double>* left_out = nullptr);

struct AnalysisOptions {
  double nu0_Hz = paper::kNu0_Hz;          ///< Eq. 2 (paper)
  int bootstrap = 2000;          ///< resamples for the 95% intervals
  uint64_t seed = 1;             ///< of the bootstrap draws
  double histogram_bin_eV = 0.05;
  /// The experimental Cu50Zr50 β relaxation (paper §IV.C, Fig. 5): ΔE_β and ΔS.
  double experiment_dE_eV = 1.41, experiment_dS_kB = -1.0;
};

/// derived.json from spectra: per_T.<T>.{n, mean, std, quartiles, histogram,
/// para, seq, eff, lognormal_mu, lognormal_sigma, lognormal_p, lognormal_para,
/// nu_*, shape}, fits.{para,seq,eff}.{dQ_eV, dS_kB, se_*, ci_*, exp_dS_kB} and
/// claims (claim_statistics.hpp) with two or more temperatures, arrhenius
/// lines and the statement on Eq. 5.
nlohmann::json analyze_spectra(const Spectra& spectra, const AnalysisOptions& options = {});

/// The analysis of a results directory: the temperature sweep's spectra
/// (as analyze_spectra), plus the cluster-size and sample-count campaigns'
/// summaries where present. Throws InputError when the directory holds no
/// campaign samples.
nlohmann::json analyze_results_dir(const std::string& dir, const AnalysisOptions& options = {});

/// The two disjoint halves of a sample-count campaign (the first ⌊n/2⌋
/// samples and the rest) from its running mean and std (campaign_summary's
/// `running`, 4 or more points): each half's n, mean and std, the difference
/// of the means and its standard error.
nlohmann::json disjoint_halves(const nlohmann::json& running);

}  // namespace betarelax::validation
