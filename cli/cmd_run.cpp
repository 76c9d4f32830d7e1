// `betarelax run FILE.toml --profile P --out DIR`: one experiment, resumable.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <ostream>
#include <set>
#include <vector>

#include "cli/cli.hpp"
#include "experiments/common/experiment_files.hpp"
#include "experiments/common/progress.hpp"
#include "experiments/common/ranks.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/run_experiment.hpp"
#include "validation/folder_summary.hpp"

namespace betarelax::cli {

bool summarise_if_finished(bool finished, const experiments::RunControl& control) {
  if (!finished || experiments::ranks().rank != 0) return finished;  // rank 0 summarises every rank's rows
  const std::string text = validation::write_folder_summary(control.out_dir);
  if (control.log) *control.log << text;
  return true;
}

bool run_and_summarise(const std::string& toml_path, const std::string& profile, experiments::RunControl& control) {
  return summarise_if_finished(experiments::run_experiment(toml_path, profile, control), control);
}

CLI::App* add_run_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("run", "run one experiment (experiments/<name>.toml) at a profile");
  struct Options {
    std::string file, profile = "smoke", out_dir, glass;
    bool resume = false;
    long stop_after = 0;
    int replicas = 0;
    std::vector<long> only;
    long realisation = -1;
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
  sub->add_option("--only", o->only, "run only these sample ids of a campaign's plan (e.g. 2,5,8: re-run samples from their seeds)")
      ->delimiter(',');
  sub->add_option("--realisation", o->realisation,
                  "glass preparation: another glass of the same protocol (0: the file's seed; N > 0: a hash of it and N)")
      ->check(CLI::NonNegativeNumber);
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
    control.only = std::set<long>(o->only.begin(), o->only.end());
    control.realisation = o->realisation;
    control.log = &out;
    control.progress = &progress;
    if (run_and_summarise(o->file, o->profile, control)) {
      out << "done: results in " << dir << "\n";
    } else {
      out << "stopped after " << control.steps_taken << " steps (ART: searches); long runs are checkpointed, a campaign keeps its finished samples; continue with --resume\n";
    }
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
