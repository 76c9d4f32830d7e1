#include "experiments/run_experiment.hpp"

#include "experiments/art/art_campaign.hpp"
#include "experiments/common/experiment_config.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/glass_preparation/glass_preparation.hpp"
#include "experiments/metadynamics/metad_campaign.hpp"
#include "experiments/metadynamics/single_sample.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {

bool run_experiment(const std::string& toml_path, const std::string& profile, RunControl& control) {
  ExperimentConfig config(toml_path, profile);
  const std::string kind = config.experiment();
  if (control.realisation >= 0) {
    // Only the glass is drawn anew; every later stage samples the glass it is given.
    if (kind != "glass_preparation") {
      throw InputError("--realisation: " + toml_path + " is a " + kind +
                       " experiment; a realisation is another glass (experiments/glass_preparation.toml), and every later stage "
                       "samples the glass it is given (--glass)");
    }
    config.set_integer("system.realisation", control.realisation, "--realisation");
  }
  config.number("budget.wall_s", 0.0);  // read by `reproduce` (wall_budget_s); checked here like any key
  if (kind == "glass_preparation") return run_glass_preparation(config, control);
  if (kind == "single_sample") return run_single_sample(config, control);
  if (kind == "metad_campaign") return run_metad_campaign(config, control);
  if (kind == "art_comparison") return run_art_comparison(config, control);
  throw InputError(toml_path + ": experiment '" + kind +
                   "' is not implemented yet (known: glass_preparation, single_sample, metad_campaign, art_comparison)");
}

}  // namespace betarelax::experiments
