#include "experiments/metadynamics/single_sample.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/cv/atom_group.hpp"
#include "core/io/lammps_data.hpp"
#include "core/neighbor/spatial_sort.hpp"
#include "experiments/common/glass_folder.hpp"
#include "experiments/common/group_rule.hpp"
#include "experiments/metadynamics/sample_batch.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {

namespace fs = std::filesystem;

Configuration in_order_of(const Configuration& c, const std::vector<int>& ids) {
  return reordered(c, rows_of_ids(c, ids));
}

bool run_single_sample(const ExperimentConfig& config, RunControl& ctl) {
  const SingleSampleParams p = read_single_sample(config, ctl.glass_dir);
  config.check_all_used();
  const fs::path dir(ctl.out_dir);
  fs::create_directories(dir);
  if (ctl.resume && fs::exists(dir / "sample.json")) {
    // A sample is one unit: finished means sample.json was written (last, atomically).
    if (ctl.log) *ctl.log << "[sample] " << (dir / "sample.json").string() << " exists: nothing to do\n";
    return true;
  }
  SampleBatch b;
  b.params = p;
  const long tkey = std::lround(p.temperature);
  // Spatially sorted: the pair kernels read neighbours from nearby memory.
  b.glass_at[tkey] = spatially_sorted(GlassFolder{p.glass_dir}.read_glass(p.temperature));
  const nlohmann::json potential = GlassFolder{p.glass_dir}.same_potential(p.potential);
  // One temperature: the group is chosen in that glass's inherent structure.
  const AtomGroup group = reference_group(p.center_id, p.center_element, GlassFolder{p.glass_dir}, p.temperature, p.cutoff);
  SamplePoint pt;
  pt.group_ids = group.ids;
  pt.temperature = p.temperature;
  pt.cutoff = p.cutoff;
  pt.cutoff_label = "group.cutoff_A";
  pt.seed = p.seed;
  b.points = {pt};
  b.replicas = 1;
  b.provenance = provenance_json(config);
  b.provenance["potential"] = potential;
  b.sample_dir = [&](const SamplePoint&) { return dir.string(); };
  b.on_finished = [&](const SamplePoint&, const SampleRecord& rec) {
    if (!ctl.log) return;
    *ctl.log << "[sample] " << rec.status;
    const auto& fe = rec.json.at("free_energy");
    if (rec.status == "transition") {
      *ctl.log << ": dF = " << rec.delta_f << " eV, minima " << fe.at("initial_minimum_A").get<double>() << " / "
               << fe.at("product_minimum_A").get<double>() << " A, saddle " << fe.at("saddle_A").get<double>() << " A";
    }
    *ctl.log << "\n";
  };
  b.label = "[sample] WT-MetaD at " + std::to_string(tkey) + " K:";
  b.total = 1;
  return run_sample_batch(b, ctl);
}

}  // namespace betarelax::experiments
