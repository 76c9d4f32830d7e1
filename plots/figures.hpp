#pragma once
/// The paper's figures (Yang et al., PRB 102, 174103 (2020), Figs. 1–5, and
/// Fig. 6, the site-to-site spread of a several-site campaign),
/// one function each, drawn from a results directory's validated results
/// (analysis/derived.json and the stage folders), and report.md.
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plots/figure.hpp"

namespace betarelax::plots {

Figure fig1_sample(const FigureContext& ctx);
Figure fig2_cluster_size(const FigureContext& ctx, const nlohmann::json& derived);
Figure fig3_sample_count(const FigureContext& ctx, const nlohmann::json& derived);
Figure fig4_temperature(const FigureContext& ctx, const nlohmann::json& derived);
Figure fig5_arrhenius(const FigureContext& ctx, const nlohmann::json& derived);
/// Beyond the paper: the spread over the sites of a several-site campaign.
Figure fig6_sites(const FigureContext& ctx, const nlohmann::json& derived);
/// Beyond the paper: ART's saturation curve and its events by the WT-MetaD yardstick.
Figure fig7_art_exploration(const FigureContext& ctx, const nlohmann::json& derived);

/// report.md in the results directory: the validation table (paper value,
/// measured ± uncertainty, tolerance, severity, status), the figures (or why
/// one is missing), the sites of a several-site campaign, provenance and
/// the stages' wall times.
std::string write_report(const FigureContext& ctx, const nlohmann::json& validation, const nlohmann::json& derived,
                         const std::vector<Figure>& figures);

struct PlotOutcome {
  bool validated = false;           ///< validation.json present and every required check passed
  std::vector<Figure> figures;      ///< empty when refused
  std::string report;               ///< report.md path ("" when refused)
};

/// `betarelax plot DIR`: refuses (no figure, no report, returns with
/// validated false and figures empty) unless DIR/validation.json exists and
/// its required checks pass — or `force`, when every figure is drawn with a
/// NOT VALIDATED mark. Throws InputError when DIR has no analysis.
PlotOutcome plot_results(const std::string& dir, bool force, std::ostream& log);

}  // namespace betarelax::plots
