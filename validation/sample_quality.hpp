#pragma once
/// What a temperature sweep's spectra leave out, and what the hill rate does
/// to them.
///
/// Censoring: a WT-MetaD sample that does not cross within its budget, or
/// crosses without F(s) resolving a barrier, has no ΔF and is not in the
/// spectrum. The deepest basins are the ones that fail to cross, so a
/// spectrum with many such samples is biased low, most at low T, and ΔS
/// shrinks. Every sample is counted per temperature, never dropped silently.
///
/// Deposition control: the largest systematic of a single-sample ΔF is the
/// deposition rate (w0 / pace: a fast fill overshoots the basin). A campaign
/// may run extra samples at one temperature with a fraction of w0 (series
/// "control" in samples.csv); their spectrum is set beside the main one at
/// the same temperature.
#include <string>

#include <nlohmann/json.hpp>

#include "support/csv_table.hpp"

namespace betarelax::validation {

/// A samples row's series: "sweep", or "control"; files from before the
/// control have no such column and are all sweep.
std::string series_of(const std::map<std::string, std::string>& row);

/// Per temperature of the sweep rows: samples, with a barrier ("transition"),
/// censored ("no_transition": budget spent; "transition_no_barrier": crossed
/// but F(s) shows no saddle), failed, and the fraction without a barrier;
/// plus the largest such fraction over temperatures. Rows need T_K and status.
nlohmann::json censoring(const CsvTable& samples);

/// The control's spectrum (n, mean, std, sem, dF_eff) against the sweep's at
/// the control's temperature, and the difference of the means with its
/// standard error; null when the file holds no control rows.
nlohmann::json deposition_control(const CsvTable& samples);

}  // namespace betarelax::validation
