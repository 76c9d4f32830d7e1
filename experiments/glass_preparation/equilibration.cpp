// Phases 2 and 3 of the glass preparation: NPT equilibration of every saved
// glass as one batch of replicas, then the NVT sampling state, its RDFs and
// its inherent structure.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/integrate/md.hpp"
#include "core/integrate/thermo_csv.hpp"
#include "core/io/checkpoint.hpp"
#include "core/io/extxyz.hpp"
#include "core/io/lammps_data.hpp"
#include "core/minimize/fire.hpp"
#include "core/structure/rdf.hpp"
#include "experiments/common/checkpointed_md.hpp"
#include "experiments/common/glass_folder.hpp"
#include "experiments/glass_preparation/glass_preparation.hpp"
#include "experiments/glass_preparation/structure_record.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {
namespace {

namespace fs = std::filesystem;

/// Per replica, the mean and standard deviation of a thermo column over the
/// rows with step >= from_step.
struct ColumnStats {
  std::vector<double> mean, std;
};

ColumnStats thermo_stats(const std::string& path, const std::string& column, long from_step, int n_replicas) {
  std::ifstream is(path);
  if (!is) throw InputError(path + ": cannot read thermo file");
  std::string line;
  std::getline(is, line);
  std::vector<std::string> names;
  {
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) names.push_back(f);
  }
  const auto col = std::find(names.begin(), names.end(), column) - names.begin();
  if (col == long(names.size())) throw InputError(path + ": no column " + column);
  std::vector<double> sum(n_replicas, 0), sumsq(n_replicas, 0);
  std::vector<long> count(n_replicas, 0);
  while (std::getline(is, line)) {
    std::stringstream ss(line);
    std::vector<std::string> f;
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    if (f.size() != names.size() || std::stol(f[0]) < from_step) continue;
    const int r = std::stoi(f[2]);
    const double v = std::stod(f[col]);
    sum[r] += v;
    sumsq[r] += v * v;
    ++count[r];
  }
  ColumnStats s;
  for (int r = 0; r < n_replicas; ++r) {
    if (count[r] == 0) throw InputError(path + ": no rows for replica " + std::to_string(r));
    const double m = sum[r] / count[r];
    s.mean.push_back(m);
    s.std.push_back(count[r] > 1 ? std::sqrt(std::max(0.0, (sumsq[r] - count[r] * m * m) / (count[r] - 1))) : 0.0);
  }
  return s;
}

std::vector<double> ascending(std::vector<double> t) {
  std::sort(t.begin(), t.end());
  return t;
}

}  // namespace

bool run_equilibration(const GlassPreparationParams& p, const ExperimentConfig& config, RunControl& ctl) {
  const fs::path dir(ctl.out_dir);
  const std::vector<double> temps = ascending(p.schedule.targets);
  const int nr = static_cast<int>(temps.size());
  std::vector<Configuration> quenched;
  for (double t : temps) quenched.push_back(read_lammps_data((dir / "cooling" / (GlassFolder::stem(t) + "_quenched.data")).string()));
  System sys = make_system(quenched[0], nr);
  for (int r = 1; r < nr; ++r) set_replica(sys, r, quenched[r]);
  ForceField ff = make_force_field(p.potential, p.elements, sys, p.skin, p.pair_style);

  // Phase 2: NPT at every target at once, one replica per temperature.
  MdParams mp;
  mp.ensemble = Ensemble::npt;
  mp.dt = p.schedule.dt_ps;
  mp.t_start = temps;
  mp.t_damp = p.t_damp_ps;
  mp.p_start = {p.pressure_bar};
  mp.p_damp = p.p_damp_ps;
  MdIntegrator md = make_md(sys, ff, mp);
  const std::string ckpt = (dir / "equilibrate.ckpt").string(), thermo = (dir / "equilibrate_thermo.csv").string();
  const long npt_steps = std::max(1L, std::lround(p.equilibrate_ps / mp.dt));
  const bool resuming = ctl.resume && fs::exists(ckpt);
  if (resuming) {
    read_checkpoint(ckpt, sys, ff, md);
    truncate_thermo_csv(thermo, md.step);
  } else {
    md.run_begin = 0;
    md.run_end = npt_steps;
  }
  if (md.step < md.run_end) {
    ThermoCsv csv(thermo, mp.dt, resuming);
    if (!resuming) csv.write(md.step, thermo_rows(sys, ff, md.kinetic));
    auto on_thermo = [&](long step, const std::vector<ThermoRow>& rows) { csv.write(step, rows); };
    if (ctl.progress) ctl.progress->start("[glass 2/3] NPT equilibration", md.run_end, md.step);
    if (!advance_checkpointed(md, sys, ff, md.run_end, p.thermo_every, p.checkpoint_every, on_thermo, ckpt, ctl)) {
      if (ctl.progress) ctl.progress->finish();
      return false;
    }
    write_checkpoint(ckpt, sys, ff, md);  // phase 3 restarts from here
    if (ctl.progress) ctl.progress->finish();
  }

  // Phase 3: the NVT sampling state at each replica's mean volume (second half of phase 2).
  const ColumnStats volume = thermo_stats(thermo, "volume_A3", npt_steps / 2, nr);
  set_box_volumes(sys, volume.mean);
  build_neighbor_list(ff.list, sys);
  MdParams nvt = mp;
  nvt.ensemble = Ensemble::nvt;
  MdIntegrator md_nvt = make_md(sys, ff, nvt);
  const long nvt_steps = std::max(p.rdf_every, std::lround(p.nvt_ps / mp.dt));
  Configuration first = extract_replica(sys, 0);
  const double shortest = std::min({first.len[0], first.len[1], first.len[2]});
  const double r_max = std::min(p.rdf_r_max, 0.5 * shortest * 0.999);
  RdfAccumulator rdf(sys, r_max, std::max(1, static_cast<int>(r_max / p.rdf_bin)));
  const std::string nvt_thermo = (dir / "nvt_thermo.csv").string();
  {
    ThermoCsv csv(nvt_thermo, mp.dt);
    auto on_thermo = [&](long step, const std::vector<ThermoRow>& rows) { csv.write(step, rows); };
    md_nvt.run_begin = 0;
    md_nvt.run_end = nvt_steps;
    csv.write(0, thermo_rows(sys, ff, md_nvt.kinetic));
    if (ctl.progress) ctl.progress->start("[glass 3/3] NVT at the mean volume", nvt_steps, 0);
    while (md_nvt.step < nvt_steps) {
      continue_md(md_nvt, sys, ff, p.thermo_every, on_thermo, std::min(p.rdf_every, nvt_steps - md_nvt.step));
      rdf.add_frame(sys);
      if (ctl.progress) ctl.progress->update(md_nvt.step);
    }
    if (ctl.progress) ctl.progress->finish();
  }
  const ColumnStats pe = thermo_stats(nvt_thermo, "pe_eV", 0, nr), press = thermo_stats(nvt_thermo, "pressure_bar", 0, nr);
  const ColumnStats temp = thermo_stats(nvt_thermo, "temperature_K", 0, nr);

  std::vector<Configuration> glass(nr);
  for (int r = 0; r < nr; ++r) {
    glass[r] = extract_replica(sys, r);
    const std::string stem = (dir / GlassFolder::stem(temps[r])).string();
    write_lammps_data(GlassFolder{dir.string()}.glass(temps[r]), glass[r],
                      "betarelax glass at " + std::to_string(temps[r]) + " K: the NVT sampling state");
    write_extxyz(stem + ".xyz", glass[r], md_nvt.step * mp.dt);
  }

  // Inherent structures: FIRE on a copy of every replica at once.
  System is = make_system(glass[0], nr);
  for (int r = 1; r < nr; ++r) set_replica(is, r, glass[r]);
  ForceField ff_is = make_force_field(ff.potential, is, p.skin);
  FireParams fp;
  fp.ftol = p.fire_ftol;
  const std::vector<FireResult> minimised = fire_minimize(is, ff_is, fp);

  const double n = sys.n_atoms;
  nlohmann::json per_t = nlohmann::json::array();
  for (int r = 0; r < nr; ++r) {
    const Configuration inherent = extract_replica(is, r);
    write_lammps_data(GlassFolder{dir.string()}.inherent(temps[r]), inherent,
                      "betarelax inherent structure (FIRE) of the glass at " + std::to_string(temps[r]) + " K");
    const RdfTable table = rdf.table(r);
    write_rdf_csv((dir / ("rdf_" + std::to_string(std::lround(temps[r])) + "K.csv")).string(), table);
    per_t.push_back(structure_entry(temps[r], glass[r], inherent, minimised[r], table, p.elements,
                                    {p.landmark_smoothing, p.landmark_prominence},
                                    {volume.std[r], temp.mean[r], pe.mean[r] / n, press.mean[r], press.std[r]}));
  }
  nlohmann::json summary = {{"experiment", "glass_preparation"},
                            {"n_atoms", sys.n_atoms},
                            {"elements", p.elements},
                            {"glasses", per_t},
                            {"provenance", provenance_json(config)}};
  atomic_write(GlassFolder{dir.string()}.structure(), [&](std::ostream& os) { os << summary.dump(2) << "\n"; });
  return true;
}

}  // namespace betarelax::experiments
