#pragma once
/// What every experiment driver shares: where results go, whether to resume,
/// how many MD steps this invocation may take, and the provenance block every
/// output carries.
#include <nlohmann/json.hpp>

#include <ostream>
#include <set>
#include <string>

#include "experiments/common/experiment_config.hpp"
#include "experiments/common/progress.hpp"

namespace betarelax::experiments {

struct RunControl {
  std::string out_dir;
  std::string glass_dir;  ///< results of the glass preparation to start from (sampling experiments); empty: the config's
  bool resume = false;
  long stop_after = 0;   ///< MD steps this invocation may take (0: no limit), then checkpoint and exit
  long steps_taken = 0;  ///< MD steps taken so far in this invocation
  int replicas = 0;      ///< replicas per batch of a sampling campaign (0: the config's)
  /// A campaign runs only these sample ids of its plan (empty: all), e.g. to
  /// re-run samples from their seeds under a new rule into a fresh --out (an
  /// id already in its samples.csv is done and skipped, as on --resume).
  std::set<long> only;
  /// --realisation N: the glass preparation's system.realisation (-1: the file's).
  long realisation = -1;
  std::ostream* log = nullptr;
  Progress* progress = nullptr;

  /// Steps still allowed (a large number when unlimited).
  long budget() const { return stop_after > 0 ? stop_after - steps_taken : (1L << 62); }
  /// Replicas per batch: --replicas, else the config's `configured`, else
  /// (both 0) what fills the backend (default_replicas).
  int replicas_for(long configured) const;
};

/// Replicas per batch when neither the command line nor the config gives one.
int default_replicas();

/// git revision, build type, Kokkos version and backend, threads or GPU,
/// profile, config path and hash: the provenance block of every output.
nlohmann::json provenance_json(const ExperimentConfig& config);

/// The potential named by `key`: a path or a list of candidates (first one
/// that exists wins; "default" is Debian's CuZr_mm.eam.fs). Throws InputError
/// naming the key and every path tried.
std::string choose_potential(const ExperimentConfig& config, const std::string& key);

/// system.pair_style: "eam/fs" or "eam/alloy" as LAMMPS names them; absent:
/// "" (the potential file's name decides: *.eam.alloy and *.setfl are
/// eam/alloy). Throws InputError naming the file and key for another value.
std::string read_pair_style(const ExperimentConfig& config);

}  // namespace betarelax::experiments
