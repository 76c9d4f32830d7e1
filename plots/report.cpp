// report.md: what a materials scientist pastes into a report — the paper's
// numbers against the suite's with uncertainties and verdicts, the figures,
// provenance, and how long each stage took.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "plots/figure_data.hpp"
#include "plots/figures.hpp"
#include "support/atomic_write.hpp"

namespace betarelax::plots {
namespace fs = std::filesystem;

namespace {

std::string cell(const nlohmann::json& v, int digits = 3) {
  if (v.is_null()) return "";
  if (v.is_number()) return fixed(v.get<double>(), digits);
  return v.get<std::string>();
}

/// Several sites per run (derived.json `sites`, `crosstalk`): each site's
/// own fit and the distribution over sites, then the cross-talk pairs.
std::string sites_section(const nlohmann::json& derived) {
  if (!derived.is_object() || !derived.contains("sites")) return "";
  std::ostringstream md;
  const nlohmann::json& s = derived.at("sites");
  md << "## Sites\n\n" << s.at("sites").get<int>() << " sites of one glass, each with its own WT-MetaD bias in the same runs; "
     << "site 0 is the paper's group, whose spectra the checks above use. Each site's fit dF_eff(T) = dQ - T dS:\n\n"
     << "| site | dQ_eff (eV) | dS_eff (k_B) |\n| --- | --- | --- |\n";
  for (const auto& [k, site] : s.at("per_site").items()) {
    const nlohmann::json& f = site.at("fit_eff");
    md << "| " << k << " | " << (f.is_object() ? cell(f.at("dQ_eV")) : "") << " | " << (f.is_object() ? cell(f.at("dS_kB"), 1) : "")
       << " |\n";
  }
  // The mean over sites with its 95 % interval (sites: independent draws of the glass's environments).
  const auto mean_ci = [](const nlohmann::json& d, int digits) -> std::string {
    if (!d.is_object() || !d.at("ci95_of_mean").is_array()) return "";
    return cell(d.at("mean"), digits) + " [" + cell(d.at("ci95_of_mean")[0], digits) + ", " + cell(d.at("ci95_of_mean")[1], digits) + "]";
  };
  const nlohmann::json& across = s.at("across_sites");
  if (across.at("dQ_eff_eV").is_object())
    md << "| **mean over " << across.at("dQ_eff_eV").at("n").get<int>() << " sites, 95 % interval** | " << mean_ci(across.at("dQ_eff_eV"), 3)
       << " | " << mean_ci(across.at("dS_eff_kB"), 1) << " |\n";
  md << "\n";
  if (derived.contains("crosstalk") && derived.at("crosstalk").at("all").is_object()) {
    const nlohmann::json& a = derived.at("crosstalk").at("all");
    md << "Cross-talk: over " << a.at("n").get<int>() << " pairs of the same site and seed run with and without the other sites, "
       << "<dF_together - dF_alone> = " << cell(a.at("mean_eV")) << " eV ± " << cell(a.at("se_eV")) << " eV (standard error).\n\n";
  }
  return md.str();
}

/// ART (derived.json `art`): the classes, the exploration, the cost, and
/// LAMMPS's NEB on a sample of the events when it was run.
std::string art_section(const nlohmann::json& derived) {
  if (!derived.is_object() || !derived.contains("art") || !derived.at("art").contains("classes")) return "";
  std::ostringstream md;
  const nlohmann::json& a = derived.at("art");
  md << "## ART on the group\n\n" << a.at("searches").get<long>() << " searches, " << a.at("verified").get<long>()
     << " verified, " << a.at("distinct").get<long>() << " distinct saddles.\n\n"
     << "| class | distinct saddles | <dQ> (eV) | 95 % interval (eV) |\n| --- | --- | --- | --- |\n";
  for (const char* c : {"all", "metad"}) {
    if (!a.at("classes").contains(c)) continue;
    const nlohmann::json& k = a.at("classes").at(c);
    md << "| " << (std::string(c) == "all" ? "all" : "MetaD class") << " | " << k.at("n").get<long>() << " | "
       << (k.contains("mean_dQ_eV") ? cell(k.at("mean_dQ_eV")) : "") << " | "
       << (k.contains("interval95_eV") ? "[" + cell(k.at("interval95_eV")[0]) + ", " + cell(k.at("interval95_eV")[1]) + "]" : "")
       << " |\n";
  }
  const nlohmann::json& sat = a.at("saturation");
  md << "\nSearches of the last quarter that found a new distinct saddle: " << cell(sat.at("last_quarter_new_fraction"));
  if (sat.contains("last_quarter_new_fraction_metad")) md << " (MetaD class: " << cell(sat.at("last_quarter_new_fraction_metad")) << ")";
  if (a.contains("halves_metad_difference_eV"))
    md << "; MetaD-class <dQ> of the second half of the searches minus the first: " << cell(a.at("halves_metad_difference_eV")) << " eV";
  md << ". Median force calls per verified search: " << cell(a.at("force_calls").at("median_per_verified"), 0);
  if (a.at("force_calls").contains("median_search_per_verified"))
    md << " (the search to the saddle alone: " << cell(a.at("force_calls").at("median_search_per_verified"), 0) << ")";
  md << ".\n\n";
  if (a.contains("compared") && a.at("compared").is_object())
    md << "Compared with WT-MetaD's dQ_eff: " << cell(a.at("compared").at("mean_dQ_eV")) << " +- "
       << cell(a.at("compared").at("sem_dQ_eV")) << " eV (" << a.at("compared").at("basis").get<std::string>() << ").\n\n";
  if (a.contains("neb_check")) {
    const nlohmann::json& n = a.at("neb_check");
    md << "LAMMPS climbing-image NEB between the two minima of " << n.at("events").size() << " events (agree: within "
       << cell(n.at("rule").at("agree_eV"), 2) << " eV; lower: NEB below ART by more than " << cell(n.at("rule").at("lower_eV"), 2)
       << " eV):\n\n| event | ART dQ (eV) | NEB (eV) | NEB - ART (eV) | verdict |\n| --- | --- | --- | --- | --- |\n";
    for (const nlohmann::json& e : n.at("events"))
      md << "| " << e.at("id").get<long>() << " | " << cell(e.at("art_dQ_eV"), 4) << " | " << cell(e.at("neb_dQ_eV"), 4) << " | "
         << cell(e.at("neb_minus_art_eV"), 4) << " | " << e.at("verdict").get<std::string>() << " |\n";
    md << "\n";
  }
  return md.str();
}

}  // namespace

std::string write_report(const FigureContext& ctx, const nlohmann::json& validation, const nlohmann::json& derived,
                         const std::vector<Figure>& figures) {
  std::ostringstream md;
  // The first line says what the numbers are not (smoke; another potential).
  md << "# betarelax report — Yang et al., PRB 102, 174103 (2020)" << (ctx.caveat.empty() ? "" : " — " + ctx.caveat) << "\n\n"
     << "Results: `" << ctx.results_dir << "`, profile **" << ctx.profile << "**. " << ctx.provenance << "\n\n";
  if (!ctx.validated) md << "**NOT VALIDATED**: drawn with `--force` from results that did not pass validation.\n\n";
  md << "## Validation against the paper\n\n"
     << "| check | claim | paper | measured | ± | tolerance | severity | status |\n"
     << "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  if (validation.is_object() && validation.contains("paper")) {
    for (const auto& c : validation.at("paper").at("checks")) {
      md << "| `" << c.at("id").get<std::string>() << "` | " << c.at("claim").get<std::string>() << " | " << cell(c.at("paper"))
         << " " << c.value("unit", "") << " | " << cell(c.at("measured")) << " | " << cell(c.at("uncertainty")) << " | "
         << cell(c.at("tolerance")) << " | " << c.at("severity").get<std::string>() << " | "
         << (c.at("status") == "fail" ? "**FAIL**" : c.at("status").get<std::string>()) << " |\n";
    }
    md << "\n" << validation.value("verdict", std::string(validation.value("passed", false) ? "Required checks pass" : "Required checks **fail**"))
       << "; each check's reason and detail are in `validation.md`.\n\n";
  } else {
    md << "| (no validation.json) | | | | | | | |\n\n";
  }
  md << sites_section(derived) << art_section(derived);
  md << "## Figures\n\n";
  for (const Figure& f : figures) {
    if (f.drawn) {
      md << "### " << f.name << "\n\n" << f.caption << "\n\n![" << f.name << "](figures/" << f.name << ".png)\n\n"
         << "PDF: `figures/" << f.name << ".pdf`; data and gnuplot script: `figures/" << f.name << "*.csv`, `figures/"
         << f.name << ".gp`.\n\n";
    } else {
      md << "### " << f.name << " (not drawn)\n\n" << f.caption << "\n\nNot drawn: " << f.why_not << ".\n\n";
    }
  }
  md << "## Stages and timings\n\n";
  const nlohmann::json reproduce = read_json_if((fs::path(ctx.results_dir) / "reproduce.json").string());
  if (reproduce.is_object() && reproduce.contains("stages")) {
    md << "| stage | status | wall time |\n| --- | --- | --- |\n";
    for (const auto& s : reproduce.at("stages")) {
      // A stage's wall time already holds its campaigns': they are listed under it, not added.
      const double wall = s.value("wall_time_s", 0.0);
      md << "| " << s.value("name", std::string()) << " | " << s.value("status", std::string()) << " | "
         << (wall > 0 ? fixed(wall, 0) + " s" : std::string("")) << " |\n";
      if (s.contains("campaigns"))
        for (const auto& c : s.at("campaigns"))
          md << "| &nbsp;&nbsp;" << c.value("name", std::string()) << " | | " << fixed(c.value("wall_time_s", 0.0), 0) << " s |\n";
    }
  } else {
    md << "(no reproduce.json: the stages were run one by one)\n";
  }
  const std::string path = (fs::path(ctx.results_dir) / "report.md").string();
  atomic_write(path, [&](std::ostream& os) { os << md.str(); });
  return path;
}

}  // namespace betarelax::plots
