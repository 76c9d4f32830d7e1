#pragma once
/// What a campaign reports when its samples are in (summary.json), from
/// samples.csv alone:
///  - every kind: per (T, cutoff) the status counts and the spectrum of ΔF
///    over the samples with a resolved barrier (mean, std, box-plot data,
///    histogram), the mean group size, and the frequency of Eq. (3) with the
///    arithmetic mean barrier, ν0 exp(−⟨ΔF⟩/k_BT) (Fig. 2b);
///  - cluster_size: the same table ordered by cutoff (Fig. 2b);
///  - sample_count: the running mean and std vs n in sample order, box data
///    every box_every samples, spectra after the configured counts (Fig. 3);
///  - temperature_sweep: the per-T spectra (Fig. 4a).
/// The effective barriers and fits of Eqs. (4)–(9) belong to `betarelax analyze`.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "support/units.hpp"

namespace betarelax::validation {

struct CampaignSummaryOptions {
  std::string kind;                ///< cluster_size | sample_count | temperature_sweep
  double nu0_Hz = paper::kNu0_Hz;            ///< Eq. 2
  double histogram_bin_eV = 0.05;
  std::vector<long> spectra_after; ///< sample_count: spectra after these many samples
  long box_every = 10;             ///< sample_count: box data every this many samples
};

nlohmann::json to_json(const CampaignSummaryOptions& o);
CampaignSummaryOptions summary_options_from_json(const nlohmann::json& j);

/// The summary of a campaign's rows (samples.csv: column → cell).
nlohmann::json campaign_summary(const CampaignSummaryOptions& options, const std::vector<std::map<std::string, std::string>>& rows);

/// A few lines for the log: the table of the summary.
std::string campaign_summary_text(const nlohmann::json& summary);

}  // namespace betarelax::validation
