#include <cmath>

#include "experiments/glass_preparation/glass_preparation.hpp"
#include "support/counter_hash.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {

GlassPreparationParams read_glass_preparation(const ExperimentConfig& c) {
  GlassPreparationParams p;
  p.potential = choose_potential(c, "system.potential");
  p.pair_style = read_pair_style(c);
  p.elements = c.texts("system.elements");
  if (p.elements.size() != 2) throw InputError(c.path() + ": system.elements: a binary alloy needs two elements");
  p.cu_fraction = c.number("system.first_element_fraction");
  if (!(p.cu_fraction > 0 && p.cu_fraction < 1)) {
    throw InputError(c.path() + ": system.first_element_fraction must lie strictly between 0 and 1");
  }
  p.lattice_constant = c.positive("system.lattice_constant_A");
  p.fcc_cells = static_cast<int>(c.integer("system.fcc_cells"));
  if (p.fcc_cells < 1) throw InputError(c.path() + ": system.fcc_cells must be at least 1");
  p.configured_seed = static_cast<uint64_t>(c.integer("system.seed"));
  p.realisation = c.integer("system.realisation");
  if (p.realisation < 0) throw InputError(c.path() + ": system.realisation must be 0 or more");
  // Realisation 0 is the file's seed; N > 0 another glass of the same protocol.
  p.seed = p.realisation == 0 ? p.configured_seed
                              : rng::hash(p.configured_seed, rng::kRealisation, static_cast<uint64_t>(p.realisation), 0, 0) >> 1;

  p.schedule.dt_ps = c.positive("md.dt_ps");
  p.t_damp_ps = c.positive("md.t_damp_ps");
  p.p_damp_ps = c.positive("md.p_damp_ps");
  p.pressure_bar = c.number("md.pressure_bar");
  p.skin = c.positive("md.skin_A");

  p.schedule.melt_temperature = c.positive("schedule.melt_temperature_K");
  p.schedule.melt_ps = c.positive("schedule.melt_ps");
  p.schedule.anneal_temperature = c.positive("schedule.anneal_temperature_K");
  p.schedule.anneal_ps = c.number("schedule.anneal_ps");
  p.schedule.cooling_rate = c.positive("schedule.cooling_rate_K_per_s");
  p.schedule.targets = c.numbers("schedule.targets_K");
  p.equilibrate_ps = c.positive("schedule.equilibrate_ps");
  p.nvt_ps = c.positive("schedule.nvt_ps");

  p.thermo_every = c.integer("output.thermo_every");
  p.checkpoint_every = c.integer("output.checkpoint_every");
  if (p.thermo_every < 1 || p.checkpoint_every < 1) {
    throw InputError(c.path() + ": output.thermo_every and output.checkpoint_every must be at least 1");
  }
  p.rdf_r_max = c.positive("structure.rdf_r_max_A");
  p.rdf_bin = c.positive("structure.rdf_bin_A");
  p.rdf_every = c.integer("structure.rdf_every");
  if (p.rdf_every < 1) throw InputError(c.path() + ": structure.rdf_every must be at least 1");
  p.landmark_smoothing = c.positive("structure.landmark_smoothing_A");
  p.landmark_prominence = c.positive("structure.landmark_prominence");
  p.fire_ftol = c.positive("structure.fire_ftol_eV_per_A");
  try {
    make_glass_schedule(p.schedule);  // checks the schedule now, not hours into the run
  } catch (const std::invalid_argument& e) {
    throw InputError(c.path() + " (profile " + c.profile() + "): schedule: " + e.what());
  }
  return p;
}

}  // namespace betarelax::experiments
