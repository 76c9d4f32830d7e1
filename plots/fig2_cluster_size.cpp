// Fig. 2 (§III): (a) the total and partial RDFs of the 300 K glass with the
// characteristic positions that became cluster cutoffs; (b) the predicted
// frequency ν0 e^{−⟨ΔF⟩/kT} versus the cluster cutoff, group sizes and mean
// ΔF written at each point.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "plots/figure_data.hpp"
#include "plots/figures.hpp"

namespace betarelax::plots {
namespace fs = std::filesystem;

Figure fig2_cluster_size(const FigureContext& ctx, const nlohmann::json& derived) {
  const std::string caption =
      "Fig. 2: RDFs of the 300 K glass with the cutoffs taken from them (a); predicted frequency vs cluster cutoff, "
      "group size and mean dF at each point (b)";
  const fs::path glass = fs::path(ctx.results_dir) / "glass_preparation";
  const fs::path rdf = glass / "rdf_300K.csv";
  const nlohmann::json structure = read_json_if((glass / "structure.json").string());
  if (!fs::exists(rdf) || structure.is_null()) return not_drawn("fig2", caption, "no RDF of the 300 K glass in " + glass.string());
  if (!derived.contains("campaigns") || !derived.at("campaigns").contains("cluster_size"))
    return not_drawn("fig2", caption, "no cluster-size campaign in analysis/derived.json");
  std::ifstream in(rdf);
  std::stringstream rdf_text;
  rdf_text << in.rdbuf();
  std::string cutoffs = "cutoff_A,label,group_size,mean_dF_eV,log10_nu_Hz\n";
  for (const auto& p : derived.at("campaigns").at("cluster_size").at("points")) {
    if (!p.contains("frequency_from_mean_Hz") || !p.at("frequency_from_mean_Hz").is_number()) continue;
    cutoffs += num(p.at("cutoff_A")) + "," + p.at("cutoff_label").get<std::string>() + "," +
               num(p.at("group_size")) + "," + num(p.at("spectrum").at("mean_eV")) + "," +
               num(std::log10(p.at("frequency_from_mean_Hz").get<double>())) + "\n";
  }
  std::string body = "  set multiplot layout 1,2 title " + figure_title(ctx, "Fig. 2: cluster size") + "\n";
  body += "  set title '(a) radial distribution functions, 300 K'\n  set xlabel 'r (Å)'\n  set ylabel 'g(r)'\n"
          "  set xrange [0:8]\n  set key top right\n";
  int arrow = 10;
  for (const auto& p : derived.at("campaigns").at("cluster_size").at("points")) {
    body += "  set arrow " + std::to_string(arrow++) + " from " + num(p.at("cutoff_A")) + ", graph 0 to " + num(p.at("cutoff_A")) +
            ", graph 1 nohead dt 3 lc rgb '#808080'\n";
  }
  body += "  plot 'fig2a_rdf.csv' skip 1 using 1:2 with lines lw 2 lc rgb 'black' title 'total', "
          "'' skip 1 using 1:3 with lines title 'Cu-Cu', '' skip 1 using 1:4 with lines title 'Cu-Zr', "
          "'' skip 1 using 1:5 with lines title 'Zr-Zr'\n";
  body += "  unset arrow\n  set xrange [*:*]\n  set title '(b) predicted frequency vs cutoff'\n  set xlabel 'cluster cutoff r_c (Å)'\n"
          "  set ylabel 'log_{10} {/Symbol n}_0 e^{-<{/Symbol D}F>/kT} (Hz)'\n  set offsets 0.3,0.3,1,1\n";
  body += "  plot 'fig2b_cutoffs.csv' skip 1 using 1:5 with linespoints pt 7 ps 1.5 notitle, "
          "'' skip 1 using 1:5:(sprintf('N=%d, %.2f eV', int($3), $4)) with labels offset 0,1.2 font ',9' notitle\n";
  return draw_figure(ctx, "fig2", caption, {{"fig2a_rdf.csv", rdf_text.str()}, {"fig2b_cutoffs.csv", cutoffs}}, body, 1400, 600);
}

}  // namespace betarelax::plots
