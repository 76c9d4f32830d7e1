#include "run_control.hpp"

#include <filesystem>

#include "eam_fs_file.hpp"
#include "input_error.hpp"
#include "provenance.hpp"

namespace betarelax::experiments {

nlohmann::json provenance_json(const ExperimentConfig& config) {
  const BuildInfo info = build_info();
  return {{"version", info.version},
          {"git_revision", info.git_revision},
          {"build_type", info.build_type},
          {"kokkos_version", info.kokkos_version},
          {"execution_space", info.execution_space},
          {"concurrency", info.concurrency},
          {"device", info.device},
          {"profile", config.profile()},
          {"config", config.path()},
          {"config_hash", config.hash()}};
}

std::string choose_potential(const ExperimentConfig& config, const std::string& key) {
  std::string tried;
  for (const std::string& raw : config.texts(key)) {
    const std::string path = raw == "default" ? default_potential_path() : config.resolve_path(raw);
    if (!path.empty() && std::filesystem::is_regular_file(path)) return path;
    tried += (tried.empty() ? "" : ", ") + (path.empty() ? raw + " (empty)" : path);
  }
  throw InputError(config.path() + ": " + key + ": none of the potential files exists (tried " + tried + ")");
}

}  // namespace betarelax::experiments
