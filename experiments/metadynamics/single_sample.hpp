#pragma once
/// One well-tempered metadynamics sample of ΔF (paper §II, Eq. 1, Fig. 1):
/// the glass at T from the glass preparation, a Cu-centred group within
/// r_c, NVT with the bias on the group's RMSD until the transition is made
/// and confirmed, then `after_ps` more so the product basin shows, then F(s),
/// its landmarks and ΔF = F(saddle) − F(initial minimum). After the
/// transition the sample runs on at least `after_ps`, then stops at the first
/// check (every 10 hills) where F(s) has an initial minimum, a saddle and a
/// product minimum, the saddle at least k_BT above both minima, or after
/// `after_max_ps`: the product
/// basin has to gather bias before its minimum shows in F = −((T+ΔT)/ΔT) V.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bias/wt_metad.hpp"
#include "core/cv/atom_group.hpp"
#include "core/system/system.hpp"
#include "experiments/common/experiment_config.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/metadynamics/transition.hpp"
#include "support/units.hpp"

namespace betarelax::experiments {

struct SingleSampleParams {
  std::string potential;
  std::string pair_style;          ///< system.pair_style (eam/fs, eam/alloy; empty: from the file name)
  std::vector<std::string> elements;
  std::string glass_dir;           ///< the glass preparation's results folder
  double temperature = 300;        ///< K
  long center_id = 0;              ///< 0: by rule (the atom of center_element nearest the box centre)
  std::string center_element = "Cu";
  double cutoff = 4.0;             ///< Å (paper: 4.0 Å, 12 atoms)
  double dt_ps = 0.002, t_damp_ps = 0.2, skin = 1.0;
  uint64_t seed = 1;
  double colvar_width = 0.35, hill_width = 1.2533141373155001;  ///< Colvars width (Å) and hillWidth
  WtMetadParams metad;
  TransitionRule rule;
  double is_change_A = 0.3;  ///< group RMSD between inherent structures that confirms a rearrangement
  double after_ps = 20;      ///< run on at least this long after the confirmed transition ...
  double after_max_ps = 400; ///< ... and until F(s) shows both basins and the saddle, at most this long
  double max_ps = 4000;      ///< budget of the sample
  /// The hop rule's reach back (crossing_point.hpp): frames kept this long
  /// before a confirmation; at least window_ps + commit_ps.
  double crossing_frames_ps = 4.0;
  long cv_every = 10;        ///< CV sampling stride (steps)
  double fire_ftol = 1e-3;
  double nu0_hz = paper::kNu0_Hz;      ///< the rate formulas' attempt frequency (paper, Eq. 2)
};

SingleSampleParams read_single_sample(const ExperimentConfig& config, const std::string& glass_dir_override);

/// What a single sample and a campaign share: every key but the sample's
/// temperature (input.temperature_K), cutoff (group.cutoff_A) and seed (md.seed).
SingleSampleParams read_sample_common(const ExperimentConfig& config, const std::string& glass_dir_override);

/// The same atoms with their rows in the order of `ids` (every replica of a
/// batch shares one atom order; throws InputError naming a missing id).
Configuration in_order_of(const Configuration& c, const std::vector<int>& ids);

/// Runs the sample into control.out_dir; returns true when it ended (with a
/// transition, or with its budget spent, recorded as such), false when
/// control.stop_after cut it. With control.resume a finished sample
/// (sample.json present) is not run again; an unfinished one starts over
/// (samples are not checkpointed).
bool run_single_sample(const ExperimentConfig& config, RunControl& control);

}  // namespace betarelax::experiments
