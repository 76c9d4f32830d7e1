#pragma once
/// The checks of the glass-preparation stage (issue #4): the glass is
/// amorphous, at zero pressure within its fluctuation, and its density and
/// partial-RDF first peaks agree with literature values within tolerances
/// whose reasons live beside them in reference-data/glass_structure.toml.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace betarelax::validation {

struct Check {
  std::string name;
  double value = 0, reference = 0, tolerance = 0;  ///< pass: |value − reference| ≤ tolerance (or a bound, see text)
  bool passed = false;
  std::string text;    ///< what was compared, in words
  std::string reason;  ///< why the tolerance is what it is
  std::string source;  ///< where the reference comes from
  /// Non-empty: the check does not apply to this glass (why, in words); it
  /// neither passes nor fails. A glass of another composition has no
  /// literature value here; an imported state has no fluctuation measured.
  std::string skipped;
};

/// Checks structure.json of a glass-preparation result against the reference file.
std::vector<Check> check_glass_structure(const std::string& structure_json, const std::string& reference_toml);

nlohmann::json to_json(const std::vector<Check>& checks);

/// The folder holding reference-data/ (BETARELAX_REFERENCE_DATA, the source
/// tree, the install prefix); throws InputError naming the places tried.
std::string reference_file(const std::string& name);

}  // namespace betarelax::validation
