#include "experiments/glass_preparation/glass_preparation.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/potential/eam_fs_file.hpp"
#include "experiments/common/glass_folder.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {
namespace {

namespace fs = std::filesystem;

/// A results folder belongs to one configuration: resuming with another
/// would splice two different runs together.
void claim_folder(const fs::path& dir, const ExperimentConfig& config, bool resume) {
  fs::create_directories(dir);
  const fs::path stamp = dir / "config_hash";
  if (resume && fs::exists(stamp)) {
    std::ifstream is(stamp);
    std::string hash;
    is >> hash;
    if (hash != config.hash()) {
      throw InputError(dir.string() + " holds results of another configuration (config hash " + hash + ", this one " +
                       config.hash() + "): use another --out, or run without --resume to start over");
    }
  }
  atomic_write(stamp.string(), [&](std::ostream& os) { os << config.hash() << "\n"; });
  atomic_write((dir / "config.toml").string(), [&](std::ostream& os) { os << config.canonical_text() << "\n"; });
}

}  // namespace

bool run_glass_preparation(const ExperimentConfig& config, RunControl& ctl) {
  const auto start = std::chrono::steady_clock::now();
  const GlassPreparationParams p = read_glass_preparation(config);
  config.check_all_used();
  const fs::path dir(ctl.out_dir);
  const GlassFolder glass{dir.string()};
  const fs::path record = glass.record();
  if (ctl.resume && fs::exists(record) && fs::exists(dir / "config_hash")) {
    std::ifstream is(dir / "config_hash");
    std::string hash;
    is >> hash;
    if (hash == config.hash()) {
      if (ctl.log) *ctl.log << "[glass] " << record.string() << " is complete for this configuration: nothing to do\n";
      return true;
    }
  }
  claim_folder(dir, config, ctl.resume);
  if (!ctl.resume) {
    // Starting over: a checkpoint or record left by an earlier run must not
    // be picked up by a later --resume of this one.
    for (const char* stale : {"cooling.ckpt", "equilibrate.ckpt", "structure.json", "structure_validation.json",
                              "glass_preparation.json"})
      fs::remove(dir / stale);
  }

  const std::vector<GlassStage> stages = make_glass_schedule(p.schedule);
  if (ctl.log) {
    *ctl.log << "[glass] " << 4 * p.fcc_cells * p.fcc_cells * p.fcc_cells << " atoms, potential " << p.potential
             << ", " << stages.size() << " stages, " << stages.back().end << " cooling steps\n";
  }
  if (!run_cooling(p, ctl)) return false;
  if (!run_equilibration(p, config, ctl)) return false;

  nlohmann::json structure = glass.read_structure();
  nlohmann::json schedule = nlohmann::json::array();
  for (const GlassStage& s : stages) {
    schedule.push_back({{"stage", s.name}, {"t_start_K", s.t_start}, {"t_stop_K", s.t_stop}, {"steps", s.steps},
                        {"begin_step", s.begin}, {"end_step", s.end}});
  }
  const EamFsFile pot = read_eam_file(p.potential, p.pair_style);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json out = {
      {"experiment", "glass_preparation"},
      {"status", "complete"},
      {"n_atoms", structure["n_atoms"]},
      {"seed", p.seed},
      {"realisation", {{"number", p.realisation}, {"configured_seed", p.configured_seed},
                       {"rule", "0: system.seed; N > 0: a counter hash of (system.seed, N)"}}},
      {"potential", {{"path", pot.path}, {"sha256", pot.sha256}, {"pair_style", pot.pair_style}}},
      {"schedule", schedule},
      {"cooling_rate_K_per_s", p.schedule.cooling_rate},
      {"dt_ps", p.schedule.dt_ps},
      {"pressure_bar", p.pressure_bar},
      {"glasses", structure["glasses"]},
      {"wall_time_s_this_invocation", wall},
      {"provenance", provenance_json(config)},
  };
  atomic_write(record.string(), [&](std::ostream& os) { os << out.dump(2) << "\n"; });
  if (ctl.log) *ctl.log << "[glass] wrote " << record.string() << "\n";
  return true;
}

}  // namespace betarelax::experiments
