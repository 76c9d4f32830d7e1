#pragma once
/// The validation stage of a results directory: the analysis into
/// analysis/derived.json, the glass checks (structure_validation.json) and the
/// paper checks into validation.json and validation.md. `provenance` is the
/// running build's record (support/provenance.hpp), passed in by the caller
/// so that this layer needs no Kokkos.
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace betarelax::validation {

/// The per-temperature table and the fits of a derived.json, for a terminal.
void print_analysis_table(const nlohmann::json& derived, std::ostream& out);

/// The analysis of a results directory into DIR/analysis/derived.json (returns its path).
std::string analyze_into(const std::string& dir, const nlohmann::json& provenance, std::ostream& out);

/// The glass-stage checks of a glass-preparation folder: printed, written to
/// structure_validation.json; true when all pass.
bool validate_glass(const std::string& glass_dir, std::ostream& out);

/// Every check that applies to a results directory (glass, paper numbers);
/// writes validation.json and validation.md; false iff a required check failed.
bool validate_results(const std::string& dir, const std::string& profile_override, const nlohmann::json& provenance,
                      std::ostream& out);

/// `validate DIR --against OTHER` (issue 35): validates both runs from their
/// raw rows (each at its own profile, or the override), compares them
/// (validation/realisations.hpp) into DIR/realisations_agree.json; true iff
/// DIR's required checks pass and the realisations agree.
bool validate_against(const std::string& dir, const std::string& other, const std::string& profile_override,
                      const nlohmann::json& provenance, std::ostream& out);

}  // namespace betarelax::validation
