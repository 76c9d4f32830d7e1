#pragma once
/// Many independent WT-MetaD samples as one batch of R replicas: every MD
/// stage is one kernel launch over all R replicas; when a run ends, its
/// replica takes the next pending run.
///
/// A run is the samples of one MD trajectory: up to K sites of the glass
/// (consecutive points sharing SamplePoint::run, seed and temperature), each
/// with its own RMSD CV, bias, hill clock, transition detection and stop
/// rule. A site that has finished keeps its bias frozen and stops
/// depositing; the run ends when its last site has finished.
///
/// A sample's trajectory depends only on its point (temperature, cutoff,
/// seed), never on its slot, the batch size or its neighbours in the batch:
///  - each replica has its own thermostat chain, bias grid and CV group, and
///    its own neighbour-list rebuilds (core/neighbor_list.hpp);
///  - a slot is refilled only at batch steps that are multiples of
///    Q = lcm(10 × pace, cv_every), so hills, CV samples and stop checks fall
///    on the same steps of the sample's own clock in any batch (a finished
///    slot waits at most Q steps);
///  - forces of the other replicas recomputed at a refill are the same
///    numbers they already had (same positions, same lists).
/// So a run alone (R = 1) and as one of R replicas gives the same bits,
/// which tests/test_campaign.cpp checks.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/run_control.hpp"
#include "experiments/metadynamics/sample_run.hpp"
#include "experiments/metadynamics/single_sample.hpp"

namespace betarelax::experiments {

struct SampleBatch {
  SingleSampleParams params;          ///< shared parameters; T, cutoff and seed come from each point
  SampleFiles files;
  std::vector<SamplePoint> points;    ///< to run, in order, the sites of a run consecutive
  int replicas = 1;                   ///< R (capped at the number of runs)
  std::map<long, Configuration> glass_at;  ///< starting glass per temperature (K, rounded); same atoms in the same order
  nlohmann::json provenance;
  std::function<std::string(const SamplePoint&)> sample_dir;  ///< where a sample writes its files
  /// Called for each finished sample, in the order they finish (never for a replay).
  std::function<void(const SamplePoint&, const SampleRecord&)> on_finished;
  std::string label = "[campaign]";   ///< progress label
  long done_before = 0, total = 0;    ///< for the progress bar: samples done earlier, in the whole campaign
};

/// Runs every point of the batch; true when all are done. With a step budget
/// (control.stop_after) it stops after that many batch steps and returns
/// false: finished samples are in, the unfinished ones start over next time.
bool run_sample_batch(const SampleBatch& batch, RunControl& control);

}  // namespace betarelax::experiments
