#pragma once
/// The paper's glass preparation (§II) and the structure of its glasses
/// (§III, Fig. 2a). Three phases, each resumable:
///  1. cooling: one replica through the schedule (melt → quench → anneal →
///     cool through the targets), NPT at P; the glass saved at each target;
///     checkpointed every `checkpoint_every` steps and at every stage end;
///  2. equilibration: the saved glasses as R replicas, NPT at each target
///     temperature; checkpointed likewise;
///  3. sampling state: each box set to its mean equilibrated volume, NVT at
///     the target (RDFs accumulated), the final state saved as the glass the
///     sampling experiments start from, then FIRE-minimised to its inherent
///     structure. Short; re-run whole from the end of phase 2 if cut.
/// Output files are listed in glass_preparation.toml's header.
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/common/experiment_config.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/glass_preparation/schedule.hpp"

namespace betarelax::experiments {

struct GlassPreparationParams {
  std::string potential;  ///< resolved path
  std::vector<std::string> elements{"Cu", "Zr"};
  double cu_fraction = 0.5;
  double lattice_constant = 4.2;  ///< Å, the fcc start of the melt
  int fcc_cells = 10;             ///< 4 cells³ atoms
  std::string pair_style;        ///< system.pair_style (eam/fs, eam/alloy; empty: from the file name)
  uint64_t seed = 1;             ///< lattice species and melt velocities: the file's seed, or realisation N's
  uint64_t configured_seed = 1;  ///< system.seed as the file gives it
  long realisation = 0;          ///< system.realisation (issue 35): 0 the file's glass, N > 0 another draw

  double pressure_bar = 0, t_damp_ps = 0.2, p_damp_ps = 2.0, skin = 1.0;
  GlassScheduleParams schedule;
  double equilibrate_ps = 1000, nvt_ps = 100;

  long thermo_every = 1000, checkpoint_every = 500000;
  double rdf_r_max = 10.0, rdf_bin = 0.02;
  long rdf_every = 500;
  double landmark_smoothing = 0.05, landmark_prominence = 0.02;
  double fire_ftol = 1e-3;
};

GlassPreparationParams read_glass_preparation(const ExperimentConfig& config);

/// Runs (or resumes) all three phases into control.out_dir. Returns false
/// when the step budget ran out first (state checkpointed; run again with
/// resume to continue).
bool run_glass_preparation(const ExperimentConfig& config, RunControl& control);

/// Phase 1; false when the budget ran out.
bool run_cooling(const GlassPreparationParams& p, RunControl& control);
/// Phases 2 and 3; false when the budget ran out in phase 2.
bool run_equilibration(const GlassPreparationParams& p, const ExperimentConfig& config, RunControl& control);

}  // namespace betarelax::experiments
