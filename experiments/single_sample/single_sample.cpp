#include "single_sample.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>

#include <nlohmann/json.hpp>

#include "atom_group.hpp"
#include "atomic_write.hpp"
#include "fes_landmarks.hpp"
#include "fire.hpp"
#include "input_error.hpp"
#include "lammps_data.hpp"
#include "md.hpp"
#include "rmsd_cv.hpp"
#include "velocity_init.hpp"

namespace betarelax::experiments {
namespace {

namespace fs = std::filesystem;

/// FIRE-minimised copy of replica 0 (the system itself is left alone).
Configuration inherent_structure(const System& sys, const ForceField& ff, double skin, double ftol) {
  const Configuration now = extract_replica(sys, 0);
  System copy = make_system(now, 1);
  ForceField ff_copy = make_force_field(ff.potential, copy, skin);
  FireParams fp;
  fp.ftol = ftol;
  fire_minimize(copy, ff_copy, fp);
  return extract_replica(copy, 0);
}

std::vector<double> group_xyz(const Configuration& c, const std::vector<int>& rows) {
  std::vector<double> out;
  for (int i : rows)
    for (int d = 0; d < 3; ++d) out.push_back(c.x[3 * i + d]);
  return out;
}

/// Atoms that moved more than `cut` Å between two inherent structures
/// (unwrapped positions: image flags included), with their vectors.
nlohmann::json displaced_atoms(const Configuration& a, const Configuration& b, double cut) {
  nlohmann::json out = nlohmann::json::array();
  for (int i = 0; i < a.n_atoms(); ++i) {
    double d[3], r2 = 0;
    for (int k = 0; k < 3; ++k) {
      d[k] = (b.x[3 * i + k] + b.image[3 * i + k] * b.len[k]) - (a.x[3 * i + k] + a.image[3 * i + k] * a.len[k]);
      r2 += d[k] * d[k];
    }
    if (r2 > cut * cut) {
      out.push_back({{"id", a.id[i]}, {"element", a.type_names.at(a.type[i])}, {"displacement_A", {d[0], d[1], d[2]}},
                     {"distance_A", std::sqrt(r2)}});
    }
  }
  return out;
}

}  // namespace

bool run_single_sample(const ExperimentConfig& config, RunControl& ctl) {
  const auto wall_start = std::chrono::steady_clock::now();
  const SingleSampleParams p = read_single_sample(config, ctl.glass_dir);
  config.check_all_used();
  const fs::path dir(ctl.out_dir);
  fs::create_directories(dir);
  if (ctl.resume && fs::exists(dir / "sample.json")) {
    // A sample is one unit: finished means sample.json was written (last, atomically).
    if (ctl.log) *ctl.log << "[sample] " << (dir / "sample.json").string() << " exists: nothing to do\n";
    return true;
  }

  const std::string glass = (fs::path(p.glass_dir) / ("glass_" + std::to_string(std::lround(p.temperature)) + "K.data")).string();
  if (!fs::exists(glass)) {
    throw InputError(glass + ": no glass at " + std::to_string(p.temperature) +
                     " K (run the glass preparation first, or point input.glass_dir / --glass at its results)");
  }
  const Configuration ref = read_lammps_data(glass);
  const auto element = std::find(ref.type_names.begin(), ref.type_names.end(), p.center_element);
  if (element == ref.type_names.end()) throw InputError(glass + ": no element " + p.center_element + " for the group centre");
  const int center = p.center_id > 0 ? static_cast<int>(p.center_id)
                                     : central_atom_by_rule(ref, static_cast<int>(element - ref.type_names.begin()));
  const AtomGroup group = select_group(ref, center, p.cutoff);

  System sys = make_system(ref, 1);
  ForceField ff = make_force_field(make_eam_fs(read_eam_fs_file(p.potential), p.elements), sys, p.skin);
  create_velocities(sys, {p.temperature}, p.seed);  // an independent sample per seed
  const Configuration is_initial = inherent_structure(sys, ff, p.skin, p.fire_ftol);
  const std::vector<double> is_initial_group = group_xyz(is_initial, group.rows);

  RmsdCv cv = make_rmsd_cv(sys, {group.rows}, {group_xyz(ref, group.rows)});
  WtMetad metad = make_wt_metad(1, p.metad);
  MdParams mp;
  mp.ensemble = Ensemble::nvt;
  mp.dt = p.dt_ps;
  mp.t_start = {p.temperature};
  mp.t_damp = p.t_damp_ps;
  MdIntegrator md = make_md(sys, ff, mp);
  md.post_force = [&](System& s) {
    compute_rmsd_cv(cv, s);
    wt_metad_evaluate(metad, cv.value);
    apply_cv_force(cv, s, metad.dv_ds);
  };
  md.post_force(sys);  // the first half-kick sees the bias too (LAMMPS fix setup)

  const double kt = units::kB * p.temperature, biasf = (p.temperature + p.metad.bias_temperature) / p.temperature;
  std::ofstream cv_csv(dir / "cv.csv"), hills(dir / "HILLS");
  cv_csv << "step,time_ps,rmsd_A,bias_eV\n" << std::setprecision(10);
  hills << "#! FIELDS time rmsd sigma_rmsd height biasf\n#! SET multivariate false\n#! SET kerneltype gaussian\n"
        << std::setprecision(10);
  TransitionDetector detector(p.rule);
  const long max_steps = std::lround(p.max_ps / p.dt_ps);
  long stop_step = max_steps, transition_step = -1;
  double boosted_ps = 0, boosted_at_transition = 0, s_min = 1e300, s_max = 0;
  Configuration is_after;
  int candidates = 0;
  auto host_scalar = [](const RealView& v) {
    double x;
    Kokkos::deep_copy(Kokkos::View<double, Kokkos::HostSpace>(&x), Kokkos::subview(v, 0));
    return x;
  };
  md.run_begin = 0;
  md.run_end = max_steps;
  if (ctl.progress) ctl.progress->start("[sample] WT-MetaD at " + std::to_string(std::lround(p.temperature)) + " K", max_steps);
  for (long step = 1; step <= stop_step; ++step) {
    md_step(md, sys, ff, 0.0, false);
    const double t = step * p.dt_ps;
    if (step % p.metad.pace == 0) {
      wt_metad_deposit(metad, cv.value);
      hills << t << " " << host_scalar(metad.center) << " " << p.metad.sigma << " "
            << host_scalar(metad.height) * biasf / (biasf - 1) << " " << biasf << "\n";  // PLUMED's convention
    }
    // After the transition: stop once F(s) resolves both basins and the saddle.
    if (transition_step > 0 && step % (10 * p.metad.pace) == 0 &&
        (step - transition_step) * p.dt_ps >= p.after_ps) {
      const double split = 0.5 * (detector.level_before() + detector.level_after());
      const std::vector<double> f_now =
          free_energy_profile(wt_metad_bias(metad, 0), p.temperature, p.metad.bias_temperature);
      if (fes_landmarks(wt_metad_grid(metad), f_now, s_min, split, s_max, kt).found) stop_step = step;
    }
    if (step % p.cv_every != 0) continue;
    const double s = host_scalar(cv.value), v = host_scalar(metad.energy);
    cv_csv << step << "," << t << "," << s << "," << v << "\n";
    s_min = std::min(s_min, s);
    s_max = std::max(s_max, s);
    // Metadynamics time → physical time: each interval weighted by e^{V/k_BT}.
    boosted_ps += p.cv_every * p.dt_ps * std::exp(std::min(v / kt, 700.0));
    if (ctl.progress && step % (100 * p.cv_every) == 0) ctl.progress->update(step);
    if (transition_step < 0 && detector.feed(t, s)) {
      ++candidates;
      const Configuration is_now = inherent_structure(sys, ff, p.skin, p.fire_ftol);
      const double change = rmsd_host(group_xyz(is_now, group.rows), is_initial_group, is_now.len);
      if (change > p.is_change_A) {
        transition_step = step;
        boosted_at_transition = boosted_ps;
        is_after = is_now;
        stop_step = std::min(max_steps, step + std::lround(p.after_max_ps / p.dt_ps));
        if (ctl.log) *ctl.log << "\n[sample] transition confirmed at " << t << " ps (inherent group RMSD change " << change << " A)\n";
      } else {
        detector.reject();
      }
    }
  }
  if (ctl.progress) ctl.progress->finish();
  cv_csv.close();
  hills.close();

  const std::vector<double> grid = wt_metad_grid(metad), bias = wt_metad_bias(metad, 0);
  const std::vector<double> f = free_energy_profile(bias, p.temperature, p.metad.bias_temperature);
  atomic_write((dir / "fes.csv").string(), [&](std::ostream& os) {
    os << "rmsd_A,bias_eV,free_energy_eV\n" << std::setprecision(10);
    for (size_t i = 0; i < grid.size(); ++i) os << grid[i] << "," << bias[i] << "," << f[i] << "\n";
  });
  FesLandmarks lm;
  if (transition_step > 0) {
    const double split = 0.5 * (detector.level_before() + detector.level_after());
    lm = fes_landmarks(grid, f, s_min, split, s_max, kt);
  }
  // Effective mass of the RMSD coordinate: |∂s/∂x_i|² sums to 1/M, so
  // m_eff = M / ⟨1/m_i⟩ over the group (amu).
  double inv_mass = 0;
  for (int row : group.rows) inv_mass += 1.0 / ref.mass.at(ref.type[row]) / group.rows.size();
  const double m_eff = group.rows.size() / inv_mass;
  const double nu_harmonic = lm.found ? harmonic_frequency(lm.curvature, m_eff) : 0.0;

  const std::string status = transition_step < 0 ? "no_transition" : (lm.found ? "transition" : "transition_no_barrier");
  nlohmann::json out = {
      {"experiment", "single_sample"},
      {"status", status},
      {"temperature_K", p.temperature},
      {"seed", p.seed},
      {"glass", glass},
      {"group", {{"center_id", center}, {"center_rule", p.center_id > 0 ? "given id" : "atom of " + p.center_element + " nearest the box centre"},
                 {"cutoff_A", p.cutoff}, {"size", group.ids.size()}, {"ids", group.ids}}},
      {"metad", {{"sigma_A", p.metad.sigma}, {"colvar_width_A", p.colvar_width}, {"hill_width", p.hill_width},
                 {"height0_eV", p.metad.height0}, {"bias_temperature_K", p.metad.bias_temperature},
                 {"pace_steps", p.metad.pace}, {"hills", metad.hills}}},
      {"steps", std::min(stop_step, max_steps)},
      {"transition", {{"confirmed", transition_step > 0}, {"candidates_checked", candidates},
                      {"time_ps", transition_step > 0 ? detector.left_at_ps() : 0.0},
                      {"boosted_time_ps", boosted_at_transition},
                      {"baseline_rmsd_A", detector.baseline()}, {"level_before_A", detector.level_before()},
                      {"level_after_A", detector.level_after()},
                      {"displaced_atoms", transition_step > 0 ? displaced_atoms(is_initial, is_after, 2.0) : nlohmann::json::array()}}},
      {"free_energy", {{"found", lm.found}, {"why_not", lm.why}, {"delta_F_eV", lm.delta_f},
                       {"initial_minimum_A", lm.s_initial}, {"saddle_A", lm.s_saddle}, {"product_minimum_A", lm.s_product},
                       {"F_product_minus_initial_eV", lm.f_product - lm.f_initial},
                       {"curvature_eV_per_A2", lm.curvature}}},
      {"attempt_frequency", {{"harmonic_from_F_Hz", nu_harmonic}, {"effective_mass_amu", m_eff},
                             {"configured_nu0_Hz", p.nu0_hz}, {"paper_nu0_Hz", 2e12}}},
      {"frequency_Hz", lm.found ? p.nu0_hz * std::exp(-lm.delta_f / kt) : 0.0},
      {"wall_time_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count()},
      {"potential", {{"path", ff.potential.file.path}, {"sha256", ff.potential.file.sha256}}},
      {"provenance", provenance_json(config)}};
  write_lammps_data((dir / "is_initial.data").string(), is_initial, "inherent structure before the sample");
  if (transition_step > 0) write_lammps_data((dir / "is_transition.data").string(), is_after, "inherent structure after the transition");
  write_lammps_data((dir / "final.data").string(), extract_replica(sys, 0), "state at the end of the sample");
  atomic_write((dir / "sample.json").string(), [&](std::ostream& os) { os << out.dump(2) << "\n"; });
  if (ctl.log) {
    *ctl.log << "[sample] " << status;
    if (lm.found) *ctl.log << ": dF = " << lm.delta_f << " eV, minima " << lm.s_initial << " / " << lm.s_product << " A, saddle " << lm.s_saddle << " A";
    *ctl.log << "\n";
  }
  return true;
}

}  // namespace betarelax::experiments
