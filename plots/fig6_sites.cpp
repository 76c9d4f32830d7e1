// Fig. 6 (beyond the paper, issue 21): the site-to-site spread the paper's
// single group could not show. (a) each site's mean ΔF versus T; (b) each
// site's ΔQ_eff and ΔS_eff from its own fit ΔF_eff(T) = ΔQ − TΔS, with the
// mean over sites and its 95% interval; (c) the cross-talk: per site the
// mean of ΔF_together − ΔF_alone with its standard error.
#include "plots/figure_data.hpp"
#include "plots/figures.hpp"

namespace betarelax::plots {

Figure fig6_sites(const FigureContext& ctx, const nlohmann::json& derived) {
  const std::string caption =
      "Fig. 6 (beyond the paper): mean dF per site vs T (a), each site's dQ_eff and dS_eff with the mean over sites (b), "
      "cross-talk dF_together - dF_alone per site (c)";
  if (!derived.contains("sites")) return not_drawn("fig6", caption, "one site per run (sites.count = 1): no site-to-site spread");
  const nlohmann::json& s = derived.at("sites");
  std::string means = "site,T_K,mean_dF_eV,std_dF_eV\n", fits = "site,dQ_eff_eV,dS_eff_kB\n", summary = "dQ_eff_eV,dS_eff_kB,dQ_low,dQ_high,dS_low,dS_high\n";
  for (const auto& [k, site] : s.at("per_site").items()) {
    for (const auto& [t, e] : site.at("per_T").items())
      means += k + "," + t + "," + num(e.at("mean_eV")) + "," + num(e.at("std_eV")) + "\n";
    means += "\n\n";  // one gnuplot index per site
    if (site.at("fit_eff").is_object())
      fits += k + "," + num(site.at("fit_eff").at("dQ_eV")) + "," + num(site.at("fit_eff").at("dS_kB")) + "\n";
  }
  const nlohmann::json& dq = s.at("across_sites").at("dQ_eff_eV");
  const nlohmann::json& ds = s.at("across_sites").at("dS_eff_kB");
  const bool have_fits = dq.is_object() && ds.is_object() && dq.at("ci95_of_mean").is_array() && ds.at("ci95_of_mean").is_array();
  if (have_fits)
    summary += num(dq.at("mean")) + "," + num(ds.at("mean")) + "," + num(dq.at("ci95_of_mean")[0]) + "," +
               num(dq.at("ci95_of_mean")[1]) + "," + num(ds.at("ci95_of_mean")[0]) + "," + num(ds.at("ci95_of_mean")[1]) + "\n";
  std::string crosstalk = "site,mean_eV,se_eV\n";
  const bool have_crosstalk = derived.contains("crosstalk") && !derived.at("crosstalk").at("per_site").empty();
  if (have_crosstalk)
    for (const auto& [k, e] : derived.at("crosstalk").at("per_site").items())
      crosstalk += k + "," + num(e.at("mean_eV")) + "," + (e.at("se_eV").is_number() ? num(e.at("se_eV")) : "0") + "\n";
  const int n_sites = static_cast<int>(s.at("per_site").size());

  std::string body = "  set multiplot layout 1,3 title " + figure_title(ctx, "Fig. 6: site-to-site spread") + "\n";
  body += "  set key top right font ',8'\n  set title '(a) mean {/Symbol D}F of each site'\n  set xlabel 'T (K)'\n"
          "  set ylabel '{/Symbol D}F (eV)'\n";
  body += "  plot for [i=0:" + std::to_string(n_sites - 1) +
          "] 'fig6a_site_means.csv' skip 1 index i using 2:3:4 with yerrorlines pt 7 ps 0.8 title sprintf('site %d', i)\n";
  body += "  set title '(b) each site''s fit {/Symbol D}F_{eff} = {/Symbol D}Q - T{/Symbol D}S'\n"
          "  set xlabel '{/Symbol D}Q_{eff} (eV)'\n  set ylabel '{/Symbol D}S_{eff} (k_B)'\n";
  body += have_fits ? "  plot 'fig6b_site_fits.csv' skip 1 using 2:3 with points pt 7 ps 1.2 title 'sites', "
                      "'fig6b_mean.csv' skip 1 using 1:2:3:4:5:6 with xyerrorbars pt 13 ps 2 lc rgb 'black' title 'mean, 95% interval'\n"
                    : "  set label 1 'fewer than two temperatures per site' at graph 0.5,0.5 center\n  plot [0:1][0:1] NaN notitle\n"
                      "  unset label 1\n";
  body += "  set title '(c) cross-talk'\n  set xlabel 'site'\n  set ylabel '{/Symbol D}F_{together} - {/Symbol D}F_{alone} (eV)'\n";
  body += have_crosstalk ? "  set xrange [-0.5:" + std::to_string(n_sites) + "-0.5]\n  set xzeroaxis\n"
                           "  plot 'fig6c_crosstalk.csv' skip 1 using 1:2:3 with yerrorbars pt 7 ps 1.2 title 'mean +- standard error'\n"
                           "  set xrange [*:*]\n"
                         : "  set label 1 'no sites run alone (sites.crosstalk = false)' at graph 0.5,0.5 center\n"
                           "  plot [0:1][0:1] NaN notitle\n  unset label 1\n";
  return draw_figure(ctx, "fig6", caption,
                     {{"fig6a_site_means.csv", means}, {"fig6b_site_fits.csv", fits}, {"fig6b_mean.csv", summary},
                      {"fig6c_crosstalk.csv", crosstalk}},
                     body, 1500, 500);
}

}  // namespace betarelax::plots
