#include "experiments/common/run_control.hpp"

#include <Kokkos_Core.hpp>
#include <filesystem>

#include "core/io/build_info.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {

int default_replicas() {
  // A GPU wants hundreds of thousands of atoms in flight (128 × 4000 atoms
  // need ~1 GB). On CPU threads a batch gains nothing (ci/bench_campaign.sh,
  // 2 threads: R = 2-16 run at 0.80-1.02 of R = 1's atom-steps/s) and a
  // finished slot idles until the next refill step, so one replica.
  const bool host = std::is_same<Kokkos::DefaultExecutionSpace::memory_space, Kokkos::HostSpace>::value;
  return host ? 1 : 128;
}

int RunControl::replicas_for(long configured) const {
  return replicas > 0 ? replicas : (configured > 0 ? static_cast<int>(configured) : default_replicas());
}

nlohmann::json provenance_json(const ExperimentConfig& config) {
  nlohmann::json j = to_json(build_info());
  j.update({{"profile", config.profile()}, {"config", config.path()}, {"config_hash", config.hash()}});
  return j;
}

std::string read_pair_style(const ExperimentConfig& config) {
  const std::string style = config.text("system.pair_style", "");
  if (!style.empty() && style != "eam/fs" && style != "eam/alloy") {
    throw InputError(config.path() + " (profile " + config.profile() + "): system.pair_style: \"" + style +
                     "\" is not eam/fs or eam/alloy");
  }
  return style;
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
