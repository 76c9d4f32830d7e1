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
  std::string id, kind, claim, source, unit, severity;
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

/// The sha256 of the paper's potential file (Mendelev et al. 2009, NIST
/// Cu-Zr_2.eam.fs), from the [potential] table of reference-data/paper.toml.
std::string paper_potential_sha256(const std::string& reference_toml);

/// The one sentence every output of a profile whose numbers are not physics
/// carries (smoke: the code path at minimum cost); empty for the others.
std::string profile_caveat(const std::string& profile);

/// What a validation showed, in one line: "validation FAILED ..." when a
/// required check failed; at smoke, that the code path ran and its numbers
/// are not physics; "validation passed" only when some physics check (any
/// but the arithmetic identities: kind ordering_para_eff_seq) ran and
/// passed; otherwise that no physics check ran.
std::string validation_verdict(const std::vector<PaperCheck>& checks, const std::string& profile, bool glass_ok);
std::string paper_checks_markdown(const std::vector<PaperCheck>& checks, const std::string& profile);

}  // namespace betarelax::validation
