#pragma once
/// The host-side bookkeeping of one WT-MetaD sample while it runs in a
/// replica slot (paper §II): its CV trace, hills, transition detection,
/// the stop rule after the transition, and at the end F(s), its landmarks,
/// ΔF and the sample's record. The device state (positions, thermostat, bias
/// grid, CV) lives in the batch; the campaign runner feeds each slot the
/// numbers of its replica and does the quenches it asks for.
///
/// Times are the sample's own: step 0 is the moment it took its slot, so a
/// sample does the same thing whichever slot and batch it runs in.
#include <chrono>
#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/system/system.hpp"
#include "experiments/metadynamics/crossing_point.hpp"
#include "experiments/metadynamics/single_sample.hpp"
#include "experiments/metadynamics/transition.hpp"

namespace betarelax::experiments {

/// One point of a campaign's grid: an independent sample.
struct SamplePoint {
  long id = 0;               ///< position in the campaign (rows are keyed by it)
  double temperature = 300;  ///< K
  double cutoff = 4.0;       ///< Å
  std::string cutoff_label;  ///< where the cutoff came from: "4.0", "first_minimum", ...
  long index = 0;            ///< sample number at this (T, cutoff)
  uint64_t seed = 1;         ///< velocities of this sample (counter-based)
  std::vector<int> group_ids;  ///< the boosted atoms, chosen once for the campaign (reference_group)
  double height_factor = 1;  ///< w0 of this sample / metad.height0 (1 but for deposition-rate controls)
  std::string series = "sweep";  ///< "sweep", or "control" for the deposition-rate control
  int site = 0;              ///< which of the campaign's sites (0: the paper's group; sites.hpp)
  long run = 0;              ///< the MD run it shares with its run's other sites (same seed, one replica)
  /// The campaign's other sites at this cutoff (site, ids), biased in this
  /// run or not: how far a transition here moves them is recorded in
  /// sample.json (cross-talk through the glass, issue 21).
  std::vector<std::pair<int, std::vector<int>>> neighbours;
  /// Already in samples.csv: its run is repeated for the sake of another
  /// site of the run (same bits), and it writes nothing.
  bool replay = false;
};

/// Which per-sample files a run writes into its folder (sample.json always).
struct SampleFiles {
  bool cv = true;              ///< cv.csv: s and V every cv_every steps
  bool hills = true;           ///< HILLS (PLUMED format)
  bool fes = true;             ///< fes.csv: V(s) and F(s) on the grid
  bool configurations = true;  ///< is_initial.data, is_transition.data, final.data
};

/// What a finished sample hands back: its sample.json and its row fields.
struct SampleRecord {
  nlohmann::json json;
  std::string status;  ///< transition | transition_no_barrier | no_transition | failed
  double delta_f = 0;  ///< eV (valid when status is "transition")
};

class SampleRun {
 public:
  /// `glass`: the sample's starting configuration (positions at T), `group_rows`:
  /// rows of the boosted group in it (its central atom first).
  SampleRun(const SamplePoint& point, const SingleSampleParams& params, const SampleFiles& files, std::string dir,
            const Configuration& glass, std::vector<int> group_rows);

  /// The inherent structure the sample starts from (the runner quenches).
  void set_initial_inherent(const Configuration& is_initial);

  const SamplePoint& point() const { return point_; }
  const std::vector<int>& group_rows() const { return rows_; }
  long max_steps() const { return max_steps_; }
  bool done(long step) const { return step >= stop_step_; }

  /// A hill was deposited at this step at s = `center` with height `height` (eV).
  void on_hill(long step, double center, double height);
  /// True when the stop rule wants F(s) checked at this step (after the
  /// transition, every 10 hills, at least after_ps on).
  bool wants_landmark_check(long step) const;
  /// The bias of this sample's replica now: stop here when F(s) resolves both basins and the saddle.
  void check_landmarks(long step, const std::vector<double>& grid, const std::vector<double>& bias);
  /// s and V (eV) at a CV sampling step; true when a transition candidate
  /// needs confirming by a quench (then call confirm).
  bool on_cv(long step, double s, double v);
  /// The inherent structure after a candidate: a rearrangement or not.
  void confirm(long step, const Configuration& is_now);
  /// A transition was confirmed at this very step (then locate its crossing).
  bool confirmed_at(long step) const { return transition_step_ == step && step > 0; }
  /// The bias after a hill, kept over the frames' reach (after a
  /// confirmation too: a revoked one's successor needs the bias without gaps):
  /// the hop rule reads F as it stood at the crossing.
  void remember_bias(long step, std::vector<double> bias);
  /// An inherent structure whose group lies within is_change_A of the initial one.
  bool still_in_initial(const Configuration& inherent) const;
  /// Where the trajectory crossed (the batch bisects its frames).
  void set_crossing(const CrossingPoint& c);

  /// The replica went bad (a non-finite CV or bias, or a temperature far
  /// above its thermostat's): the sample ends as "failed" with the
  /// diagnostic, at the first CV check that saw it.
  void fail(long step, long last_good_step, const std::string& why) {
    failed_ = why;
    failed_at_ = step;
    last_good_ = last_good_step;
    stop_step_ = step;
  }

  /// F(s), landmarks and ΔF from the final bias; writes the sample's files
  /// (sample.json last, atomically) and returns its record.
  SampleRecord finish(long step, const Configuration& final_state, const std::vector<double>& grid,
                      const std::vector<double>& bias, const nlohmann::json& provenance,
                      const std::string& potential_path, const std::string& potential_sha256);

 private:
  SamplePoint point_;
  SingleSampleParams p_;
  SampleFiles files_;
  std::string dir_;
  Configuration glass_;
  std::vector<int> rows_;
  std::vector<std::pair<int, std::vector<int>>> neighbour_rows_;  ///< (site, rows) of point_.neighbours
  nlohmann::json neighbours_moved_ = nlohmann::json::array();     ///< their RMSD across the transition
  double own_moved_ = 0;  ///< the group's RMSD across the confirmed transition (Å)
  int center_id_ = 0;
  std::chrono::steady_clock::time_point wall_start_;
  std::unique_ptr<std::ofstream> cv_csv_, hills_;
  TransitionDetector detector_;
  Configuration is_initial_, is_after_;
  std::vector<double> is_initial_group_;
  long max_steps_ = 0, stop_step_ = 0, transition_step_ = -1, hills_count_ = 0;
  int candidates_ = 0;
  nlohmann::json revoked_ = nlohmann::json::array();  ///< confirmed transitions the system came back from
  std::deque<std::pair<long, std::vector<double>>> bias_kept_;  ///< (step, V on the grid) after recent hills
  CrossingPoint crossing_;
  std::vector<double> bias_at_crossing_;  ///< V as it stood at crossing_.step_in (empty: no hill yet)

  /// The system fell back into the initial basin: the transition is revoked.
  void revoke(long step, double time_ps);
  std::string failed_;  ///< why the sample failed (empty: it did not)
  long failed_at_ = 0, last_good_ = 0;
  double boosted_ps_ = 0, boosted_at_transition_ = 0, s_min_ = 1e300, s_max_ = 0;
  double kt_ = 0, biasf_ = 0;
};

/// Positions of `rows` of a configuration, xyz per atom.
std::vector<double> group_xyz(const Configuration& c, const std::vector<int>& rows);

}  // namespace betarelax::experiments
