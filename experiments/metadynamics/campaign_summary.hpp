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
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "metad_campaign.hpp"
#include "samples_file.hpp"

namespace betarelax::experiments {

nlohmann::json campaign_summary(const CampaignParams& params, const std::vector<SampleRow>& rows);

/// A few lines for the log: the table of the summary.
std::string campaign_summary_text(const nlohmann::json& summary);

}  // namespace betarelax::experiments
