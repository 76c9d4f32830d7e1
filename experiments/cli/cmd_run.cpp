// `betarelax run FILE.toml --profile P --out DIR`: one experiment, resumable.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <ostream>

#include "cli.hpp"
#include "experiment_files.hpp"
#include "progress.hpp"
#include "run_control.hpp"

namespace betarelax::cli {

CLI::App* add_run_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("run", "run one experiment (experiments/<name>.toml) at a profile");
  struct Options {
    std::string file, profile = "smoke", out_dir, glass;
    bool resume = false;
    long stop_after = 0;
    int replicas = 0;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("file", o->file, "experiment file (TOML), e.g. experiments/glass_preparation.toml")->required();
  sub->add_option("--profile", o->profile, "smoke | standard | gpu | paper (or any [profile.*] of the file)")
      ->capture_default_str();
  sub->add_option("--out", o->out_dir, "results directory (default: results/<profile>/<experiment file name>)");
  sub->add_option("--glass", o->glass, "glass-preparation results to start a sampling experiment from (overrides input.glass_dir)");
  sub->add_flag("--resume", o->resume,
                "continue from the checkpoints in --out (same file and profile), bit for bit; skip what is complete");
  sub->add_option("--stop-after", o->stop_after,
                  "take at most N MD steps in this invocation, checkpoint and exit (a campaign keeps its finished samples)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--replicas", o->replicas,
                  "replicas per batch of a sampling campaign (overrides campaign.replicas; results do not depend on it)")
      ->check(CLI::PositiveNumber);
  sub->callback([&out, status, o] {
    const std::string dir = o->out_dir.empty()
                                ? "results/" + o->profile + "/" + std::filesystem::path(o->file).stem().string()
                                : o->out_dir;
    experiments::Progress progress(out, &out == &std::cout && experiments::is_terminal(1));
    experiments::RunControl control;
    control.out_dir = dir;
    control.resume = o->resume;
    control.glass_dir = o->glass;
    control.stop_after = o->stop_after;
    control.replicas = o->replicas;
    control.log = &out;
    control.progress = &progress;
    if (experiments::run_experiment(o->file, o->profile, control)) {
      out << "done: results in " << dir << "\n";
    } else {
      out << "stopped after " << control.steps_taken << " steps (ART: searches); long runs are checkpointed, a campaign keeps its finished samples; continue with --resume\n";
    }
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
