// The figures from a small results directory: the archived smoke run's raw
// samples (re-analysed here) plus a synthetic RDF, single sample and ART
// spectrum. Each figure function must write a PNG of the size its script
// asks for and a PDF; a results directory that failed validation gets no
// figure and no report unless forced, and a forced figure says NOT VALIDATED.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "plots/figures.hpp"
#include "support/input_error.hpp"
#include "validation/analysis.hpp"

using namespace betarelax::plots;
namespace fs = std::filesystem;

namespace {

/// Width and height from a PNG's IHDR chunk.
std::pair<int, int> png_size(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  unsigned char b[24] = {};
  in.read(reinterpret_cast<char*>(b), 24);
  if (!(b[1] == 'P' && b[2] == 'N' && b[3] == 'G')) return {0, 0};
  auto be = [&](int o) { return (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]; };
  return {be(16), be(20)};
}

bool is_pdf(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char head[5] = {};
  in.read(head, 4);
  return std::string(head) == "%PDF" && fs::file_size(p) > 1000;
}

std::string text_of(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A temperature sweep of three sites with known lines dF = Q_k - T S_k,
/// three samples each at 200, 300, 400 K, and each site once alone.
void write_sites_sweep(const fs::path& csv) {
  std::ofstream out(csv);
  out << "id,T_K,site,sample_index,cutoff_A,cutoff_label,group_size,series,status,dF_eV\n";
  int id = 0;
  for (int k = 0; k < 3; ++k)
    for (double t : {200.0, 300.0, 400.0})
      for (int i = 0; i < 3; ++i) {
        const double df = 1.2 + 0.2 * k - t * (5 + 5 * k) * 8.617333e-5 + 0.01 * (i - 1);
        out << id++ << "," << t << "," << k << "," << i << ",4,4.0,12,sweep,transition," << df << "\n";
        if (i == 0) out << id++ << "," << t << "," << k << "," << i << ",4,4.0,12,alone,transition," << df - 0.01 << "\n";
      }
}

/// A results directory with every figure's inputs (`sites`: the sweep is of three sites).
fs::path make_results(const std::string& name, bool passed, bool sites = false) {
  const fs::path dir = fs::temp_directory_path() / ("betarelax_plots_" + name);
  fs::remove_all(dir);
  fs::copy(BETARELAX_ARCHIVED_RUN, dir, fs::copy_options::recursive);
  fs::remove_all(dir / "analysis");
  fs::create_directories(dir / "glass_preparation");
  fs::create_directories(dir / "single_sample");
  fs::create_directories(dir / "art_comparison");
  {
    std::ofstream rdf(dir / "glass_preparation" / "rdf_300K.csv");
    rdf << "r_A,g_total,g_Cu-Cu,g_Cu-Zr,g_Zr-Zr\n";
    for (int i = 1; i < 400; ++i) {
      const double r = 0.02 * i, g = r < 2.2 ? 0 : 1 + 2 * std::exp(-8 * (r - 2.8) * (r - 2.8)) * std::cos(2.2 * (r - 2.8));
      rdf << r << "," << g << "," << 0.9 * g << "," << g << "," << 1.1 * g << "\n";
    }
  }
  std::ofstream(dir / "glass_preparation" / "structure.json")
      << R"({"glasses": [{"temperature_K": 300.0, "rdf": "rdf_300K.csv", "rdf_landmarks_A": {"first_peak": 2.8, "first_minimum": 3.8}}]})";
  {
    std::ofstream cv(dir / "single_sample" / "cv.csv"), fes(dir / "single_sample" / "fes.csv");
    cv << "step,time_ps,rmsd_A,bias_eV\n";
    for (int i = 1; i <= 500; ++i) cv << 10 * i << "," << 0.02 * i << "," << (i < 300 ? 0.2 : 1.0) + 0.05 * std::sin(i) << ",0\n";
    fes << "rmsd_A,bias_eV,free_energy_eV\n";
    for (int i = 0; i <= 300; ++i) {
      const double s = 0.005 * i, f = 0.7 * std::pow(std::sin(M_PI * s / 1.1), 2) * (s < 1.1 ? 1 : 0.8);
      fes << s << "," << 1.5 - f << "," << f << "\n";
    }
  }
  std::ofstream(dir / "single_sample" / "sample.json")
      << R"({"temperature_K": 300.0, "free_energy": {"found": true, "initial_minimum_A": 0.0, "saddle_A": 0.55, "product_minimum_A": 1.1, "delta_F_eV": 0.7},
             "transition": {"confirmed": true, "time_ps": 6.0}})";
  {
    std::ofstream art(dir / "art_comparison" / "events.csv");
    art << "id,status,E_saddle_eV,E_final_eV,dQ_eV,most_displaced_id,force_calls,wall_s,dS_harm_kB,nu_star_Hz,group_rmsd_final_A\n";
    for (int i = 0; i < 20; ++i) {
      const double dq = 1.0 + 0.05 * i;  // every other event a rattle below the MetaD class's 0.5 A
      art << i << ",verified," << -100 + dq << "," << -100.5 + 0.01 * i << "," << dq << "," << i << ",1000,1,0.5,3e12,"
          << (i % 2 ? 0.2 : 0.9) << "\n";
    }
  }
  std::ofstream(dir / "art_comparison" / "art.json")
      << R"({"summary_options": {"duplicate_eV": 0.001, "histogram_bin_eV": 0.1, "metad_class": {"jump_A": 0.5, "inherent_change_A": 0.3}}})";
  if (sites) write_sites_sweep(dir / "temperature_sweep" / "samples.csv");
  nlohmann::json derived = betarelax::validation::analyze_results_dir(dir.string());
  derived["provenance"] = {{"git_revision", "test"}, {"execution_space", "Serial"}, {"concurrency", 1}, {"device", "cpu"}};
  fs::create_directories(dir / "analysis");
  std::ofstream(dir / "analysis" / "derived.json") << derived.dump(2);
  std::ofstream(dir / "validation.json") << nlohmann::json{
      {"passed", passed},
      {"paper", {{"profile", "smoke"}, {"passed", passed}, {"checks", {{{"id", "dQ_eff"}, {"claim", "dQ"}, {"paper", 1.36}, {"unit", "eV"},
                  {"measured", 1.2}, {"uncertainty", 0.1}, {"tolerance", 0.5}, {"severity", "expected"}, {"status", "pass"}}}}}}};
  return dir;
}

}  // namespace

TEST(Plots, EveryFigureWritesPngOfItsSizeAndPdfAndItsData) {
  const fs::path dir = make_results("good", true);
  std::ostringstream log;
  const PlotOutcome out = plot_results(dir.string(), false, log);
  ASSERT_TRUE(out.validated) << log.str();
  ASSERT_EQ(out.figures.size(), 7u);
  const std::map<std::string, std::pair<int, int>> size = {{"fig1", {1800, 600}}, {"fig2", {1400, 600}}, {"fig3", {1500, 550}},
                                                           {"fig4", {1500, 950}}, {"fig5", {1200, 900}}, {"fig7", {1200, 500}}};
  for (const Figure& f : out.figures) {
    if (f.name == "fig6") {  // the archived run has one site: nothing to spread, and it says so
      EXPECT_FALSE(f.drawn);
      EXPECT_NE(f.why_not.find("one site"), std::string::npos) << f.why_not;
      continue;
    }
    EXPECT_TRUE(f.drawn) << f.name << ": " << f.why_not;
    const fs::path png = dir / "figures" / (f.name + ".png"), pdf = dir / "figures" / (f.name + ".pdf");
    EXPECT_EQ(png_size(png), size.at(f.name)) << png;
    EXPECT_TRUE(is_pdf(pdf)) << pdf;
    EXPECT_TRUE(fs::exists(dir / "figures" / (f.name + ".gp")));
    EXPECT_EQ(text_of(dir / "figures" / (f.name + ".gp")).find("NOT VALIDATED"), std::string::npos);
    // A smoke figure says in its subtitle that its numbers are not physics.
    EXPECT_NE(text_of(dir / "figures" / (f.name + ".gp")).find("not physics"), std::string::npos) << f.name;
  }
  const std::string report = text_of(dir / "report.md");
  EXPECT_NE(report.substr(0, report.find('\n')).find("not physics"), std::string::npos) << "the first line: " << report.substr(0, 200);
  EXPECT_NE(report.find("![fig4](figures/fig4.png)"), std::string::npos);
  EXPECT_NE(report.find("`dQ_eff`"), std::string::npos);
  EXPECT_EQ(report.find("NOT VALIDATED"), std::string::npos);
  // ART in two classes (Fig. 4b, the report) and its exploration (Fig. 7):
  // the ten events at 0.9 A are the MetaD class, 1.0, 1.1, ..., 1.9 eV.
  std::istringstream metad(text_of(dir / "figures" / "fig4b_art_metad.csv"));
  std::string row;
  std::getline(metad, row);  // header
  double in_class = 0;
  while (std::getline(metad, row)) in_class += std::stod(row.substr(row.find(',') + 1));
  EXPECT_EQ(in_class, 10);
  EXPECT_NE(report.find("| MetaD class | 10 | 1.450 |"), std::string::npos) << report;
  const std::string curve = text_of(dir / "figures" / "fig7a_saturation.csv");
  EXPECT_EQ(curve.substr(curve.rfind('\n', curve.size() - 2) + 1), "20,20,10\n");
}

TEST(Plots, SeveralSitesDrawTheirSpreadAndEachSitesLineOnFig4) {
  const fs::path dir = make_results("sites", true, true);
  std::ostringstream log;
  const PlotOutcome out = plot_results(dir.string(), false, log);
  ASSERT_EQ(out.figures.size(), 7u);
  const Figure& f6 = out.figures[5];
  ASSERT_EQ(f6.name, "fig6");
  ASSERT_TRUE(f6.drawn) << f6.why_not;
  EXPECT_EQ(png_size(dir / "figures" / "fig6.png"), std::make_pair(1500, 500));
  // (b): one point per site at its own fit, (c): the cross-talk of each site (0.01 eV by construction).
  const std::string fits = text_of(dir / "figures" / "fig6b_site_fits.csv");
  EXPECT_EQ(std::count(fits.begin(), fits.end(), '\n'), 4) << fits;
  std::istringstream ct(text_of(dir / "figures" / "fig6c_crosstalk.csv"));
  std::string line;
  std::getline(ct, line);  // header
  int sites_with_pairs = 0;
  while (std::getline(ct, line)) {
    EXPECT_NEAR(std::stod(line.substr(line.find(',') + 1)), 0.01, 1e-9) << line;
    ++sites_with_pairs;
  }
  EXPECT_EQ(sites_with_pairs, 3);
  // Fig. 4 (e) carries the three sites' lines beside the pooled fit.
  EXPECT_NE(text_of(dir / "figures" / "fig4.gp").find("'fig4e_sites.csv' skip 1 using 1:c"), std::string::npos);
  const std::string lines = text_of(dir / "figures" / "fig4e_sites.csv");
  EXPECT_EQ(lines.substr(0, lines.find('\n')), "T_K,site_0_eV,site_1_eV,site_2_eV");
  const std::string report = text_of(dir / "report.md");
  EXPECT_NE(report.find("![fig6](figures/fig6.png)"), std::string::npos);
  // The report's Sites section: a row per site and the cross-talk line (0.01 eV by construction).
  EXPECT_NE(report.find("## Sites"), std::string::npos) << report;
  EXPECT_NE(report.find("| 2 | "), std::string::npos) << report;
  EXPECT_NE(report.find("<dF_together - dF_alone> = 0.010 eV"), std::string::npos) << report;
}

TEST(Plots, ArtHistogramCountsFromZeroWithABinOfRoomEachSide) {
  // One distinct saddle made a single bar that autoscaling drew on a count
  // axis of 1.98-2.02: the panel fixes its axes from the histogram itself.
  const fs::path dir = make_results("art_axes", true);
  std::ostringstream log;
  plot_results(dir.string(), false, log);
  const std::string gp = text_of(dir / "figures" / "fig4.gp");
  const size_t panel = gp.find("(b) ART");
  ASSERT_NE(panel, std::string::npos);
  const std::string b = gp.substr(panel, gp.find("fig4b_art.csv", panel) - panel);
  EXPECT_NE(b.find("set yrange [0:*]"), std::string::npos) << b;
  double width = 0;
  ASSERT_NE(b.find("set boxwidth "), std::string::npos) << b;
  ASSERT_EQ(std::sscanf(b.c_str() + b.find("set boxwidth "), "set boxwidth %lf absolute", &width), 1) << b;
  EXPECT_NEAR(width, 0.1, 1e-12);
  // dQ = 1.00 ... 1.95 eV in 0.1 eV bins from 1.0: the axis runs from 0.9 to past the last bin.
  const size_t x = b.find("set xrange [");
  ASSERT_NE(x, std::string::npos) << b;
  double lo = 0, hi = 0;
  ASSERT_EQ(std::sscanf(b.c_str() + x, "set xrange [%lf:%lf]", &lo, &hi), 2) << b;
  EXPECT_NEAR(lo, 0.9, 1e-9);
  EXPECT_GE(hi, 2.05);
}

TEST(Plots, TheReportTimesEachStageOnceWithItsCampaignsUnderIt) {
  const fs::path dir = make_results("timings", true);
  std::ofstream(dir / "reproduce.json") << R"({"profile": "smoke", "stages": [{"name": "metadynamics_campaigns", "status": "done",
      "wall_time_s": 1051.2, "campaigns": [{"name": "single_sample", "wall_time_s": 51.2}, {"name": "temperature_sweep", "wall_time_s": 1000.0}]}]})";
  std::ostringstream log;
  plot_results(dir.string(), false, log);
  const std::string report = text_of(dir / "report.md");
  EXPECT_NE(report.find("| metadynamics_campaigns | done | 1051 s |"), std::string::npos) << report;
  EXPECT_NE(report.find("temperature_sweep | | 1000 s |"), std::string::npos) << report;
  EXPECT_EQ(report.find("2102 s"), std::string::npos) << "the campaigns' times added to their stage's";
}

TEST(Plots, ARunOnAnotherPotentialSaysSoInTheReportsFirstLine) {
  const fs::path dir = make_results("other_potential", true);
  nlohmann::json v;
  std::ifstream(dir / "validation.json") >> v;
  v["paper"]["profile"] = "standard";
  v["potential"] = {{"known", true}, {"paper_potential", false},
                    {"note", "Not the paper's potential: the glass was made with CuZr_mm.eam.fs"}};
  std::ofstream(dir / "validation.json") << v.dump();
  std::ostringstream log;
  plot_results(dir.string(), false, log);
  const std::string report = text_of(dir / "report.md");
  const std::string first = report.substr(0, report.find('\n'));
  EXPECT_NE(first.find("Not the paper's potential"), std::string::npos) << first;
  EXPECT_EQ(first.find("not physics"), std::string::npos) << first;  // a standard run is physics
}

TEST(Plots, FailedValidationGivesNoFigureUnlessForcedAndThenSaysSo) {
  const fs::path dir = make_results("failed", false);
  std::ostringstream log;
  const PlotOutcome refused = plot_results(dir.string(), false, log);
  EXPECT_FALSE(refused.validated);
  EXPECT_TRUE(refused.figures.empty());
  EXPECT_FALSE(fs::exists(dir / "figures"));
  EXPECT_FALSE(fs::exists(dir / "report.md"));
  EXPECT_NE(log.str().find("--force"), std::string::npos);

  const PlotOutcome forced = plot_results(dir.string(), true, log);
  ASSERT_EQ(forced.figures.size(), 7u);
  for (const Figure& f : forced.figures) {
    if (f.name == "fig6") continue;  // one site: not drawn
    ASSERT_TRUE(f.drawn) << f.name;
    EXPECT_NE(text_of(dir / "figures" / (f.name + ".gp")).find("NOT VALIDATED"), std::string::npos) << f.name;
  }
  EXPECT_NE(text_of(dir / "report.md").find("NOT VALIDATED"), std::string::npos);

  fs::remove(dir / "validation.json");
  EXPECT_TRUE(plot_results(dir.string(), false, log).figures.empty());
  fs::remove_all(dir / "analysis");
  EXPECT_THROW(plot_results(dir.string(), true, log), betarelax::InputError);
}

TEST(Plots, AMissingInputIsNamedNotInvented) {
  FigureContext ctx;
  ctx.results_dir = (fs::temp_directory_path() / "betarelax_plots_empty").string();
  ctx.out_dir = ctx.results_dir + "/figures";
  const Figure f1 = fig1_sample(ctx);
  EXPECT_FALSE(f1.drawn);
  EXPECT_NE(f1.why_not.find("single sample"), std::string::npos);
  const Figure f5 = fig5_arrhenius(ctx, nlohmann::json::object());
  EXPECT_FALSE(f5.drawn);
  EXPECT_FALSE(fs::exists(ctx.out_dir + "/fig5.png"));
}
