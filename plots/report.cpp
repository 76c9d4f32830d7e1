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

}  // namespace

std::string write_report(const FigureContext& ctx, const nlohmann::json& validation, const std::vector<Figure>& figures) {
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
