// `betarelax analyze DIR` / `betarelax analyze --samples FILE [--out DIR]`:
// the statistics, effective barriers and fits of Eqs. 2–9 → derived.json.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <ostream>

#include "analysis.hpp"
#include "atomic_write.hpp"
#include "art_spectrum.hpp"
#include "cli.hpp"
#include "input_error.hpp"
#include "provenance.hpp"

namespace betarelax::cli {
namespace {

void print_table(const nlohmann::json& d, std::ostream& out) {
  if (d.contains("art")) out << validation::art_summary_text(d.at("art"));
  if (!d.contains("per_T")) return;
  out << "   T (K)    n   mean    std   para    seq    eff  (eV)   log-normal p\n";
  for (const auto& [t, e] : d.at("per_T").items()) {
    char line[200];
    std::snprintf(line, sizeof line, "  %6s  %3ld  %.3f  %.3f  %.3f  %.3f  %.3f        %s\n", t.c_str(), e.at("n").get<long>(),
                  e.at("mean").get<double>(), e.at("std").get<double>(), e.at("para").get<double>(), e.at("seq").get<double>(),
                  e.at("eff").get<double>(), e.contains("lognormal_p") ? std::to_string(e.at("lognormal_p").get<double>()).c_str() : "-");
    out << line;
  }
  if (!d.at("fits").is_object()) return;
  for (const char* x : {"para", "seq", "eff"}) {
    const auto& f = d.at("fits").at(x);
    char line[240];
    std::snprintf(line, sizeof line, "  dF_%-4s = dQ - T dS:  dQ = %.3f eV [%.3f, %.3f]  dS = %.1f k_B [%.1f, %.1f]  exp(dS/k_B) = %.3g\n", x,
                  f.at("dQ_eV").get<double>(), f.at("ci95_dQ_eV")[0].get<double>(), f.at("ci95_dQ_eV")[1].get<double>(),
                  f.at("dS_kB").get<double>(), f.at("ci95_dS_kB")[0].get<double>(), f.at("ci95_dS_kB")[1].get<double>(),
                  f.at("exp_dS_kB").get<double>());
    out << line;
  }
}

}  // namespace

nlohmann::json provenance_block() {
  const BuildInfo info = build_info();
  return {{"version", info.version},         {"git_revision", info.git_revision},
          {"build_type", info.build_type},   {"kokkos_version", info.kokkos_version},
          {"execution_space", info.execution_space}, {"concurrency", info.concurrency},
          {"device", info.device}};
}

std::string analyze_into(const std::string& dir, std::ostream& out) {
  namespace fs = std::filesystem;
  nlohmann::json d = validation::analyze_results_dir(dir);
  d["provenance"] = provenance_block();
  const fs::path folder = fs::path(dir) / "analysis";
  fs::create_directories(folder);
  const std::string path = (folder / "derived.json").string();
  atomic_write(path, [&](std::ostream& os) { os << d.dump(2) << "\n"; });
  print_table(d, out);
  return path;
}

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
      d["provenance"] = provenance_block();
      const fs::path folder = o->out_dir.empty() ? fs::absolute(o->samples).parent_path() : fs::path(o->out_dir);
      fs::create_directories(folder);
      path = (folder / "derived.json").string();
      atomic_write(path, [&](std::ostream& os) { os << d.dump(2) << "\n"; });
      print_table(d, out);
    } else {
      path = analyze_into(o->dir, out);
    }
    out << "wrote " << path << "\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
