#pragma once
/// The summary.json a finished sampling folder gets: a MetaD campaign
/// (campaign.json + samples.csv → campaign_summary.hpp) or an ART campaign
/// (art.json + events.csv → art_spectrum.hpp), with the options and the
/// provenance its plan records. The sampling drivers write rows only; this
/// summary is analysis, so it is written here, after them.
#include <string>

namespace betarelax::validation {

/// Writes `dir`/summary.json and returns a few lines for the log; returns ""
/// and writes nothing when `dir` is neither kind of campaign folder.
std::string write_folder_summary(const std::string& dir);

}  // namespace betarelax::validation
