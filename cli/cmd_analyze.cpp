// `betarelax analyze DIR` / `betarelax analyze --samples FILE [--out DIR]`:
// the statistics, effective barriers and fits of Eqs. 2–9 → derived.json.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "core/io/build_info.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"
#include "validation/analysis.hpp"
#include "validation/results_validation.hpp"

namespace betarelax::cli {

CLI::App* add_analyze_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("analyze", "statistics and effective barriers (Eqs. 2-9) of a results directory or a samples file");
  struct Options {
    std::string dir, samples, out_dir;
    int bootstrap = 2000;
    long seed = 1;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("dir", o->dir, "results directory (e.g. results/smoke): writes DIR/analysis/derived.json");
  sub->add_option("--samples", o->samples, "any CSV with columns T_K,dF_eV (status optional): writes derived.json beside it or in --out");
  sub->add_option("--out", o->out_dir, "folder for derived.json (with --samples)");
  sub->add_option("--bootstrap", o->bootstrap, "bootstrap resamples for the 95% intervals")->capture_default_str();
  sub->add_option("--seed", o->seed, "seed of the bootstrap draws")->capture_default_str();
  sub->callback([&out, status, o] {
    namespace fs = std::filesystem;
    if (o->samples.empty() == o->dir.empty()) throw InputError("betarelax analyze: give a results directory or --samples FILE (one of them)");
    std::string path;
    if (!o->samples.empty()) {
      validation::AnalysisOptions opt;
      opt.bootstrap = o->bootstrap;
      opt.seed = static_cast<uint64_t>(o->seed);
      nlohmann::json d = validation::analyze_spectra(validation::read_spectra_csv(o->samples), opt);
      d["spectra_from"] = o->samples;
      d["provenance"] = to_json(build_info());
      const fs::path folder = o->out_dir.empty() ? fs::absolute(o->samples).parent_path() : fs::path(o->out_dir);
      fs::create_directories(folder);
      path = (folder / "derived.json").string();
      atomic_write(path, [&](std::ostream& os) { os << d.dump(2) << "\n"; });
      validation::print_analysis_table(d, out);
    } else {
      path = validation::analyze_into(o->dir, to_json(build_info()), out);
    }
    out << "wrote " << path << "\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
