#pragma once
/// Checks of an analysis (derived.json) against the paper's numbers and
/// claims in reference-data/paper.toml, at the results' profile. Each check
/// passes, fails or is skipped with the reason (no data for it yet); a failed
/// `required` check fails the validation, an `expected` one is reported.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace betarelax::validation {

struct PaperCheck {
  std::string id, claim, source, unit, severity;
  std::string status;  ///< pass | fail | skip
  std::string detail;  ///< what was compared, or why it was skipped
  std::string reason;  ///< why the tolerance and severity are what they are
  double paper = 0, measured = 0, uncertainty = 0, tolerance = 0;
  bool has_paper = false, has_measured = false, has_uncertainty = false, has_tolerance = false;
};

std::vector<PaperCheck> run_paper_checks(const nlohmann::json& derived, const std::string& profile,
                                         const std::string& reference_toml);

/// True unless a `required` check failed.
bool required_checks_pass(const std::vector<PaperCheck>& checks);

nlohmann::json paper_checks_json(const std::vector<PaperCheck>& checks, const std::string& profile);
std::string paper_checks_markdown(const std::vector<PaperCheck>& checks, const std::string& profile);

}  // namespace betarelax::validation
