#pragma once
/// The top of the experiments layer: one entry that runs whichever driver a
/// TOML file names (glass preparation, single sample, MetaD campaign, ART).
#include <string>

#include "experiments/common/run_control.hpp"

namespace betarelax::experiments {

/// Runs the experiment a TOML file describes (its `experiment` key) at a
/// profile; returns false when the step budget ran out first.
bool run_experiment(const std::string& toml_path, const std::string& profile, RunControl& control);

}  // namespace betarelax::experiments
