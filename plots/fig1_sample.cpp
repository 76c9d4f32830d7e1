// Fig. 1 (§II, Eq. 1): one WT-MetaD sample — (a) the RMSD collective
// variable against time with the confirmed transition marked; (b) the free
// energy F(s) with its initial minimum, saddle and product minimum marked,
// and the bias V(s) deposited by the end in a second panel.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "plots/figure_data.hpp"
#include "plots/figures.hpp"

namespace betarelax::plots {
namespace fs = std::filesystem;

Figure fig1_sample(const FigureContext& ctx) {
  const std::string caption =
      "Fig. 1: one WT-MetaD sample: RMSD CV vs time with the transition (a); F(s) with minima and saddle (b); "
      "the bias V(s) (c)";
  const fs::path dir = fs::path(ctx.results_dir) / "single_sample";
  const nlohmann::json sample = read_json_if((dir / "sample.json").string());
  if (sample.is_null() || !fs::exists(dir / "cv.csv") || !fs::exists(dir / "fes.csv"))
    return not_drawn("fig1", caption, "no single sample with cv.csv and fes.csv in " + dir.string());
  auto text_of = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const auto& fe = sample.at("free_energy");
  const auto& tr = sample.at("transition");
  std::string marks = "what,s_A,F_eV\n";
  if (fe.value("found", false)) {
    // F at each landmark, from the grid (nearest point).
    std::istringstream fes(text_of(dir / "fes.csv"));
    std::string line;
    std::getline(fes, line);
    std::vector<std::pair<double, double>> grid;
    while (std::getline(fes, line)) {
      std::istringstream ls(line);
      std::string s, v, f;
      std::getline(ls, s, ',');
      std::getline(ls, v, ',');
      std::getline(ls, f, ',');
      grid.emplace_back(std::stod(s), std::stod(f));
    }
    auto f_at = [&](double s) {
      double best = 1e300, f = 0;
      for (const auto& [x, y] : grid)
        if (std::fabs(x - s) < best) best = std::fabs(x - s), f = y;
      return f;
    };
    for (const char* k : {"initial_minimum_A", "saddle_A", "product_minimum_A"})
      marks += std::string(k) + "," + num(fe.at(k)) + "," + num(f_at(fe.at(k))) + "\n";
  }
  std::string body = "  set multiplot layout 1,3 title " +
                     figure_title(ctx, "Fig. 1: one WT-MetaD sample at " + fixed(sample.at("temperature_K"), 0) + " K") + "\n";
  body += "  set title '(a) collective variable'\n  set xlabel 't (ps)'\n  set ylabel 'RMSD s (Å)'\n  set key top left\n";
  if (tr.value("confirmed", false) && tr.at("time_ps").is_number()) {
    body += "  set arrow 1 from " + num(tr.at("time_ps")) + ", graph 0 to " + num(tr.at("time_ps")) +
            ", graph 1 nohead dt 2 lw 2 lc rgb '#d00000'\n  set label 3 'transition' at " + num(tr.at("time_ps")) +
            ", graph 0.95 offset 0.5,0 tc rgb '#d00000'\n";
  }
  body += "  plot 'fig1a_cv.csv' skip 1 using 2:3 with lines lc rgb '#2040c0' notitle\n  unset arrow 1\n  unset label 3\n";
  body += "  set title '(b) free energy'\n  set xlabel 's (Å)'\n  set ylabel 'F(s) (eV)'\n  set key top right\n";
  if (fe.value("found", false)) {
    body += "  set label 4 sprintf('{/Symbol D}F = %.3f eV', " + num(fe.at("delta_F_eV")) + ") at graph 0.05,0.92\n";
  }
  body += "  plot 'fig1b_fes.csv' skip 1 using 1:3 with lines lw 2 lc rgb 'black' title 'F(s)'";
  if (fe.value("found", false)) {
    body += ", 'fig1b_landmarks.csv' skip 1 using 2:3 with points pt 7 ps 1.5 lc rgb '#d00000' title 'minima, saddle', "
            "'' skip 1 using 2:3:(strcol(1) eq 'saddle_A' ? 'saddle' : (strcol(1) eq 'initial_minimum_A' ? 'initial' : 'product')) "
            "with labels offset 0,1 font ',9' notitle";
  }
  body += "\n  unset label 4\n  set title '(c) bias deposited'\n  set ylabel 'V(s) (eV)'\n"
          "  plot 'fig1b_fes.csv' skip 1 using 1:2 with lines lw 2 lc rgb '#2040c0' title 'V(s), end of the run'\n";
  return draw_figure(ctx, "fig1", caption,
                     {{"fig1a_cv.csv", text_of(dir / "cv.csv")}, {"fig1b_fes.csv", text_of(dir / "fes.csv")},
                      {"fig1b_landmarks.csv", marks}},
                     body, 1800, 600);
}

}  // namespace betarelax::plots
