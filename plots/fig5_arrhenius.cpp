// Fig. 5 (§IV.C, Eqs. 2 and 8): predicted frequencies ν_para, ν_seq, ν_eff
// versus 1000/T with the band between para and seq, and the experimental
// Cu50Zr50 line (ΔE_β = 1.41 eV, ΔS ≈ −k_B). The La- and Pd-based points of
// the paper's figure are not given as numbers: the figure says so.
#include <cmath>
#include <map>

#include "plots/figure_data.hpp"
#include "plots/figures.hpp"

namespace betarelax::plots {

Figure fig5_arrhenius(const FigureContext& ctx, const nlohmann::json& derived) {
  const std::string caption =
      "Fig. 5: Arrhenius plot of nu_para, nu_seq, nu_eff vs 1000/T (band between para and seq) against the "
      "experimental Cu50Zr50 line; La- and Pd-based points are not in the paper as numbers";
  if (!derived.contains("arrhenius")) return not_drawn("fig5", caption, "no Arrhenius lines in analysis/derived.json");
  const auto& a = derived.at("arrhenius");
  // One row per temperature: 1000/T, log10 of each ν.
  std::map<double, std::map<std::string, double>> rows;
  for (const char* k : {"para", "seq", "eff"})
    for (const auto& p : a.at(k)) rows[p.at("inv_T_1000_per_K").get<double>()][k] = std::log10(p.at("nu_Hz").get<double>());
  std::string csv = "inv_T_1000_per_K,log10_nu_para,log10_nu_seq,log10_nu_eff\n";
  for (const auto& [x, r] : rows) {
    auto v = [&](const char* k) { return r.count(k) ? num(r.at(k)) : "nan"; };
    csv += num(x) + "," + v("para") + "," + v("seq") + "," + v("eff") + "\n";
  }
  std::string expt = "inv_T_1000_per_K,log10_nu\n";
  for (const auto& p : a.at("experiment_Cu50Zr50"))
    expt += num(p.at("inv_T_1000_per_K").get<double>()) + "," + num(std::log10(p.at("nu_Hz").get<double>())) + "\n";
  std::string body = "  set multiplot layout 1,1 title " + figure_title(ctx, "Fig. 5: Arrhenius plot") + "\n";
  body += "  set xlabel '1000/T (K^{-1})'\n  set ylabel 'log_{10} {/Symbol n} (Hz)'\n  set key bottom left\n"
          "  set style fill transparent solid 0.25 noborder\n"
          "  set label 2 \"La- and Pd-based points of the paper's Fig. 5: not given as numbers in the paper\" at graph 0.98,0.95 right font ',9'\n";
  body += "  plot 'fig5_nu.csv' skip 1 using 1:2:3 with filledcurves lc rgb '#8080ff' title 'between para and seq', "
          "'' skip 1 using 1:2 with linespoints pt 7 lc rgb '#2040c0' title '{/Symbol n}_{para}', "
          "'' skip 1 using 1:3 with linespoints pt 5 lc rgb '#c02020' title '{/Symbol n}_{seq}', "
          "'' skip 1 using 1:4 with linespoints pt 9 lc rgb 'black' title '{/Symbol n}_{eff}', "
          "'fig5_experiment.csv' skip 1 using 1:2 with lines dt 2 lw 2 lc rgb '#008000' title 'experiment Cu_{50}Zr_{50} (1.41 eV, -k_B)'\n";
  return draw_figure(ctx, "fig5", caption, {{"fig5_nu.csv", csv}, {"fig5_experiment.csv", expt}}, body, 1200, 900);
}

}  // namespace betarelax::plots
