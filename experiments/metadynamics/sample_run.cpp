#include "experiments/metadynamics/sample_run.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cerrno>
#include <cstring>
#include <iomanip>
#include <stdexcept>

#include "core/bias/fes_landmarks.hpp"
#include "core/cv/atom_group.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/io/lammps_data.hpp"
#include "core/system/types.hpp"
#include "support/atomic_write.hpp"

namespace betarelax::experiments {
namespace {

namespace fs = std::filesystem;

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

std::vector<double> group_xyz(const Configuration& c, const std::vector<int>& rows) {
  std::vector<double> out;
  for (int i : rows)
    for (int d = 0; d < 3; ++d) out.push_back(c.x[3 * i + d]);
  return out;
}

SampleRun::SampleRun(const SamplePoint& point, const SingleSampleParams& params, const SampleFiles& files,
                     std::string dir, const Configuration& glass, std::vector<int> group_rows)
    : point_(point),
      p_(params),
      files_(point.replay ? SampleFiles{false, false, false, false} : files),
      dir_(std::move(dir)),
      glass_(glass),
      rows_(std::move(group_rows)),
      center_id_(glass.id.at(rows_.at(0))),
      wall_start_(std::chrono::steady_clock::now()),
      detector_(params.rule) {
  for (const auto& [site, ids] : point_.neighbours) neighbour_rows_.emplace_back(site, rows_of_ids(glass_, ids));
  p_.temperature = point.temperature;
  p_.cutoff = point.cutoff;
  p_.seed = point.seed;
  max_steps_ = std::lround(p_.max_ps / p_.dt_ps);
  stop_step_ = max_steps_;
  kt_ = units::kB * p_.temperature;
  biasf_ = (p_.temperature + p_.metad.bias_temperature) / p_.temperature;
  if (!point_.replay) fs::create_directories(dir_);
  if (files_.cv) {
    cv_csv_ = std::make_unique<std::ofstream>(fs::path(dir_) / "cv.csv");
    *cv_csv_ << "step,time_ps,rmsd_A,bias_eV\n" << std::setprecision(10);
  }
  if (files_.hills) {
    hills_ = std::make_unique<std::ofstream>(fs::path(dir_) / "HILLS");
    *hills_ << "#! FIELDS time rmsd sigma_rmsd height biasf\n#! SET multivariate false\n#! SET kerneltype gaussian\n"
            << std::setprecision(10);
  }
}

void SampleRun::set_initial_inherent(const Configuration& is_initial) {
  is_initial_ = is_initial;
  is_initial_group_ = group_xyz(is_initial, rows_);
}

void SampleRun::on_hill(long step, double center, double height) {
  ++hills_count_;
  // PLUMED's convention: the height a HILLS file holds is w (ΔT+T)/ΔT.
  if (hills_) *hills_ << step * p_.dt_ps << " " << center << " " << p_.metad.sigma << " " << height * biasf_ / (biasf_ - 1) << " " << biasf_ << "\n";
}

bool SampleRun::wants_landmark_check(long step) const {
  return transition_step_ > 0 && step % (10 * p_.metad.pace) == 0 && (step - transition_step_) * p_.dt_ps >= p_.after_ps;
}

void SampleRun::check_landmarks(long step, const std::vector<double>& grid, const std::vector<double>& bias) {
  const double split = 0.5 * (detector_.level_before() + detector_.level_after());
  const std::vector<double> f = free_energy_profile(bias, p_.temperature, p_.metad.bias_temperature);
  if (fes_landmarks(grid, f, s_min_, split, s_max_, kt_).found) stop_step_ = std::min(stop_step_, step);
}

bool SampleRun::on_cv(long step, double s, double v) {
  const double t = step * p_.dt_ps;
  if (cv_csv_) *cv_csv_ << step << "," << t << "," << s << "," << v << "\n";
  s_min_ = std::min(s_min_, s);
  s_max_ = std::max(s_max_, s);
  // Metadynamics time → physical time: each interval weighted by e^{V/k_BT}.
  boosted_ps_ += p_.cv_every * p_.dt_ps * std::exp(std::min(v / kt_, 700.0));
  if (transition_step_ >= 0) {
    if (detector_.returned(t, s)) revoke(step, t);
    return false;
  }
  if (!detector_.feed(t, s)) return false;
  ++candidates_;
  return true;
}

void SampleRun::revoke(long step, double time_ps) {
  revoked_.push_back({{"left_at_ps", detector_.left_at_ps()}, {"confirmed_at_ps", transition_step_ * p_.dt_ps},
                      {"returned_at_ps", time_ps}, {"level_after_A", detector_.level_after()}});
  transition_step_ = -1;
  crossing_ = CrossingPoint();
  bias_at_crossing_.clear();
  detector_.reject();
  // The search for a transition that stands goes on within the budget; past
  // it the sample ends here without one.
  stop_step_ = std::max(max_steps_, step);
}

void SampleRun::confirm(long step, const Configuration& is_now) {
  const double change = rmsd_host(group_xyz(is_now, rows_), is_initial_group_, is_now.len);
  if (change > p_.is_change_A) {
    transition_step_ = step;
    own_moved_ = change;
    boosted_at_transition_ = boosted_ps_;
    is_after_ = is_now;
    // The other sites across this rearrangement (their own transitions
    // included, when biased in this run): in a run alone they carry no
    // bias, so what moved them is this site's transition through the glass.
    neighbours_moved_ = nlohmann::json::array();
    for (const auto& [site, rows] : neighbour_rows_) {
      neighbours_moved_.push_back({{"site", site}, {"rmsd_A", rmsd_host(group_xyz(is_now, rows), group_xyz(is_initial_, rows), is_now.len)}});
    }
    // The budget bounds the search; a transition found within it always
    // gets its after phase, or F(s) could not show the barrier it crossed.
    stop_step_ = step + std::lround(p_.after_max_ps / p_.dt_ps);
  } else {
    detector_.reject();
  }
}

void SampleRun::remember_bias(long step, std::vector<double> bias) {
  if (!failed_.empty()) return;
  bias_kept_.emplace_back(step, std::move(bias));
  // Keep the newest snapshot at or before the frames' reach, and all after it.
  const long reach = step - std::lround(p_.crossing_frames_ps / p_.dt_ps);
  while (bias_kept_.size() >= 2 && bias_kept_[1].first <= reach) bias_kept_.pop_front();
}

bool SampleRun::still_in_initial(const Configuration& inherent) const {
  return rmsd_host(group_xyz(inherent, rows_), is_initial_group_, inherent.len) <= p_.is_change_A;
}

void SampleRun::set_crossing(const CrossingPoint& c) {
  crossing_ = c;
  bias_at_crossing_.clear();
  if (!c.located) return;
  for (const auto& [step, bias] : bias_kept_)
    if (step <= c.step_in) bias_at_crossing_ = bias;
  // No hill before the crossing: V = 0 there, F flat, no barrier to read.
  if (bias_at_crossing_.empty()) {
    crossing_.located = false;
    crossing_.why = "no hill was laid before the crossing";
  }
}

SampleRecord SampleRun::finish(long step, const Configuration& final_state, const std::vector<double>& grid,
                               const std::vector<double>& bias, const nlohmann::json& provenance,
                               const std::string& potential_path, const std::string& potential_sha256) {
  const fs::path dir(dir_);
  // A trace cut by a full disk must not pass for a finished sample's.
  const auto close_checked = [&](std::unique_ptr<std::ofstream>& os, const char* name) {
    if (!os) return;
    os->close();
    if (os->fail()) throw std::runtime_error((dir / name).string() + ": write failed: " + std::strerror(errno));
  };
  close_checked(cv_csv_, "cv.csv");
  close_checked(hills_, "HILLS");
  const std::vector<double> f = free_energy_profile(bias, p_.temperature, p_.metad.bias_temperature);
  if (files_.fes && failed_.empty()) {
    atomic_write((dir / "fes.csv").string(), [&](std::ostream& os) {
      os << "rmsd_A,bias_eV,free_energy_eV\n" << std::setprecision(10);
      for (size_t i = 0; i < grid.size(); ++i) os << grid[i] << "," << bias[i] << "," << f[i] << "\n";
    });
  }
  // The saddle: F's maximum between the minima (the paper's reading) when
  // it stands k_BT above both; else, for a hop whose product F(s) cannot
  // separate from its saddle, F at the crossing as it stood then
  // (core/bias/fes_landmarks.hpp, crossing_barrier). Both are recorded.
  FesLandmarks lm, hop;
  if (transition_step_ > 0) {
    const double split = 0.5 * (detector_.level_before() + detector_.level_after());
    lm = fes_landmarks(grid, f, s_min_, split, s_max_, kt_);
    if (crossing_.located) {
      hop = crossing_barrier(grid, free_energy_profile(bias_at_crossing_, p_.temperature, p_.metad.bias_temperature),
                             s_min_, crossing_.s());
    }
  }
  const bool by_crossing = !lm.found && hop.found;
  const FesLandmarks product = lm;  // the product minimum, as far as the final F shows one
  if (by_crossing) lm = hop;
  // Effective mass of the RMSD coordinate: |∂s/∂x_i|² sums to 1/M, so
  // m_eff = M / ⟨1/m_i⟩ over the group (amu).
  double inv_mass = 0;
  std::vector<int> ids;
  for (int row : rows_) {
    inv_mass += 1.0 / glass_.mass.at(glass_.type[row]) / rows_.size();
    ids.push_back(glass_.id[row]);
  }
  const double m_eff = rows_.size() / inv_mass;
  const double nu_harmonic = lm.found ? harmonic_frequency(lm.curvature, m_eff) : 0.0;
  SampleRecord rec;
  rec.status = transition_step_ < 0 ? "no_transition" : (lm.found ? "transition" : "transition_no_barrier");
  if (!failed_.empty()) {
    // A broken replica's bias and landmarks mean nothing: none are reported.
    lm = FesLandmarks();
    lm.why = "the sample failed";
    rec.status = "failed";
  }
  rec.delta_f = lm.delta_f;
  const std::string saddle_rule = !lm.found ? "" : (by_crossing ? "crossing" : "maximum");
  const std::string element = glass_.type_names.at(glass_.type[rows_.at(0)]);
  rec.json = {
      {"experiment", "single_sample"},
      {"status", rec.status},
      {"point", {{"id", point_.id}, {"cutoff_label", point_.cutoff_label}, {"sample_index", point_.index},
                 {"site", point_.site}, {"run", point_.run}}},
      {"temperature_K", p_.temperature},
      {"seed", p_.seed},
      {"group", {{"center_id", center_id_}, {"center_rule", p_.center_id > 0 ? "given id" : "atom of " + element + " nearest the box centre"},
                 {"cutoff_A", p_.cutoff}, {"size", ids.size()}, {"ids", ids}}},
      {"metad", {{"sigma_A", p_.metad.sigma}, {"colvar_width_A", p_.colvar_width}, {"hill_width", p_.hill_width},
                 {"height0_eV", p_.metad.height0 * point_.height_factor}, {"series", point_.series}, {"bias_temperature_K", p_.metad.bias_temperature},
                 {"pace_steps", p_.metad.pace}, {"hills", hills_count_}}},
      {"steps", step},
      {"transition", {{"confirmed", transition_step_ > 0}, {"candidates_checked", candidates_},
                      {"time_ps", transition_step_ > 0 ? detector_.left_at_ps() : 0.0},
                      {"boosted_time_ps", boosted_at_transition_},
                      {"baseline_rmsd_A", detector_.baseline()}, {"level_before_A", detector_.level_before()},
                      {"level_after_A", detector_.level_after()}, {"revoked", revoked_},
                      {"own_rmsd_A", transition_step_ > 0 ? own_moved_ : 0.0},
                      {"neighbour_sites", transition_step_ > 0 ? neighbours_moved_ : nlohmann::json::array()},
                      {"displaced_atoms", transition_step_ > 0 ? displaced_atoms(is_initial_, is_after_, 2.0) : nlohmann::json::array()}}},
      {"failure", failed_.empty() ? nlohmann::json(nullptr)
                                  : nlohmann::json{{"why", failed_}, {"step", failed_at_}, {"time_ps", failed_at_ * p_.dt_ps},
                                                   {"last_good_step", last_good_},
                                                   {"last_good_state", "the sample's start: samples are not checkpointed; it reruns from its seed"}}},
      {"free_energy", {{"found", lm.found}, {"why_not", lm.why}, {"saddle_rule", saddle_rule}, {"delta_F_eV", lm.delta_f},
                       {"initial_minimum_A", lm.s_initial}, {"saddle_A", lm.s_saddle}, {"product_minimum_A", product.s_product},
                       {"F_product_minus_initial_eV", product.f_product - product.f_initial},
                       {"curvature_eV_per_A2", lm.curvature},
                       {"maximum_rule", {{"found", product.found}, {"why_not", product.why}, {"delta_F_eV", product.delta_f}}},
                       {"crossing", {{"located", crossing_.located}, {"why_not", crossing_.why},
                                     {"time_in_ps", crossing_.step_in * p_.dt_ps}, {"time_out_ps", crossing_.step_out * p_.dt_ps},
                                     {"s_A", crossing_.located ? crossing_.s() : 0.0}, {"quenches", crossing_.quenches},
                                     {"found", hop.found}, {"why_not_barrier", hop.why}, {"delta_F_eV", hop.delta_f},
                                     {"initial_minimum_A", hop.s_initial}}}}},
      {"attempt_frequency", {{"harmonic_from_F_Hz", nu_harmonic}, {"effective_mass_amu", m_eff},
                             {"configured_nu0_Hz", p_.nu0_hz}, {"paper_nu0_Hz", paper::kNu0_Hz}}},
      {"frequency_Hz", lm.found ? p_.nu0_hz * std::exp(-lm.delta_f / kt_) : 0.0},
      {"wall_time_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count()},
      {"potential", {{"path", potential_path}, {"sha256", potential_sha256}}},
      {"provenance", provenance}};
  if (files_.configurations && failed_.empty()) {
    write_lammps_data((dir / "is_initial.data").string(), is_initial_, "inherent structure before the sample");
    if (transition_step_ > 0) write_lammps_data((dir / "is_transition.data").string(), is_after_, "inherent structure after the transition");
    write_lammps_data((dir / "final.data").string(), final_state, "state at the end of the sample");
  }
  if (!point_.replay) atomic_write((dir / "sample.json").string(), [&](std::ostream& os) { os << rec.json.dump(2) << "\n"; });
  return rec;
}

}  // namespace betarelax::experiments
