// `betarelax art`: ART nouveau searches around one atom of any glass, the
// same runner as experiments/art_comparison.toml with the suite's defaults.
#include <CLI/CLI.hpp>

#include <iostream>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/engine_input.hpp"
#include "core/io/build_info.hpp"
#include "core/io/lammps_data.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "experiments/art/art_campaign.hpp"
#include "experiments/common/progress.hpp"
#include "support/sha256.hpp"

namespace betarelax::cli {

CLI::App* add_art_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("art", "ART nouveau saddle searches around one atom of a glass (events.csv, saddles as data files)");
  auto in = std::make_shared<EngineInput>();
  struct Options {
    std::string out_dir = "results/art";
    long center = 0, events = 10, stop_after = 0;
    int replicas = 0;
    double cutoff = 4.0;
    uint64_t seed = 1;
    bool resume = false;
    std::string center_element = "Cu";
  };
  auto o = std::make_shared<Options>();
  add_engine_options(*sub, *in);
  sub->add_option("--center", o->center, "id of the central atom (0: the Cu atom nearest the box centre)");
  sub->add_option("--center-element", o->center_element, "element of the central atom chosen by rule")->capture_default_str();
  sub->add_option("--cutoff", o->cutoff, "the pushed group: atoms within this of the centre (A)")->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--events", o->events, "number of searches")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--seed", o->seed, "campaign seed (each event's is derived from it and its id)")->capture_default_str();
  sub->add_option("--out", o->out_dir, "results directory")->capture_default_str();
  sub->add_flag("--resume", o->resume, "keep the finished events in --out and run the rest");
  sub->add_option("--replicas", o->replicas, "searches in flight as replicas of one engine (default: 1 on CPU, 128 on a GPU; results do not depend on it)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--stop-after", o->stop_after, "run at most N searches in this invocation")->check(CLI::PositiveNumber);
  sub->callback([&out, status, in, o] {
    experiments::ArtCampaignParams p = experiments::default_art_params();
    p.potential = in->potential;
    p.data = in->data;
    p.pair_style = in->pair_style;
    p.elements = type_elements(*in, read_lammps_data(in->data), read_eam_file(in->potential, in->pair_style));
    p.skin = in->skin;
    p.center_id = o->center;
    p.center_element = o->center_element;
    p.cutoff = o->cutoff;
    p.events = o->events;
    p.seed = o->seed;
    nlohmann::json provenance = to_json(build_info());
    // No TOML here: the parameters themselves are the configuration hashed.
    const std::string hash = sha256_hex(experiments::to_json(p).dump());
    provenance["profile"] = "command line";
    provenance["config_hash"] = hash;
    experiments::Progress progress(out, &out == &std::cout && experiments::is_terminal(1));
    experiments::RunControl control;
    control.out_dir = o->out_dir;
    control.resume = o->resume;
    control.stop_after = o->stop_after;
    control.replicas = o->replicas;
    control.log = &out;
    control.progress = &progress;
    if (summarise_if_finished(experiments::run_art_campaign(p, provenance, hash, control), control)) {
      out << "done: results in " << o->out_dir << "\n";
    } else {
      out << "stopped after " << o->stop_after << " searches; continue with --resume\n";
    }
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
