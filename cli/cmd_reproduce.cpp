// `betarelax reproduce --profile P`: every stage of the data flow in order,
// glass preparation -> sampling -> analysis -> validation -> plots, each into
// its own folder of the results directory. A stage that finished before for
// the same configuration is skipped (its checkpoints resume it when it was
// cut). At the end it prints each stage's wall time beside the budget its
// TOML gives for the profile ([budget] wall_s).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <sys/wait.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "generated/install_paths.hpp"
#include "core/io/build_info.hpp"
#include "experiments/common/experiment_files.hpp"
#include "experiments/common/progress.hpp"
#include "experiments/common/run_control.hpp"
#include "plots/figures.hpp"
#include "support/atomic_write.hpp"
#include "support/find_file.hpp"
#include "support/json_file.hpp"
#include "validation/paper_checks.hpp"
#include "validation/results_validation.hpp"

namespace betarelax::cli {
namespace {

struct StageContext {
  std::string profile;
  std::filesystem::path dir;
  std::ostream& out;
  long realisation = -1;  ///< --realisation (-1: glass_preparation.toml's system.realisation)
};

/// Runs a stage; returns its record ({"status": ..., ...}).
using StageRun = std::function<nlohmann::json(const StageContext&)>;

struct Stage {
  const char* name;
  StageRun run;
};

/// Runs experiments/<name>.toml at the stage's profile into <results>/<name>
/// (resuming what finished before; on the stage's glass unless it makes it)
/// and returns its record: folder, config, wall time and the TOML's budget.
nlohmann::json run_one_experiment(const StageContext& ctx, const std::string& name) {
  experiments::Progress progress(ctx.out, &ctx.out == &std::cout && experiments::is_terminal(1));
  experiments::RunControl control;
  control.out_dir = (ctx.dir / name).string();
  if (name != "glass_preparation") control.glass_dir = (ctx.dir / "glass_preparation").string();
  if (name == "glass_preparation") control.realisation = ctx.realisation;
  control.resume = true;
  control.log = &ctx.out;
  control.progress = &progress;
  const std::string file = experiments::experiment_file(name);
  const auto t0 = std::chrono::steady_clock::now();
  run_and_summarise(file, ctx.profile, control);
  return {{"name", name}, {"folder", control.out_dir}, {"config", file},
          {"wall_time_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()},
          {"budget_s", experiments::wall_budget_s(file, ctx.profile)}};
}

nlohmann::json run_glass_stage(const StageContext& ctx) {
  nlohmann::json record = run_one_experiment(ctx, "glass_preparation");
  const bool checks = validation::validate_glass(record["folder"].get<std::string>(), ctx.out);
  record.update({{"status", checks ? "done" : "done, checks failed"}, {"checks_passed", checks}});
  return record;
}

/// The single sample of Fig. 1 and the three WT-MetaD campaigns (§II, §III,
/// §IV.A) on the stage's glass; finished samples are kept, so a second run
/// only writes the summaries again.
nlohmann::json run_campaigns_stage(const StageContext& ctx) {
  nlohmann::json record = {{"status", "done"}, {"campaigns", nlohmann::json::array()}};
  for (const char* name : {"single_sample", "cluster_size", "sample_count", "temperature_sweep"})
    record["campaigns"].push_back(run_one_experiment(ctx, name));
  return record;
}

/// Whether `program` is on the PATH.
bool on_path(const std::string& program) { return std::system(("command -v " + program + " > /dev/null 2>&1").c_str()) == 0; }

/// LAMMPS NEB on the events art.json's plan names (validation/neb_check.py):
/// the saddles' oracle, and the lower paths art.compared shifts the MetaD
/// class by. Kept when neb_check.json is there already; skipped, saying why,
/// without lmp, mpirun or python3.
nlohmann::json run_neb_check(const std::filesystem::path& art_dir, std::ostream& out) {
  namespace fs = std::filesystem;
  const nlohmann::json plan = read_json_file((art_dir / "art.json").string()).value("neb_check", nlohmann::json::object());
  const long events = plan.value("events", 0L), steps = plan.value("steps", 5000L);
  if (events <= 0) return {{"status", "not planned (neb.events = 0)"}};
  if (fs::exists(art_dir / "neb_check.json")) return {{"status", "done before"}};
  for (const char* program : {"python3", "lmp", "mpirun"}) {
    if (!on_path(program)) return {{"status", std::string("skipped: ") + program + " is not on the PATH"}};
  }
  const std::string script = find_file_in("neb_check.py", "BETARELAX_TOOLS", {BETARELAX_SOURCE_TOOLS, BETARELAX_INSTALL_TOOLS});
  // Shell words in single quotes, each ' of a path closed and escaped.
  const auto quoted = [](const std::string& s) {
    std::string q = "'";
    for (char ch : s) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return q + "'";
  };
  const std::string command = "python3 " + quoted(script) + " " + quoted(art_dir.string()) + " --events " + std::to_string(events) +
                              " --steps " + std::to_string(steps) + " > " + quoted((art_dir / "neb_check.log").string()) + " 2>&1";
  out << "[neb] LAMMPS NEB on " << events << " events (" << (art_dir / "neb_check.log").string() << ")\n";
  const auto t0 = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The script exits 1 when a band is higher, unconverged or slid below its
  // start: results it records, not a failure of the stage. Only a missing
  // record (a crash) stops the pipeline.
  if (!fs::exists(art_dir / "neb_check.json")) {
    throw std::runtime_error("validation/neb_check.py wrote no neb_check.json (exit " + std::to_string(code) + "): see " +
                             (art_dir / "neb_check.log").string());
  }
  const nlohmann::json r = read_json_file((art_dir / "neb_check.json").string());
  out << "[neb] " << r.value("counts", nlohmann::json::object()).dump() << " in " << std::fixed << std::setprecision(0) << wall << " s\n"
      << std::defaultfloat;
  return {{"status", "done"}, {"events", events}, {"wall_time_s", wall}, {"exit_code", code},
          {"counts", r.value("counts", nlohmann::json::object())}};
}

/// ART nouveau at 0 K on the same group (§IV.C); finished searches are
/// kept; then LAMMPS NEB on a few of its events.
nlohmann::json run_art_stage(const StageContext& ctx) {
  nlohmann::json record = run_one_experiment(ctx, "art_comparison");
  record["neb_check"] = run_neb_check(record["folder"].get<std::string>(), ctx.out);
  record["status"] = "done";
  return record;
}

nlohmann::json run_analysis_stage(const StageContext& ctx) {
  const std::string path = validation::analyze_into(ctx.dir.string(), to_json(build_info()), ctx.out);
  return {{"status", "done"}, {"derived", path}};
}

nlohmann::json run_plots_stage(const StageContext& ctx) {
  // Only from validated results: a failed validation leaves no figure (the
  // user may draw them with `betarelax plot DIR --force`).
  const plots::PlotOutcome o = plots::plot_results(ctx.dir.string(), false, ctx.out);
  nlohmann::json figures = nlohmann::json::array();
  for (const plots::Figure& f : o.figures) figures.push_back({{"name", f.name}, {"drawn", f.drawn}, {"why_not", f.why_not}});
  return {{"status", o.validated ? "done" : "refused: validation failed"}, {"figures", figures}, {"report", o.report}};
}

nlohmann::json run_validation_stage(const StageContext& ctx) {
  const bool ok = validation::validate_results(ctx.dir.string(), ctx.profile, to_json(build_info()), ctx.out);
  return {{"status", ok ? "done" : "done, required checks failed"}, {"checks_passed", ok},
          {"record", (ctx.dir / "validation.json").string()}};
}

// In data-flow order.
const std::vector<Stage>& stages() {
  static const std::vector<Stage> list = {
      {"glass_preparation", run_glass_stage},
      {"metadynamics_campaigns", run_campaigns_stage},
      {"art_comparison", run_art_stage},
      {"analysis", run_analysis_stage},
      {"validation", run_validation_stage},
      {"plots", run_plots_stage},
  };
  return list;
}

/// One line of the closing table: the measured time, the TOML's budget and
/// by how much it was missed (a budget of 0 is none).
void print_stage_time(std::ostream& out, const std::string& name, const nlohmann::json& entry) {
  const double wall = entry.value("wall_time_s", 0.0), budget = entry.value("budget_s", 0.0);
  std::ostringstream line;  // formatted apart: the caller's stream keeps its settings
  line << "  " << std::left << std::setw(42) << name << std::right << std::fixed << std::setprecision(1) << std::setw(9)
       << wall << " s";
  if (budget > 0) {
    line << "  budget " << std::setw(7) << budget << " s";
    if (wall > budget) line << "  OVER by " << std::setprecision(0) << 100 * (wall / budget - 1) << " %";
  }
  out << line.str() << "\n";
}

/// The stage times at the end of the summary: where a run's time went.
void print_stage_times(std::ostream& out, const nlohmann::json& record) {
  out << "stage times (this invocation; a stage finished before takes ~0 s):\n";
  for (const nlohmann::json& st : record["stages"]) {
    for (const nlohmann::json& c : st.value("campaigns", nlohmann::json::array()))
      print_stage_time(out, st["name"].get<std::string>() + "/" + c["name"].get<std::string>(), c);
    print_stage_time(out, st["name"].get<std::string>(), st);
  }
  print_stage_time(out, "total", record);
}

}  // namespace

CLI::App* add_reproduce_command(CLI::App& app, std::ostream& out, std::ostream& err, int* status) {
  CLI::App* sub = app.add_subcommand("reproduce", "run every stage of the paper's pipeline at a profile");
  auto profile = std::make_shared<std::string>("smoke");
  auto out_dir = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  auto realisation = std::make_shared<long>(-1);
  sub->add_option("--profile", *profile, "smoke | standard | gpu | paper")
      ->check(CLI::IsMember({"smoke", "standard", "gpu", "paper"}))
      ->capture_default_str();
  sub->add_option("--out", *out_dir, "results directory (default: results/<profile>)");
  sub->add_flag("--dry-run", *dry_run, "list the stages and what they would do, run nothing");
  sub->add_option("--realisation", *realisation,
                  "another glass of the same protocol (0: glass_preparation.toml's seed; N > 0: a hash of it and N); everything else the same")
      ->check(CLI::NonNegativeNumber);
  sub->callback([&out, &err, status, profile, out_dir, dry_run, realisation] {
    const auto start = std::chrono::steady_clock::now();
    // Each realisation its own default folder (one never resumes into another's).
    const std::filesystem::path dir =
        !out_dir->empty() ? *out_dir : "results/" + *profile + (*realisation >= 0 ? "-r" + std::to_string(*realisation) : "");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      err << "betarelax reproduce: cannot create results directory " << dir << ": " << ec.message() << "\n";
      *status = kError;
      return;
    }
    nlohmann::json record = {{"profile", *profile}, {"realisation", *realisation}, {"stages", nlohmann::json::array()}};
    const auto write_record = [&] {
      record["wall_time_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      record["provenance"] = to_json(build_info());
      atomic_write((dir / "reproduce.json").string(), [&](std::ostream& os) { os << record.dump(2) << "\n"; });
    };
    bool failed = false;
    out << "betarelax reproduce --profile " << *profile << (*realisation >= 0 ? " --realisation " + std::to_string(*realisation) : "")
        << " -> " << dir.string() << (*dry_run ? " (dry run)" : "") << "\n";
    for (const Stage& stage : stages()) {
      nlohmann::json entry = {{"name", stage.name}};
      if (*dry_run) {
        out << "  stage " << stage.name << ": would run\n";
        entry["status"] = "would run";
      } else {
        out << "  stage " << stage.name << ":\n";
        const auto t0 = std::chrono::steady_clock::now();
        entry.update(stage.run({*profile, dir, out, *realisation}));
        const auto glass_record = dir / "glass_preparation" / "glass_preparation.json";
        if (std::string(stage.name) == "glass_preparation" && std::filesystem::exists(glass_record)) {
          // The realisation the glass was made as, and its seed: the provenance of every later stage.
          const nlohmann::json g = read_json_file(glass_record.string());
          record["realisation"] = g.value("realisation", nlohmann::json::object()).value("number", 0L);
          record["glass_seed"] = g.value("seed", 0ULL);
        }
        entry["wall_time_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        failed |= entry.value("checks_passed", true) == false;
      }
      record["stages"].push_back(entry);
      write_record();  // after every stage: a later failure loses nothing
    }
    out << "wrote " << (dir / "reproduce.json").string() << "\n";
    // The summary's last word: where the time went, what the run showed, and what it is not.
    if (!*dry_run) {
      print_stage_times(out, record);
      const std::string caveat = validation::profile_caveat(*profile);
      if (!caveat.empty()) out << "NOTE: " << caveat << "\n";
      std::ifstream vin(dir / "validation.json");
      if (vin) {
        const nlohmann::json v = nlohmann::json::parse(vin, nullptr, false);
        if (v.is_object()) {
          const nlohmann::json pot = v.value("potential", nlohmann::json::object());
          if (pot.contains("note")) out << "NOTE: " << pot["note"].get<std::string>() << "\n";
          out << "result: " << v.value("verdict", std::string("(no verdict)")) << "\n";
        }
      }
    }
    if (failed) err << "betarelax reproduce: some checks failed (see the stage records above)\n";
    *status = failed ? kError : kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
