#include "single_sample.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "atom_group.hpp"
#include "input_error.hpp"
#include "lammps_data.hpp"
#include "sample_batch.hpp"
#include "spatial_sort.hpp"

namespace betarelax::experiments {

namespace fs = std::filesystem;

Configuration read_glass(const std::string& glass_dir, double temperature) {
  const std::string path = (fs::path(glass_dir) / ("glass_" + std::to_string(std::lround(temperature)) + "K.data")).string();
  if (!fs::exists(path)) {
    throw InputError(path + ": no glass at " + std::to_string(temperature) +
                     " K (run the glass preparation first, or point input.glass_dir / --glass at its results)");
  }
  return read_lammps_data(path);
}

Configuration in_order_of(const Configuration& c, const std::vector<int>& ids) {
  return reordered(c, rows_of_ids(c, ids));
}

int group_center(const SingleSampleParams& p, const Configuration& ref, const std::string& where) {
  if (p.center_id > 0) return static_cast<int>(p.center_id);
  const auto element = std::find(ref.type_names.begin(), ref.type_names.end(), p.center_element);
  if (element == ref.type_names.end()) throw InputError(where + ": no element " + p.center_element + " for the group centre");
  return central_atom_by_rule(ref, static_cast<int>(element - ref.type_names.begin()));
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
  b.glass_at[tkey] = spatially_sorted(read_glass(p.glass_dir, p.temperature));
  b.center_id = group_center(p, b.glass_at[tkey], p.glass_dir);
  SamplePoint pt;
  pt.temperature = p.temperature;
  pt.cutoff = p.cutoff;
  pt.cutoff_label = "group.cutoff_A";
  pt.seed = p.seed;
  b.points = {pt};
  b.replicas = 1;
  b.provenance = provenance_json(config);
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
