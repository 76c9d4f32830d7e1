// `betarelax validate DIR`: every check of reference-data/ that applies to
// what the results directory holds — the glass (glass_structure.toml) and the
// paper's numbers and claims (paper.toml, on DIR/analysis/derived.json, made
// first when missing) — into DIR/validation.json and DIR/validation.md. Exit
// code non-zero iff a required check fails.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "atomic_write.hpp"
#include "cli.hpp"
#include "glass_structure.hpp"
#include "input_error.hpp"
#include "paper_checks.hpp"

namespace betarelax::cli {
namespace {

namespace fs = std::filesystem;

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(p.string() + ": not valid JSON: " + e.what());
  }
}

/// The profile the results were made with: reproduce.json, else a campaign's provenance.
std::string results_profile(const fs::path& dir) {
  if (fs::exists(dir / "reproduce.json")) return read_json(dir / "reproduce.json").at("profile");
  for (const char* c : {"temperature_sweep", "sample_count", "cluster_size"}) {
    const fs::path plan = dir / c / "campaign.json";
    if (fs::exists(plan)) return read_json(plan).at("provenance").at("profile");
  }
  throw InputError(dir.string() + ": cannot tell the profile of these results (no reproduce.json or campaign.json): pass --profile");
}

/// The potential the glass was made with (glass_preparation.json), and
/// whether it is the paper's (Mendelev et al. 2009; its sha256 in
/// reference-data/paper.toml): a run on another says so first.
nlohmann::json potential_record(const fs::path& glass) {
  const fs::path record = glass / "glass_preparation.json";
  if (!fs::exists(record)) return {{"known", false}};
  const nlohmann::json g = read_json(record);
  if (!g.contains("potential")) return {{"known", false}};
  const std::string sha = g["potential"].value("sha256", std::string()), path = g["potential"].value("path", std::string());
  const std::string paper_sha = validation::paper_potential_sha256(validation::reference_file("paper.toml"));
  nlohmann::json out = {{"known", true}, {"path", path}, {"sha256", sha}, {"paper_potential", sha == paper_sha},
                        {"paper_potential_sha256", paper_sha}};
  if (sha != paper_sha) {
    out["note"] = "Not the paper's potential: the glass was made with " + fs::path(path).filename().string() + " (sha256 " +
                  sha.substr(0, 12) + "...), not Mendelev et al. 2009 (Cu-Zr_2.eam.fs, sha256 " + paper_sha.substr(0, 12) + "...)";
  }
  return out;
}

}  // namespace

bool validate_glass(const std::string& glass_dir, std::ostream& out) {
  const auto checks = validation::check_glass_structure(glass_dir + "/structure.json",
                                                        validation::reference_file("glass_structure.toml"));
  bool all = true;
  out << "glass structure checks (" << glass_dir << "):\n";
  for (const auto& c : checks) {
    all &= c.passed;
    out << "  " << (c.passed ? "pass" : "FAIL") << "  " << std::left << std::setw(18) << c.name << std::right
        << " value " << std::setprecision(5) << c.value << "  reference " << c.reference << " ± " << c.tolerance << "\n";
  }
  const nlohmann::json record = {{"stage", "glass_preparation"}, {"passed", all}, {"checks", validation::to_json(checks)}};
  atomic_write(glass_dir + "/structure_validation.json", [&](std::ostream& os) { os << record.dump(2) << "\n"; });
  return all;
}

bool validate_results(const std::string& dir_text, const std::string& profile_override, std::ostream& out) {
  const fs::path dir(dir_text);
  bool ok = true, anything = false;
  nlohmann::json record = {{"results", dir_text}, {"provenance", provenance_block()}};
  std::string md;
  const fs::path glass = fs::exists(dir / "structure.json") ? dir : dir / "glass_preparation";
  if (fs::exists(glass / "structure.json")) {
    anything = true;
    const bool g = validate_glass(glass.string(), out);
    ok &= g;
    record["glass"] = {{"passed", g}, {"record", (glass / "structure_validation.json").string()}};
    md += std::string("Glass structure checks (") + (g ? "pass" : "**FAIL**") + "): see " + (glass / "structure_validation.json").string() + "\n\n";
  }
  std::vector<validation::PaperCheck> checks;
  std::string profile = profile_override;
  const bool campaigns = fs::exists(dir / "temperature_sweep" / "samples.csv") || fs::exists(dir / "cluster_size" / "summary.json") ||
                         fs::exists(dir / "sample_count" / "summary.json");
  // A results directory keeps its analysis in analysis/; `analyze --samples
  // FILE --out DIR` (anyone's own spectrum) writes DIR/derived.json.
  const fs::path derived = campaigns || fs::exists(dir / "analysis" / "derived.json") ? dir / "analysis" / "derived.json" : dir / "derived.json";
  if (campaigns || fs::exists(derived)) {
    anything = true;
    if (campaigns) analyze_into(dir_text, out);  // always from the current samples
    if (profile.empty()) profile = results_profile(dir);
    checks = validation::run_paper_checks(read_json(derived), profile, validation::reference_file("paper.toml"));
    const bool p = validation::required_checks_pass(checks);
    ok &= p;
    out << "paper checks (profile " << profile << "):\n";
    for (const auto& c : checks) {
      out << "  " << std::left << std::setw(5) << (c.status == "fail" ? "FAIL" : c.status) << " " << std::setw(9) << c.severity << " "
          << std::setw(22) << c.id << std::right << " " << c.detail << "\n";
    }
    record["paper"] = validation::paper_checks_json(checks, profile);
    md += validation::paper_checks_markdown(checks, profile);
  }
  if (!anything) throw InputError(dir_text + ": nothing to validate (no glass_preparation/structure.json, no campaign results, no derived.json)");
  record["passed"] = ok;
  if (profile.empty() && fs::exists(dir / "reproduce.json")) profile = results_profile(dir);
  const std::string verdict = validation::validation_verdict(checks, profile, ok);
  record["verdict"] = verdict;
  record["profile_caveat"] = validation::profile_caveat(profile);
  record["potential"] = potential_record(glass);
  if (!record["potential"].value("paper_potential", true)) md = "**" + record["potential"]["note"].get<std::string>() + "**\n\n" + md;
  atomic_write((dir / "validation.json").string(), [&](std::ostream& os) { os << record.dump(2) << "\n"; });
  atomic_write((dir / "validation.md").string(), [&](std::ostream& os) { os << md; });
  out << verdict << ": " << (dir / "validation.md").string() << "\n";
  return ok;
}

CLI::App* add_validate_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("validate", "check a results directory against reference-data/");
  auto dir = std::make_shared<std::string>();
  auto profile = std::make_shared<std::string>();
  sub->add_option("dir", *dir, "results directory (e.g. results/smoke)")->required();
  sub->add_option("--profile", *profile, "the profile whose acceptance applies (default: the one the results record)");
  sub->callback([&out, status, dir, profile] { *status = validate_results(*dir, *profile, out) ? kOk : kError; });
  return sub;
}

}  // namespace betarelax::cli
