#include "single_sample.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "atom_group.hpp"
#include "input_error.hpp"
#include "lammps_data.hpp"
#include "sample_batch.hpp"
#include "sha256.hpp"
#include "spatial_sort.hpp"

namespace betarelax::experiments {

namespace fs = std::filesystem;

std::string glass_file(const std::string& glass_dir, double temperature, bool inherent) {
  return (fs::path(glass_dir) / ("glass_" + std::to_string(std::lround(temperature)) + (inherent ? "K_inherent.data" : "K.data")))
      .string();
}

Configuration read_glass(const std::string& glass_dir, double temperature) {
  const std::string path = glass_file(glass_dir, temperature);
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

AtomGroup reference_group(const SingleSampleParams& p, const std::string& glass_dir, double t_ref, double cutoff) {
  const std::string path = glass_file(glass_dir, t_ref, true);
  if (!fs::exists(path)) {
    throw InputError(path + ": no inherent structure at the reference temperature " + std::to_string(t_ref) +
                     " K (the group is chosen there; run the glass preparation first, or point --glass at its results)");
  }
  const Configuration inherent = read_lammps_data(path);
  return select_group(inherent, group_center(p, inherent, path), cutoff);
}

nlohmann::json same_potential_as_glass(const std::string& potential, const std::string& glass_dir) {
  const std::string sha = sha256_file(potential);
  const fs::path record = fs::path(glass_dir) / "glass_preparation.json";
  std::ifstream in(record);
  if (!in) throw InputError(record.string() + ": cannot read (the glass record names the potential the glass was made with)");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(record.string() + ": not valid JSON: " + e.what());
  }
  if (!j.contains("potential") || !j["potential"].contains("sha256")) {
    throw InputError(record.string() + ": no potential.sha256 (made by an older betarelax): cannot tell which potential made the glass");
  }
  const std::string glass_sha = j["potential"]["sha256"].get<std::string>();
  if (glass_sha != sha) {
    throw InputError(record.string() + ": the glass was made with potential " + j["potential"].value("path", std::string("?")) +
                     " (sha256 " + glass_sha + "), this run uses " + potential + " (sha256 " + sha +
                     "): barriers on a glass relaxed with another potential mean nothing; use the glass's potential or make a new glass");
  }
  return {{"path", potential}, {"sha256", sha}};
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
  const nlohmann::json potential = same_potential_as_glass(p.potential, p.glass_dir);
  // One temperature: the group is chosen in that glass's inherent structure.
  const AtomGroup group = reference_group(p, p.glass_dir, p.temperature, p.cutoff);
  b.center_id = group.center_id;
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
