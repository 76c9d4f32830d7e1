#include <filesystem>

#include "experiments/common/group_rule.hpp"
#include "experiments/metadynamics/single_sample.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {

SingleSampleParams read_single_sample(const ExperimentConfig& c, const std::string& glass_dir_override) {
  SingleSampleParams p = read_sample_common(c, glass_dir_override);
  p.temperature = c.positive("input.temperature_K");
  p.cutoff = c.positive("group.cutoff_A");
  p.seed = static_cast<uint64_t>(c.integer("md.seed"));
  return p;
}

SingleSampleParams read_sample_common(const ExperimentConfig& c, const std::string& glass_dir_override) {
  SingleSampleParams p;
  p.potential = choose_potential(c, "system.potential");
  p.pair_style = read_pair_style(c);
  p.elements = c.texts("system.elements");
  // The glass folder is a results path: relative to the working directory.
  const std::string configured = c.text("input.glass_dir");
  p.glass_dir = glass_dir_override.empty() ? configured : glass_dir_override;
  p.center_id = read_group_center(c);
  p.center_element = c.text("group.center_element");
  p.dt_ps = c.positive("md.dt_ps");
  p.t_damp_ps = c.positive("md.t_damp_ps");
  p.skin = c.positive("md.skin_A");
  p.colvar_width = c.positive("metad.colvar_width_A");
  p.hill_width = c.positive("metad.hill_width");
  p.metad.sigma = p.colvar_width * p.hill_width / 2;  // Colvars: σ = width × hillWidth / 2
  p.metad.height0 = c.positive("metad.height0_eV");
  p.metad.bias_temperature = c.positive("metad.bias_temperature_K");
  p.metad.pace = c.integer("metad.pace");
  p.metad.grid_max = c.positive("metad.grid_max_A");
  p.metad.grid_spacing = c.positive("metad.grid_spacing_A");
  p.metad.wall_position = c.number("metad.wall_A");
  p.metad.wall_constant = c.number("metad.wall_constant_eV_per_A2");
  p.rule.baseline_ps = c.positive("transition.baseline_ps");
  p.rule.window_ps = c.positive("transition.window_ps");
  p.rule.jump_A = c.positive("transition.jump_A");
  p.rule.commit_ps = c.positive("transition.commit_ps");
  p.rule.return_A = c.positive("transition.return_A");
  if (p.rule.return_A >= p.rule.jump_A) throw InputError(c.path() + ": transition.return_A must be below jump_A");
  p.is_change_A = c.positive("transition.inherent_change_A");
  p.after_ps = c.number("transition.after_ps");
  p.after_max_ps = c.number("transition.after_max_ps");
  if (p.after_max_ps < p.after_ps) throw InputError(c.path() + ": transition.after_max_ps must be >= after_ps");
  p.max_ps = c.positive("transition.max_ps");
  p.crossing_frames_ps = c.positive("transition.crossing_frames_ps");
  if (p.crossing_frames_ps < p.rule.window_ps + p.rule.commit_ps) {
    throw InputError(c.path() + ": transition.crossing_frames_ps must be >= window_ps + commit_ps (the jump lies that far back)");
  }
  p.cv_every = c.integer("output.cv_every");
  if (p.cv_every < 1 || p.metad.pace < 1) throw InputError(c.path() + ": output.cv_every and metad.pace must be >= 1");
  p.fire_ftol = c.positive("output.fire_ftol_eV_per_A");
  p.nu0_hz = c.positive("rates.nu0_Hz");
  try {
    make_wt_metad(1, p.metad);  // parameter checks now, not after the glass is loaded
  } catch (const std::invalid_argument& e) {
    throw InputError(c.path() + " (profile " + c.profile() + "): metad: " + e.what());
  }
  return p;
}

}  // namespace betarelax::experiments
