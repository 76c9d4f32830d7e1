#include "experiment_files.hpp"

#include <cstdlib>
#include <filesystem>

#include "experiment_config.hpp"
#include "glass_preparation.hpp"
#include "input_error.hpp"
#include "install_paths.hpp"
#include "run_control.hpp"
#include "single_sample.hpp"

namespace betarelax::experiments {

std::string experiment_file(const std::string& name) {
  namespace fs = std::filesystem;
  std::vector<fs::path> places;
  if (const char* env = std::getenv("BETARELAX_EXPERIMENTS")) places.emplace_back(env);
  places.emplace_back(BETARELAX_SOURCE_EXPERIMENTS);
  places.emplace_back(BETARELAX_INSTALL_EXPERIMENTS);
  std::string tried;
  for (const fs::path& dir : places) {
    const fs::path file = dir / (name + ".toml");
    if (fs::is_regular_file(file)) return file.string();
    tried += (tried.empty() ? "" : ", ") + file.string();
  }
  throw InputError("experiment file " + name + ".toml not found (tried " + tried + "); set BETARELAX_EXPERIMENTS");
}

bool run_experiment(const std::string& toml_path, const std::string& profile, RunControl& control) {
  const ExperimentConfig config(toml_path, profile);
  const std::string kind = config.experiment();
  if (kind == "glass_preparation") return run_glass_preparation(config, control);
  if (kind == "single_sample") return run_single_sample(config, control);
  throw InputError(toml_path + ": experiment '" + kind + "' is not implemented yet (known: glass_preparation, single_sample)");
}

}  // namespace betarelax::experiments
