#include "experiment_files.hpp"

#include "experiment_config.hpp"
#include "glass_preparation.hpp"
#include "find_file.hpp"
#include "input_error.hpp"
#include "install_paths.hpp"
#include "art_campaign.hpp"
#include "metad_campaign.hpp"
#include "run_control.hpp"
#include "single_sample.hpp"

namespace betarelax::experiments {

std::string experiment_file(const std::string& name) {
  return find_file_in(name + ".toml", "BETARELAX_EXPERIMENTS", {BETARELAX_SOURCE_EXPERIMENTS, BETARELAX_INSTALL_EXPERIMENTS});
}

bool run_experiment(const std::string& toml_path, const std::string& profile, RunControl& control) {
  const ExperimentConfig config(toml_path, profile);
  const std::string kind = config.experiment();
  config.number("budget.wall_s", 0.0);  // read by `reproduce` (wall_budget_s); checked here like any key
  if (kind == "glass_preparation") return run_glass_preparation(config, control);
  if (kind == "single_sample") return run_single_sample(config, control);
  if (kind == "metad_campaign") return run_metad_campaign(config, control);
  if (kind == "art_comparison") return run_art_comparison(config, control);
  throw InputError(toml_path + ": experiment '" + kind +
                   "' is not implemented yet (known: glass_preparation, single_sample, metad_campaign, art_comparison)");
}

double wall_budget_s(const std::string& toml_path, const std::string& profile) {
  const ExperimentConfig config(toml_path, profile);
  return config.number("budget.wall_s", 0.0);
}

}  // namespace betarelax::experiments
