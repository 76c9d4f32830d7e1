#include "validation/results_validation.hpp"

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <filesystem>
#include <iomanip>

#include "support/atomic_write.hpp"
#include "support/input_error.hpp"
#include "support/json_file.hpp"
#include "validation/analysis.hpp"
#include "validation/art_spectrum.hpp"
#include "validation/glass_structure.hpp"
#include "validation/paper_checks.hpp"
#include "validation/realisations.hpp"

namespace betarelax::validation {
namespace {

namespace fs = std::filesystem;

nlohmann::json read_json(const fs::path& p) { return read_json_file(p.string()); }

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
  const std::string paper_sha = paper_potential_sha256(reference_file("paper.toml"));
  nlohmann::json out = {{"known", true}, {"path", path}, {"sha256", sha}, {"paper_potential", sha == paper_sha},
                        {"paper_potential_sha256", paper_sha}};
  if (sha != paper_sha) {
    out["note"] = "Not the paper's potential: the glass was made with " + fs::path(path).filename().string() + " (sha256 " +
                  sha.substr(0, 12) + "...), not Mendelev et al. 2009 (Cu-Zr_2.eam.fs, sha256 " + paper_sha.substr(0, 12) + "...)";
  }
  return out;
}

}  // namespace

void print_analysis_table(const nlohmann::json& d, std::ostream& out) {
  if (d.contains("art")) out << art_summary_text(d.at("art"));
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

std::string analyze_into(const std::string& dir, const nlohmann::json& provenance, std::ostream& out) {
  namespace fs = std::filesystem;
  nlohmann::json d = analyze_results_dir(dir);
  d["provenance"] = provenance;
  const fs::path folder = fs::path(dir) / "analysis";
  fs::create_directories(folder);
  const std::string path = (folder / "derived.json").string();
  atomic_write(path, [&](std::ostream& os) { os << d.dump(2) << "\n"; });
  print_analysis_table(d, out);
  return path;
}

bool validate_glass(const std::string& glass_dir, std::ostream& out) {
  const auto checks = check_glass_structure(glass_dir + "/structure.json",
                                                        reference_file("glass_structure.toml"));
  bool all = true;
  out << "glass structure checks (" << glass_dir << "):\n";
  for (const auto& c : checks) {
    if (!c.skipped.empty()) {
      out << "  skip  " << std::left << std::setw(18) << c.name << std::right << " value " << std::setprecision(5) << c.value << "  ("
          << c.skipped << ")\n";
      continue;
    }
    all &= c.passed;
    out << "  " << (c.passed ? "pass" : "FAIL") << "  " << std::left << std::setw(18) << c.name << std::right
        << " value " << std::setprecision(5) << c.value << "  reference " << c.reference << " ± " << c.tolerance << "\n";
  }
  const long skipped = std::count_if(checks.begin(), checks.end(), [](const Check& c) { return !c.skipped.empty(); });
  if (skipped > 0) out << "  (" << skipped << " of " << checks.size() << " checks do not apply to this glass; each says why)\n";
  const nlohmann::json record = {{"stage", "glass_preparation"}, {"passed", all}, {"checks_skipped", skipped}, {"checks", to_json(checks)}};
  atomic_write(glass_dir + "/structure_validation.json", [&](std::ostream& os) { os << record.dump(2) << "\n"; });
  return all;
}

bool validate_against(const std::string& dir_text, const std::string& other_text, const std::string& profile_override,
                      const nlohmann::json& provenance, std::ostream& out) {
  const fs::path a(dir_text);
  for (const fs::path& d : {a, fs::path(other_text)}) {
    if (!fs::exists(d / "temperature_sweep" / "samples.csv")) {
      throw InputError(d.string() + ": no temperature_sweep/samples.csv: not a run whose realisations can be compared");
    }
  }
  // The other run is validated from its raw rows in a copy: comparing with an
  // archive leaves the archive as it is.
  const fs::path b = fs::temp_directory_path() / ("betarelax_against_" + std::to_string(::getpid()));
  fs::remove_all(b);
  fs::copy(other_text, b, fs::copy_options::recursive);
  out << "validating the other realisation, " << other_text << " (in a copy):\n";
  validate_results(b.string(), profile_override, provenance, out);
  out << "validating " << dir_text << ":\n";
  const bool ok = validate_results(dir_text, profile_override, provenance, out);
  nlohmann::json cmp = compare_realisations(read_json(a / "analysis" / "derived.json"), read_json(a / "validation.json"),
                                            read_json(b / "analysis" / "derived.json"), read_json(b / "validation.json"));
  cmp["this"] = dir_text;
  cmp["other"] = other_text;
  cmp["provenance"] = provenance;
  const bool agree = cmp["agree"].get<bool>();
  out << "realisations_agree: " << (agree ? "agree" : "DISAGREE") << " (" << dir_text << " against " << other_text << ")\n";
  for (const nlohmann::json& q : cmp["quantities"]) {
    if (!q.contains("this")) {
      out << "  " << q["quantity"].get<std::string>() << ": " << q["why"].get<std::string>() << "\n";
      continue;
    }
    out << "  " << q["quantity"].get<std::string>() << ": " << q["this"]["value"].get<double>() << " vs " << q["other"]["value"].get<double>()
        << ", difference " << q["difference"].get<double>() << " vs allowed " << q["allowed"].get<double>() << (q["agree"].get<bool>() ? "" : "  DISAGREE")
        << "\n";
  }
  out << "  censoring (max fraction per T): " << cmp["censoring"]["this_max_fraction"].get<double>() << " and "
      << cmp["censoring"]["other_max_fraction"].get<double>() << " vs 0.10\n";
  out << "  verdicts: " << (cmp["verdicts"]["same"].get<bool>() ? "the same" : "DIFFERENT") << "\n";
  atomic_write((a / "realisations_agree.json").string(), [&](std::ostream& os) { os << cmp.dump(2) << "\n"; });
  fs::remove_all(b);
  return ok && agree;
}

bool validate_results(const std::string& dir_text, const std::string& profile_override, const nlohmann::json& provenance,
                      std::ostream& out) {
  const fs::path dir(dir_text);
  bool ok = true, anything = false;
  nlohmann::json record = {{"results", dir_text}, {"provenance", provenance}};
  std::string md;
  const fs::path glass = fs::exists(dir / "structure.json") ? dir : dir / "glass_preparation";
  if (fs::exists(glass / "structure.json")) {
    anything = true;
    const bool g = validate_glass(glass.string(), out);
    ok &= g;
    const long skipped = read_json_file((glass / "structure_validation.json").string(), "just written").value("checks_skipped", 0L);
    record["glass"] = {{"passed", g}, {"checks_skipped", skipped}, {"record", (glass / "structure_validation.json").string()}};
    md += std::string("Glass structure checks (") + (g ? "pass" : "**FAIL**") +
          (skipped > 0 ? ", " + std::to_string(skipped) + " not applicable to this glass" : std::string()) + "): see " +
          (glass / "structure_validation.json").string() + "\n\n";
  }
  std::vector<PaperCheck> checks;
  std::string profile = profile_override;
  const bool campaigns = fs::exists(dir / "temperature_sweep" / "samples.csv") || fs::exists(dir / "cluster_size" / "summary.json") ||
                         fs::exists(dir / "sample_count" / "summary.json");
  // A results directory keeps its analysis in analysis/; `analyze --samples
  // FILE --out DIR` (anyone's own spectrum) writes DIR/derived.json.
  const fs::path derived = campaigns || fs::exists(dir / "analysis" / "derived.json") ? dir / "analysis" / "derived.json" : dir / "derived.json";
  if (campaigns || fs::exists(derived)) {
    anything = true;
    if (campaigns) analyze_into(dir_text, provenance, out);  // always from the current samples
    if (profile.empty()) profile = results_profile(dir);
    checks = run_paper_checks(read_json(derived), profile, reference_file("paper.toml"));
    const bool p = required_checks_pass(checks);
    ok &= p;
    out << "paper checks (profile " << profile << "):\n";
    for (const auto& c : checks) {
      out << "  " << std::left << std::setw(5) << (c.status == "fail" ? "FAIL" : c.status) << " " << std::setw(9) << c.severity << " "
          << std::setw(22) << c.id << std::right << " " << c.detail << "\n";
    }
    record["paper"] = paper_checks_json(checks, profile);
    md += paper_checks_markdown(checks, profile);
  }
  if (!anything) throw InputError(dir_text + ": nothing to validate (no glass_preparation/structure.json, no campaign results, no derived.json)");
  record["passed"] = ok;
  if (profile.empty() && fs::exists(dir / "reproduce.json")) profile = results_profile(dir);
  const std::string verdict = validation_verdict(checks, profile, ok);
  record["verdict"] = verdict;
  record["profile_caveat"] = profile_caveat(profile);
  record["potential"] = potential_record(glass);
  if (!record["potential"].value("paper_potential", true)) md = "**" + record["potential"]["note"].get<std::string>() + "**\n\n" + md;
  atomic_write((dir / "validation.json").string(), [&](std::ostream& os) { os << record.dump(2) << "\n"; });
  atomic_write((dir / "validation.md").string(), [&](std::ostream& os) { os << md; });
  out << verdict << ": " << (dir / "validation.md").string() << "\n";
  return ok;
}

}  // namespace betarelax::validation
