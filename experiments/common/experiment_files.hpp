#pragma once
/// Where the suite's own experiment files live: $BETARELAX_EXPERIMENTS, the
/// source tree this binary was built from, or the installed share folder.
#include <string>

namespace betarelax::experiments {

/// The path of experiments/<name>.toml; throws InputError naming every place tried.
std::string experiment_file(const std::string& name);

/// The wall time a profile of the experiment is expected to take on the
/// machine its TOML names ([budget] wall_s), or 0 where it gives none.
/// Reported beside the measured time, never enforced.
double wall_budget_s(const std::string& toml_path, const std::string& profile);

}  // namespace betarelax::experiments
