#include "experiments/common/experiment_files.hpp"

#include "experiments/common/experiment_config.hpp"
#include "generated/install_paths.hpp"
#include "support/find_file.hpp"

namespace betarelax::experiments {

std::string experiment_file(const std::string& name) {
  return find_file_in(name + ".toml", "BETARELAX_EXPERIMENTS", {BETARELAX_SOURCE_EXPERIMENTS, BETARELAX_INSTALL_EXPERIMENTS});
}

double wall_budget_s(const std::string& toml_path, const std::string& profile) {
  const ExperimentConfig config(toml_path, profile);
  return config.number("budget.wall_s", 0.0);
}

}  // namespace betarelax::experiments
