#include "experiments/art/art_campaign.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <filesystem>
#include <set>

#include "core/cv/atom_group.hpp"
#include "core/io/lammps_data.hpp"
#include "core/minimize/fire.hpp"
#include "core/neighbor/neighbor_list.hpp"
#include "core/neighbor/spatial_sort.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "core/system/counter_rng.hpp"
#include "experiments/art/art_batch.hpp"
#include "experiments/art/art_engine.hpp"
#include "experiments/art/events_file.hpp"
#include "experiments/common/experiment_files.hpp"
#include "experiments/common/glass_folder.hpp"
#include "experiments/common/group_rule.hpp"
#include "experiments/common/ranks.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {
namespace fs = std::filesystem;

namespace {

/// [art], [search] and [classes] of an art_comparison TOML: the protocol.
void read_art_protocol(const ExperimentConfig& c, ArtCampaignParams& p) {
  p.art.search.atom_dims = 3;
  p.skin = c.positive("art.skin_A");
  p.minimize_ftol = c.positive("art.minimize_ftol_eV_A");
  p.duplicate_eV = c.positive("art.duplicate_eV");
  p.histogram_bin = c.positive("art.histogram_bin_eV");
  p.art.same_minimum_A = c.positive("art.same_minimum_A");
  p.art.region_shell_A = c.positive("art.region_shell_A");
  p.art.displaced_A = c.positive("art.displaced_A");
  p.art.hessian_radius_A = c.number("art.hessian_radius_A");
  p.art.hessian_max_atoms = c.integer("art.hessian_max_atoms");
  p.art.hessian_step_A = c.positive("art.hessian_step_A");
  p.art.nu0_Hz = c.positive("art.nu0_Hz");
  p.art.verify_lanczos_iterations = static_cast<int>(c.integer("art.verify_lanczos_iterations"));
  ArtParams& s = p.art.search;
  s.push_size = c.positive("search.push_A");
  s.basin_step = c.positive("search.basin_step_A");
  s.perpendicular_steps = static_cast<int>(c.integer("search.perpendicular_steps"));
  s.max_basin_steps = static_cast<int>(c.integer("search.max_basin_steps"));
  s.basin_steps_before_lanczos = static_cast<int>(c.integer("search.basin_steps_before_lanczos"));
  s.eigen_threshold = c.number("search.eigen_threshold_eV_A2");
  if (s.eigen_threshold >= 0) throw InputError(c.path() + ": search.eigen_threshold_eV_A2 must be negative");
  s.min_region_weight = c.number("search.min_region_weight");
  if (!(s.min_region_weight >= 0 && s.min_region_weight <= 1))
    throw InputError(c.path() + ": search.min_region_weight must lie in [0, 1]");
  s.lanczos_iterations = static_cast<int>(c.integer("search.lanczos_iterations"));
  s.fire_dt = c.positive("search.fire_dt");
  s.fire_dt_max = c.positive("search.fire_dt_max");
  s.lanczos_epsilon = c.positive("search.lanczos_epsilon_A");
  s.lanczos_tolerance = c.positive("search.lanczos_tolerance");
  s.force_tolerance = c.positive("search.force_tolerance_eV_A");
  s.max_move = c.positive("search.max_move_A");
  s.max_activation_steps = static_cast<int>(c.integer("search.max_activation_steps"));
  s.max_positive_steps = static_cast<int>(c.integer("search.max_positive_steps"));
  s.over_saddle = c.positive("search.over_saddle_A");
  s.relax_tolerance = c.positive("search.relax_tolerance_eV_A");
  s.max_relax_steps = static_cast<int>(c.integer("search.max_relax_steps"));
  // The MetaD class: WT-MetaD's own transition rule, read from its file at
  // the same profile (one source), not restated here.
  const ExperimentConfig metad(c.resolve_path(c.text("classes.metad_transition_rule")), c.profile());
  p.metad_class.jump_A = metad.positive("transition.jump_A");
  p.metad_class.inherent_change_A = metad.positive("transition.inherent_change_A");
  p.metad_class.source = metad.path() + " [transition] at profile " + c.profile();
}

}  // namespace

ArtCampaignParams default_art_params() {
  // The suite's own protocol file is the one source of the defaults.
  ArtCampaignParams p;
  read_art_protocol(ExperimentConfig(experiment_file("art_comparison"), "paper"), p);
  return p;
}

ArtCampaignParams read_art_campaign(const ExperimentConfig& c, const std::string& glass_dir_override) {
  ArtCampaignParams p = default_art_params();
  p.potential = choose_potential(c, "system.potential");
  p.pair_style = read_pair_style(c);
  p.elements = c.texts("system.elements");
  const std::string configured = c.text("input.glass_dir");
  const std::string glass_dir = glass_dir_override.empty() ? configured : glass_dir_override;
  const double t = c.positive("input.temperature_K");
  // The 0 K searches start from the inherent structure of the glass the
  // MetaD samples at this temperature (same atoms, same group centre rule).
  p.data = GlassFolder{glass_dir}.inherent(t);
  p.center_id = read_group_center(c);
  p.center_element = c.text("group.center_element");
  p.cutoff = c.positive("group.cutoff_A");
  // The MetaD campaigns' group (chosen in this same inherent structure, the
  // reference glass's), not one re-chosen after the minimisation below.
  if (fs::exists(p.data)) p.group_ids = reference_group(p.center_id, p.center_element, GlassFolder{glass_dir}, t, p.cutoff).ids;
  p.events = c.integer("art.events");
  if (p.events < 1) throw InputError(c.path() + ": art.events must be >= 1");
  p.seed = static_cast<uint64_t>(c.integer("art.seed"));
  p.replicas = c.integer("art.replicas");
  p.neb_events = c.integer("neb.events");
  p.neb_steps = c.integer("neb.steps");
  if (p.neb_events < 0 || p.neb_steps < 1) throw InputError(c.path() + ": neb.events must be >= 0 and neb.steps >= 1");
  read_art_protocol(c, p);
  return p;
}

nlohmann::json to_json(const ArtCampaignParams& p) {
  const ArtParams& s = p.art.search;
  return {{"potential", p.potential},
          {"elements", p.elements},
          {"data", p.data},
          {"group", {{"center", p.center_id > 0 ? std::to_string(p.center_id) : "rule"},
                     {"center_element", p.center_element},
                     {"cutoff_A", p.cutoff}}},
          {"events", p.events},
          {"seed", p.seed},
          {"skin_A", p.skin},
          {"minimize_ftol_eV_A", p.minimize_ftol},
          {"duplicate_eV", p.duplicate_eV},
          {"histogram_bin_eV", p.histogram_bin},
          {"same_minimum_A", p.art.same_minimum_A},
          {"region_shell_A", p.art.region_shell_A},
          {"metad_class", to_json(p.metad_class)},
          {"displaced_A", p.art.displaced_A},
          {"hessian_radius_A", p.art.hessian_radius_A},
          {"hessian_max_atoms", p.art.hessian_max_atoms},
          {"hessian_step_A", p.art.hessian_step_A},
          {"nu0_Hz", p.art.nu0_Hz},
          {"verify_lanczos_iterations", p.art.verify_lanczos_iterations},
          {"search", {{"push_A", s.push_size}, {"basin_step_A", s.basin_step},
                      {"perpendicular_steps", s.perpendicular_steps},
                      {"max_basin_steps", s.max_basin_steps}, {"eigen_threshold_eV_A2", s.eigen_threshold},
                      {"min_region_weight", s.min_region_weight},
                      {"basin_steps_before_lanczos", s.basin_steps_before_lanczos},
                      {"lanczos_iterations", s.lanczos_iterations}, {"lanczos_epsilon_A", s.lanczos_epsilon},
                      {"lanczos_tolerance", s.lanczos_tolerance}, {"force_tolerance_eV_A", s.force_tolerance},
                      {"max_move_A", s.max_move}, {"fire_dt", s.fire_dt}, {"fire_dt_max", s.fire_dt_max},
                      {"max_activation_steps", s.max_activation_steps}, {"max_positive_steps", s.max_positive_steps},
                      {"over_saddle_A", s.over_saddle}, {"relax_tolerance_eV_A", s.relax_tolerance},
                      {"max_relax_steps", s.max_relax_steps}}}};
}

bool run_art_campaign(const ArtCampaignParams& p, const nlohmann::json& provenance, const std::string& config_hash,
                      RunControl& ctl) {
  const fs::path dir(ctl.out_dir);
  fs::create_directories(dir / "saddles");
  fs::create_directories(dir / "minima");

  // The engine on one replica; atoms spatially sorted (ids kept) for the kernels.
  const Configuration start = spatially_sorted(read_lammps_data(p.data));
  System sys = make_system(start, 1);
  ForceField ff = make_force_field(p.potential, p.elements, sys, p.skin, p.pair_style);
  FireParams fp;
  fp.ftol = p.minimize_ftol;
  fp.max_steps = 200000;
  const FireResult fr = fire_minimize(sys, ff, fp).front();
  if (fr.status != FireStatus::converged) {
    throw InputError(p.data + ": the starting structure did not minimise to " + std::to_string(p.minimize_ftol) +
                     " eV/A in " + std::to_string(fr.steps) + " FIRE steps (largest force " + std::to_string(fr.fmax) + ")");
  }
  Configuration minimum = extract_replica(sys, 0);
  minimum.v.clear();
  const EnergyForce ef = engine_energy_force(sys, ff);

  ArtBasin basin;
  basin.x = unwrapped_positions(minimum);
  std::vector<double> f;
  basin.energy = ef(basin.x, f);
  AtomGroup group;
  if (p.group_ids.empty()) {
    group = select_group(minimum, group_center(p.center_id, p.center_element, minimum, p.data), p.cutoff);
  } else {
    group.center_id = p.group_ids.front();
    group.cutoff = p.cutoff;
    group.ids = p.group_ids;
    group.rows = rows_of_ids(minimum, group.ids);
  }
  const int center = group.center_id;
  basin.push_rows = group.rows;
  for (int d = 0; d < 3; ++d) basin.box_len[d] = minimum.len[d];
  basin.region_rows = art_region(basin.x, group.rows, p.art.region_shell_A, basin.box_len);
  for (int t : minimum.type) basin.atom_mass.push_back(minimum.mass.at(t));

  const Ranks r = ranks();
  if (r.rank == 0) {
  write_lammps_data((dir / "initial_minimum.data").string(), minimum, "betarelax ART initial minimum (FIRE) of " + p.data);
  atomic_write((dir / "art.json").string(), [&](std::ostream& os) {
    os << nlohmann::json{{"experiment", "art_comparison"},
                         {"params", to_json(p)},
                         {"neb_check", {{"events", p.neb_events}, {"steps", p.neb_steps},
                                        {"by", "validation/neb_check.py, run by betarelax reproduce after the searches"}}},
                         {"atoms", minimum.n_atoms()},
                         {"initial_minimum", {{"energy_eV", basin.energy}, {"fire_steps", fr.steps}, {"fmax_eV_A", fr.fmax}}},
                         {"group", {{"center_id", center},
                                    {"rule", std::string(p.center_id > 0 ? "given id" : "atom of " + p.center_element + " nearest the box centre") +
                                                 (p.group_ids.empty() ? ", group in the minimised start" : ", group fixed in the reference inherent structure (same ids as the MetaD campaigns)")},
                                    {"size", group.ids.size()},
                                    {"ids", group.ids},
                                    {"region_atoms", basin.region_rows.size()}}},
                         {"seed_rule", "event seed = hash(seed, ART push stream, event id) >> 1 (core/system/counter_rng.hpp)"},
                         // summary_options: read by validation/art_spectrum.hpp
                         {"summary_options", {{"duplicate_eV", p.duplicate_eV}, {"histogram_bin_eV", p.histogram_bin},
                                              {"metad_class", to_json(p.metad_class)}}},
                         {"ranks", r.size},
                         {"provenance", provenance}}
              .dump(2)
       << "\n";
  });
  }

  // Rank 0 opens (or starts) events.csv; every rank appends its own rows.
  const auto opened = open_for_all_ranks<EventsFile>((dir / "events.csv").string(), ctl.resume);
  EventsFile& events = *opened;
  const std::set<long> done = events.finished_ids(config_hash);
  const EventProvenance prov{provenance.at("git_revision").get<std::string>(),
                             provenance.at("execution_space").get<std::string>(), config_hash};
  if (ctl.log) {
    *ctl.log << "[art] " << p.events << " searches (" << done.size() << " done before) from " << p.data << ": "
             << minimum.n_atoms() << " atoms, E_min " << basin.energy << " eV, group of " << group.ids.size()
             << " atoms around " << center << "\n";
  }
  // The pending events of this invocation, in id order.
  // Events dealt over MPI ranks by id (one rank without mpirun).
  std::vector<long> pending;
  long mine = 0;
  for (long id = 0; id < p.events; ++id) {
    if (done.count(id) || id % r.size != r.rank) continue;
    ++mine;
    if (!(ctl.stop_after > 0 && static_cast<long>(pending.size()) >= ctl.stop_after)) pending.push_back(id);
  }
  const bool cut = static_cast<long>(pending.size()) < mine;
  const int replicas = std::max(1, std::min<int>(static_cast<int>(pending.size()),
                                                 ctl.replicas_for(p.replicas)));
  if (ctl.log) {
    *ctl.log << "[art] " << pending.size() << " searches in this run, " << replicas << " replicas";
    if (r.size > 1) *ctl.log << ", rank " << r.rank << " of " << r.size;
    *ctl.log << "\n";
  }
  if (ctl.progress) ctl.progress->start("[art] searches", p.events, static_cast<long>(done.size()), "events");
  System batch = make_system(minimum, replicas);
  ForceField batch_ff = make_force_field(ff.potential, batch, p.skin);
  std::mutex out;  // rows, files and progress from the worker threads
  long finished = static_cast<long>(done.size());
  run_art_batch(batch, batch_ff, minimum, pending, [&](const EnergyForce& event_ef, long id) {
    const uint64_t seed = rng::hash(p.seed, rng::kArtPush, static_cast<uint64_t>(id), 0, 0) >> 1;
    const auto t0 = std::chrono::steady_clock::now();
    const ArtEventResult ev = run_art_event(event_ef, basin, p.art, seed);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const int moved_id = ev.most_displaced_row >= 0 ? minimum.id[ev.most_displaced_row] : 0;
    std::lock_guard<std::mutex> lock(out);
    if (ev.status == "verified") {
      const std::string tag = std::to_string(id);
      write_lammps_data((dir / "saddles" / ("saddle_" + tag + ".data")).string(), at_positions(minimum, ev.saddle),
                        "betarelax ART saddle of event " + tag + ": E = " + exact(ev.e_saddle) + " eV");
      write_lammps_data((dir / "minima" / ("final_" + tag + ".data")).string(), at_positions(minimum, ev.final_minimum),
                        "betarelax ART final minimum of event " + tag + ": E = " + exact(ev.e_final) + " eV");
      // The minimum the saddle relaxes back to, where it is not the initial
      // one (a spot off the group settled otherwise): the barrier's reference.
      if (max_atom_distance(ev.back_minimum, basin.x) > p.art.same_minimum_A)
        write_lammps_data((dir / "minima" / ("back_" + tag + ".data")).string(), at_positions(minimum, ev.back_minimum),
                          "betarelax ART backward minimum of event " + tag + ": E = " + exact(ev.e_back) + " eV");
    }
    events.append(events_row({id, seed, basin.energy, ev, moved_id, wall, prov}));
    ++ctl.steps_taken;  // --stop-after counts searches here
    if (ctl.progress) ctl.progress->update(++finished);
  });
  if (ctl.progress) ctl.progress->finish();
  rank_barrier();  // every rank's rows are in events.csv
  if (cut) return false;
  // Rank 0 checks that every rank's rows are in; the summary of them is the
  // validation layer's (betarelax run and reproduce write it next).
  if (r.rank != 0) return true;
  const std::vector<ResultRow> rows = read_results_table((dir / "events.csv").string(), events_columns(), "ART events");
  if (static_cast<long>(rows.size()) < p.events) {
    if (ctl.log) *ctl.log << "[art] " << rows.size() << " of " << p.events << " searches in events.csv (another rank was cut): --resume runs the rest\n";
    return false;
  }
  return true;
}

bool run_art_comparison(const ExperimentConfig& config, RunControl& ctl) {
  const ArtCampaignParams p = read_art_campaign(config, ctl.glass_dir);
  config.check_all_used();
  nlohmann::json provenance = provenance_json(config);
  provenance["potential"] = GlassFolder{fs::path(p.data).parent_path().string()}.same_potential(p.potential);
  return run_art_campaign(p, provenance, config.hash(), ctl);
}

}  // namespace betarelax::experiments
