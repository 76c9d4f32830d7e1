// Fig. 7 (beyond the paper, issue 34): ART's exploration shown, not claimed.
// (a) distinct verified saddles, and those of the MetaD class, against the
// number of searches (the saturation curve; a curve still rising at its end
// has not explored the group); (b) each distinct saddle's ΔQ against the
// group RMSD (Eq. 1) of its final minimum, the yardstick that sorts it into
// the MetaD class (the dashed line: WT-MetaD's jump).
#include "plots/figure_data.hpp"
#include "plots/figures.hpp"

namespace betarelax::plots {

Figure fig7_art_exploration(const FigureContext& ctx, const nlohmann::json& derived) {
  const std::string caption =
      "Fig. 7 (beyond the paper): ART distinct saddles vs searches, all and MetaD class (a); dQ vs the final "
      "minimum's group RMSD, with the MetaD class line (b)";
  if (!derived.contains("art") || !derived.at("art").contains("saturation"))
    return not_drawn("fig7", caption, "no ART results of this protocol in analysis/derived.json");
  const nlohmann::json& art = derived.at("art");
  const nlohmann::json& sat = art.at("saturation");
  const bool metad = sat.contains("metad_after_search");
  std::string curve = "searches,distinct,metad_class\n";
  const auto& all = sat.at("distinct_after_search");
  for (size_t k = 0; k < all.size(); ++k)
    curve += num(double(k + 1)) + "," + num(all[k]) + "," + (metad ? num(sat.at("metad_after_search")[k]) : "0") + "\n";
  std::string points = "group_rmsd_final_A,dQ_eV\n";
  const nlohmann::json& c = art.at("classes").at("all");
  const bool have_points = c.contains("group_rmsd_final_A") && c.at("dQ").contains("values");
  if (have_points)
    for (size_t k = 0; k < c.at("group_rmsd_final_A").size(); ++k)
      points += num(c.at("group_rmsd_final_A")[k]) + "," + num(c.at("dQ").at("values")[k]) + "\n";
  std::string body = "  set multiplot layout 1,2 title " + figure_title(ctx, "Fig. 7: ART exploration") + "\n";
  body += "  set key top left font ',8'\n  set title '(a) saturation'\n  set xlabel 'searches'\n  set ylabel 'distinct saddles'\n"
          "  set yrange [0:*]\n";
  body += "  plot 'fig7a_saturation.csv' skip 1 using 1:2 with lines lw 2 lc rgb '#3060c0' title 'all distinct'";
  if (metad) body += ", '' skip 1 using 1:3 with lines lw 2 lc rgb '#d06000' title 'MetaD class'";
  body += "\n  set yrange [*:*]\n  set title '(b) events by the WT-MetaD yardstick'\n"
          "  set xlabel 'group RMSD of the final minimum (A)'\n  set ylabel '{/Symbol D}Q (eV)'\n";
  if (metad) body += "  set arrow 1 from " + num(art.at("metad_class").at("rule").at("jump_A")) + ", graph 0 to " +
                     num(art.at("metad_class").at("rule").at("jump_A")) + ", graph 1 nohead dt 2 lc rgb 'gray30'\n";
  body += have_points ? "  plot 'fig7b_classes.csv' skip 1 using 1:2 with points pt 7 ps 1 lc rgb '#3060c0' title 'distinct saddles'\n"
                      : "  set label 1 'no group RMSD recorded' at graph 0.5,0.5 center\n  plot [0:1][0:1] NaN notitle\n  unset label 1\n";
  body += "  unset arrow 1\n";
  return draw_figure(ctx, "fig7", caption, {{"fig7a_saturation.csv", curve}, {"fig7b_classes.csv", points}}, body, 1200, 500);
}

}  // namespace betarelax::plots
