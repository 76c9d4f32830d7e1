// `betarelax plot DIR`: the figures only from validated results (or, with
// --force, marked NOT VALIDATED), then report.md.
#include <filesystem>

#include "plots/figure_data.hpp"
#include "plots/figures.hpp"
#include "support/input_error.hpp"
#include "validation/paper_checks.hpp"

namespace betarelax::plots {
namespace fs = std::filesystem;

PlotOutcome plot_results(const std::string& dir, bool force, std::ostream& log) {
  PlotOutcome out;
  const nlohmann::json derived = read_json_if((fs::path(dir) / "analysis" / "derived.json").string());
  if (derived.is_null()) throw InputError(dir + ": no analysis/derived.json (run betarelax analyze " + dir + ")");
  const nlohmann::json validation = read_json_if((fs::path(dir) / "validation.json").string());
  out.validated = validation.is_object() && validation.value("passed", false);
  if (!out.validated && !force) {
    log << "[plot] " << dir << ": "
        << (validation.is_null() ? "no validation.json (run betarelax validate first)" : "required validation checks failed")
        << ": no figures (use --force for figures marked NOT VALIDATED)\n";
    return out;
  }
  FigureContext ctx;
  ctx.results_dir = dir;
  ctx.out_dir = (fs::path(dir) / "figures").string();
  const nlohmann::json prov = derived.value("provenance", nlohmann::json::object());
  ctx.profile = validation.is_object() ? validation.at("paper").value("profile", std::string("?")) : std::string("?");
  ctx.provenance = "betarelax " + prov.value("git_revision", std::string("?")) + ", " +
                   prov.value("execution_space", std::string("?")) + " x" + std::to_string(prov.value("concurrency", 0)) +
                   " (" + prov.value("device", std::string("?")) + ")";
  ctx.validated = out.validated;
  if (validation.is_object()) {
    const std::string caveat = validation::profile_caveat(ctx.profile);
    const nlohmann::json pot = validation.value("potential", nlohmann::json::object());
    const std::string note = pot.value("note", std::string());
    ctx.caveat = caveat + (!caveat.empty() && !note.empty() ? "; " : "") + note;
  }
  out.figures = {fig1_sample(ctx), fig2_cluster_size(ctx, derived), fig3_sample_count(ctx, derived),
                 fig4_temperature(ctx, derived), fig5_arrhenius(ctx, derived), fig6_sites(ctx, derived),
                 fig7_art_exploration(ctx, derived)};
  for (const Figure& f : out.figures) {
    log << "[plot] " << f.name << ": " << (f.drawn ? "figures/" + f.name + ".png, .pdf, .gp, data" : "not drawn: " + f.why_not)
        << "\n";
  }
  out.report = write_report(ctx, validation, derived, out.figures);
  log << "[plot] report: " << out.report << (out.validated ? "" : " (NOT VALIDATED)") << "\n";
  return out;
}

}  // namespace betarelax::plots
