// Fig. 4 (§IV.A–C): (a) the ΔF spectra at each temperature with their
// log-normal fits, stacked; (b) the ART activation-energy histogram;
// (c)–(e) ΔF_para, ΔF_seq, ΔF_eff versus T with the linear fits
// ΔF_x = ΔQ_x − TΔS_x (ΔS and ΔQ in the legend) and, on (e), ART's ⟨ΔQ⟩ (of
// the MetaD class when the run has it) as a rhombus at 0 K; with several sites, each site's own fit on (e).
#include <algorithm>
#include <cmath>

#include "plots/figure_data.hpp"
#include "plots/figures.hpp"
#include "support/units.hpp"

namespace betarelax::plots {

Figure fig4_temperature(const FigureContext& ctx, const nlohmann::json& derived) {
  const std::string caption =
      "Fig. 4: dF spectra vs T with log-normal fits (a), ART activation energies (b), dF_para/seq/eff vs T with "
      "linear fits, dQ and dS (c-e), ART <dQ> at 0 K on (e)";
  if (!derived.contains("per_T") || derived.at("per_T").empty())
    return not_drawn("fig4", caption, "no temperature spectra in analysis/derived.json");
  // (a) histograms offset by one unit per temperature (counts scaled to the tallest bin).
  std::string spectra = "T_K,offset,dF_eV,top,bin_low_eV,bin_high_eV\n", fits = "T_K,offset,dF_eV,height\n", barriers = "T_K,para_eV,seq_eV,eff_eV\n";
  int k = 0;
  double t_max = 0;
  std::string temps;
  for (const auto& [t, e] : derived.at("per_T").items()) {
    const auto& h = e.at("histogram");
    double tallest = 1;
    for (const auto& c : h.at("counts")) tallest = std::max(tallest, c.get<double>());
    const double low = h.at("low_eV").get<double>(), bin = h.at("bin_eV").get<double>();
    const auto& counts = h.at("counts");
    for (size_t i = 0; i < counts.size(); ++i)
      if (counts[i].get<double>() > 0)
        spectra += t + "," + num(k) + "," + num(low + (i + 0.5) * bin) + "," + num(k + 0.9 * counts[i].get<double>() / tallest) +
                   "," + num(low + i * bin) + "," + num(low + (i + 1) * bin) + "\n";
    spectra += "\n\n";  // two blank lines: the next temperature is the next gnuplot index
    if (e.at("lognormal_mu").is_number()) {
      const double lo = e.at("min").get<double>() - 3 * bin, hi = e.at("max").get<double>() + 3 * bin;
      for (const auto& [x, y] : lognormal_counts(e.at("lognormal_mu"), e.at("lognormal_sigma"), e.at("n"), bin, lo, hi))
        fits += t + "," + num(k) + "," + num(x) + "," + num(k + 0.9 * y / tallest) + "\n";
    }
    fits += "\n\n";  // one index per temperature, empty when no fit
    barriers += t + "," + num(e.at("para")) + "," + num(e.at("seq")) + "," + num(e.at("eff")) + "\n";
    t_max = std::max(t_max, std::stod(t));
    temps += (temps.empty() ? "" : " ") + t;
    ++k;
  }
  // (c)–(e) fit lines from 0 K to the highest temperature.
  std::string lines = "T_K,para_eV,seq_eV,eff_eV\n", legend[3];
  const char* kinds[3] = {"para", "seq", "eff"};
  const bool have_fits = derived.contains("fits") && derived.at("fits").contains("eff");
  if (have_fits) {
    for (int i = 0; i <= 20; ++i) {
      const double t = t_max * 1.05 * i / 20;
      lines += num(t);
      for (const char* x : kinds) {
        const auto& f = derived.at("fits").at(x);
        lines += "," + num(f.at("dQ_eV").get<double>() - t * f.at("dS_kB").get<double>() * units::kB);
      }
      lines += "\n";
    }
    for (int i = 0; i < 3; ++i) {
      const auto& f = derived.at("fits").at(kinds[i]);
      legend[i] = "fit: dQ = " + fixed(f.at("dQ_eV"), 2) + " eV, dS = " + fixed(f.at("dS_kB"), 1) + " k_B";
    }
  }
  // (e) with several sites: each site's own fit ΔF_eff(T), thin and grey
  // beside site 0's (the spread the paper's single site hides).
  std::string site_lines = "T_K";
  int site_fits = 0;
  if (derived.contains("sites")) {
    std::vector<std::pair<double, double>> qs;  // (dQ, dS) per site with a fit
    for (const auto& [k, site] : derived.at("sites").at("per_site").items()) {
      if (!site.at("fit_eff").is_object()) continue;
      site_lines += ",site_" + k + "_eV";
      qs.push_back({site.at("fit_eff").at("dQ_eV").get<double>(), site.at("fit_eff").at("dS_kB").get<double>()});
    }
    site_lines += "\n";
    site_fits = static_cast<int>(qs.size());
    for (int i = 0; i <= 20 && site_fits > 0; ++i) {
      const double t = t_max * 1.05 * i / 20;
      site_lines += num(t);
      for (const auto& [dq, ds] : qs) site_lines += "," + num(dq - t * ds * units::kB);
      site_lines += "\n";
    }
  }
  // (b) ART: every distinct saddle, and those WT-MetaD would count (the
  // class the paper's comparison is made on), on the same bins.
  std::string art = "dQ_eV,count\n", art_metad = "dQ_eV,count\n", art_mean = "T_K,dQ_eV\n", art_axes;
  const bool have_art = derived.contains("art") && derived.at("art").contains("mean_dQ_eV");
  const bool have_metad = have_art && derived.at("art").contains("metad_class") &&
                          derived.at("art").at("metad_class").contains("mean_dQ_eV");
  if (have_art) {
    const auto& h = derived.at("art").at("dQ").at("histogram");
    art += histogram_rows(h);
    if (have_metad) art_metad += histogram_rows(derived.at("art").at("metad_class").at("dQ").at("histogram"));
    const nlohmann::json& a = derived.at("art");
    art_mean += "0," + num(have_metad && a.contains("compared") && a.at("compared").is_object() ? a.at("compared").at("mean_dQ_eV")
                                                                                              : a.at("mean_dQ_eV")) + "\n";
    // Counts start at zero and the bins have a bin of room each side: with
    // one distinct saddle, autoscaling drew one bar on a count axis of
    // 1.98-2.02 and an energy axis as wide as the bar.
    const HistogramBins b = histogram_bins(h);
    art_axes = "  set boxwidth " + num(b.width) + " absolute\n  set xrange [" + num(b.low - b.width) + ":" +
               num(b.low + double(b.count + 1) * b.width) + "]\n  set yrange [0:*]\n";
  }
  const std::string art_plot =
      "  plot 'fig4b_art.csv' skip 1 using 1:2 with boxes lc rgb '#3060c0' title 'all distinct verified saddles'" +
      std::string(have_metad ? ", 'fig4b_art_metad.csv' skip 1 using 1:2 with boxes lc rgb '#d06000' title 'MetaD class'" : "") + "\n";

  std::string body = "  set multiplot layout 2,3 title " + figure_title(ctx, "Fig. 4: temperature dependence of dF") + "\n";
  body += "  set key top right font ',8'\n";
  body += "  set title '(a) spectra, lowest T at the bottom'\n  set xlabel '{/Symbol D}F (eV)'\n  set ylabel 'T (stacked)'\n"
          "  unset ytics\n";
  body += "  temps = \"" + temps + "\"\n";
  body += "  set style fill solid 0.4 border\n  set yrange [0:" + std::to_string(k) + "]\n";
  body += "  plot for [i=0:" + std::to_string(k - 1) + "] 'fig4a_spectra.csv' skip 1 index i using 3:4:5:6:2:4 with boxxyerror lc i+1 "
          "title sprintf('%s K', word(temps, i+1))";
  if (fits.find('\n', fits.find('\n') + 1) != std::string::npos && fits.size() > 40)
    body += ", for [i=0:" + std::to_string(k - 1) + "] 'fig4a_fits.csv' skip 1 index i using 3:4 with lines lw 1 lc rgb 'black' "
            "title (i == 0 ? 'log-normal fits' : '')";
  body += "\n";
  body += "  set ytics\n  set yrange [*:*]\n  set key top center\n  set title '(b) ART activation energies (0 K)'\n  set xlabel '{/Symbol D}Q (eV)'\n  set ylabel 'count'\n";
  body += have_art ? art_axes + "  set style fill solid 0.5\n" + art_plot + "  set yrange [*:*]\n  set boxwidth\n"
                   : "  set label 1 'no ART results' at graph 0.5,0.5 center\n  plot [0:1][0:1] NaN notitle\n  unset label 1\n";
  const char* panel[3] = {"(c) parallel", "(d) sequential", "(e) effective"};
  for (int i = 0; i < 3; ++i) {
    body += std::string("  set title '") + panel[i] + "'\n  set xlabel 'T (K)'\n  set ylabel '{/Symbol D}F_{" + kinds[i] +
            "} (eV)'\n  set xrange [0:" + num(t_max * 1.05) + "]\n";
    body += "  plot 'fig4c_barriers.csv' skip 1 using 1:" + std::to_string(i + 2) + " with points pt 7 ps 1.2 title 'WT-MetaD'";
    if (have_fits) body += ", 'fig4c_fits.csv' skip 1 using 1:" + std::to_string(i + 2) + " with lines lw 2 title \"" + gp_text(legend[i]) + "\"";
    if (i == 2 && site_fits > 0)
      body += ", for [c=2:" + std::to_string(site_fits + 1) +
              "] 'fig4e_sites.csv' skip 1 using 1:c with lines lw 1 dt 2 lc rgb 'gray50' title (c == 2 ? 'each site' : '')";
    if (i == 2 && have_art) body += ", 'fig4b_art_mean.csv' skip 1 using 1:2 with points pt 13 ps 2.5 lc rgb '#d06000' title \"" + std::string(have_metad ? "ART <{/Symbol D}Q>, MetaD class" : "ART <{/Symbol D}Q>") + "\"";
    body += "\n  set xrange [*:*]\n";
  }
  return draw_figure(ctx, "fig4", caption,
                     {{"fig4a_spectra.csv", spectra}, {"fig4a_fits.csv", fits}, {"fig4b_art.csv", art},
                      {"fig4b_art_metad.csv", art_metad}, {"fig4b_art_mean.csv", art_mean}, {"fig4c_barriers.csv", barriers}, {"fig4c_fits.csv", lines},
                      {"fig4e_sites.csv", site_lines}},
                     body, 1500, 950);
}

}  // namespace betarelax::plots
