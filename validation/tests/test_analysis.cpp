// The analysis and validation layer against answers known independently:
// hand-computed effective barriers, overflow-free log-sum-exp, a synthetic
// ΔF(T) = ΔQ − TΔS recovered within its bootstrap interval, the log-normal
// MLE's closed form, a goodness-of-fit test that rejects a bimodal spectrum,
// Eq. 4 over a log-normal by an independent quadrature, and paper checks that
// pass a good analysis and fail a doctored one by name; censored samples
// counted and a required check failing at 20 %; the deposition control set
// beside its spectrum; smoke verdicts that never say "validation passed".
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include "support/csv_table.hpp"
#include "support/input_error.hpp"
#include "validation/analysis.hpp"
#include "validation/art_spectrum.hpp"
#include "validation/barrier_fits.hpp"
#include "validation/effective_barriers.hpp"
#include "validation/glass_structure.hpp"
#include "validation/lognormal_fit.hpp"
#include "validation/paper_checks.hpp"
#include "validation/sample_quality.hpp"

using namespace betarelax;
using namespace betarelax::validation;

namespace {
constexpr double kB = 8.617333262e-5;

std::string write_csv(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / ("betarelax_analysis_" + name);
  std::ofstream(p) << text;
  return p.string();
}
}  // namespace

TEST(EffectiveBarriers, TwoSampleSpectrumByHand) {
  const double t = 0.1 / kB;  // k_BT = 0.1 eV
  const auto b = effective_barriers({0.5, 0.7}, t);
  EXPECT_NEAR(b.para, -0.1 * std::log((std::exp(-5.0) + std::exp(-7.0)) / 2), 1e-14);
  EXPECT_NEAR(b.seq, 0.1 * std::log((std::exp(5.0) + std::exp(7.0)) / 2), 1e-14);
  EXPECT_NEAR(b.eff, 0.5 * (b.para + b.seq), 1e-15);
  EXPECT_LE(b.para, 0.6);  // Jensen: para <= mean <= seq
  EXPECT_GE(b.seq, 0.6);
  const auto one = effective_barriers({0.8}, 300);
  EXPECT_NEAR(one.para, 0.8, 1e-15);
  EXPECT_NEAR(one.seq, 0.8, 1e-15);
}

TEST(EffectiveBarriers, LogSumExpStaysExactFarBeyondOverflow) {
  // dF/kT = 100 and 1000: e^{+1000} overflows a double; the closed form
  // for two samples a < b: para = a − kT ln((1 + e^{−(b−a)/kT})/2), seq = b + kT ln((1 + e^{−(b−a)/kT})/2).
  for (double ratio : {100.0, 1000.0}) {
    const double kt = 1.0 / ratio, t = kt / kB;
    const auto b = effective_barriers({1.0, 1.1}, t);
    const double l = std::log((1 + std::exp(-0.1 / kt)) / 2);
    EXPECT_TRUE(std::isfinite(b.para) && std::isfinite(b.seq));
    EXPECT_NEAR(b.para, 1.0 - kt * l, 1e-13) << ratio;
    EXPECT_NEAR(b.seq, 1.1 + kt * l, 1e-13) << ratio;
  }
}

TEST(BarrierFits, SyntheticSpectraRecoverDqAndDsWithinTheirIntervals) {
  const double dq = 1.36, ds_kb = 14.8;
  Spectra s;
  std::mt19937_64 gen(7);
  std::normal_distribution<double> noise(0.0, 0.02);
  for (double t : {200.0, 250.0, 300.0, 350.0, 400.0, 450.0}) {
    for (int i = 0; i < 50; ++i) s[t].push_back(dq - t * ds_kb * kB + noise(gen));
  }
  const auto fits = fit_effective_barriers(s, 1000, 3);
  const BarrierFit& eff = fits.at(Barrier::eff);  // Jensen shifts of para and seq cancel to second order
  EXPECT_LE(eff.ci_dQ_eV[0], dq);
  EXPECT_GE(eff.ci_dQ_eV[1], dq);
  EXPECT_LE(eff.ci_dS_kB[0], ds_kb);
  EXPECT_GE(eff.ci_dS_kB[1], ds_kb);
  EXPECT_LT(eff.ci_dQ_eV[1] - eff.ci_dQ_eV[0], 0.05);  // intervals of the noise's size, not vacuous
  EXPECT_NEAR(eff.dQ_eV, dq, 3 * eff.se_dQ_eV + 1e-3);
  // para below eff below seq, so their intercepts too at these spreads.
  EXPECT_LT(fits.at(Barrier::para).dQ_eV, eff.dQ_eV);
  EXPECT_GT(fits.at(Barrier::seq).dQ_eV, eff.dQ_eV);
}

TEST(BarrierFits, LineFitOfExactPointsAndItsErrors) {
  const LineFit f = fit_line({1, 2, 3, 4}, {3, 5, 7, 9});
  EXPECT_NEAR(f.slope, 2, 1e-14);
  EXPECT_NEAR(f.intercept, 1, 1e-14);
  EXPECT_NEAR(f.se_slope, 0, 1e-14);
  const LineFit g = fit_line({0, 1, 2}, {0, 1, 0});  // residuals 1/3, -2/3, 1/3: s² = 2/3, Sxx = 2
  EXPECT_NEAR(g.se_slope, std::sqrt((2.0 / 3) / 2), 1e-14);
}

TEST(LognormalFit, MaximumLikelihoodIsTheClosedForm) {
  const auto f = fit_lognormal({1.0, std::exp(1.0), std::exp(2.0)});
  EXPECT_NEAR(f.mu, 1.0, 1e-14);
  EXPECT_NEAR(f.sigma, std::sqrt(2.0 / 3.0), 1e-14);  // divisor n, not n − 1
  EXPECT_THROW(fit_lognormal({1.0, -0.2, 0.5}), std::invalid_argument);
}

TEST(LognormalFit, AndersonDarlingAcceptsALognormalAndRejectsABimodalSpectrum) {
  std::mt19937_64 gen(11);
  std::lognormal_distribution<double> ln(std::log(0.8), 0.25);
  std::vector<double> good, bimodal;
  for (int i = 0; i < 100; ++i) good.push_back(ln(gen));
  std::normal_distribution<double> a(0.5, 0.03), b(1.5, 0.03);
  for (int i = 0; i < 30; ++i) {
    bimodal.push_back(a(gen));
    bimodal.push_back(b(gen));
  }
  const auto fg = fit_lognormal(good), fb = fit_lognormal(bimodal);
  EXPECT_GT(fg.p_value, 0.05) << fg.ad_statistic;
  EXPECT_FALSE(fg.rejected_at_5_percent);
  EXPECT_LT(fb.p_value, 0.001) << fb.ad_statistic;
  EXPECT_TRUE(fb.rejected_at_5_percent);
  // The published piecewise fits (D'Agostino & Stephens) meet to within 0.004
  // at their joins: a transcription error would show as a jump.
  for (double x : {0.2, 0.34, 0.6}) EXPECT_NEAR(anderson_darling_p(x - 1e-9), anderson_darling_p(x + 1e-9), 4e-3) << x;
}

TEST(EffectiveBarriers, LognormalParaAgreesWithAnIndependentQuadrature) {
  const double mu = std::log(0.9), sigma = 0.3, t = 300, kt = kB * t;
  // Trapezoid in ΔF itself over (0, 10] eV on a fine grid.
  double sum = 0;
  const int n = 400000;
  const double h = 10.0 / n;
  for (int i = 1; i <= n; ++i) {
    const double x = i * h, z = (std::log(x) - mu) / sigma;
    const double pdf = std::exp(-0.5 * z * z) / (x * sigma * std::sqrt(2 * M_PI));
    sum += (i == n ? 0.5 : 1.0) * pdf * std::exp(-x / kt) * h;
  }
  EXPECT_NEAR(lognormal_para(mu, sigma, t), -kt * std::log(sum), 1e-6);
  EXPECT_FALSE(lognormal_seq_diverges().empty());
}

TEST(SpectraCsv, BadInputNamesFileLineAndColumn) {
  auto message = [](const std::string& text) {
    try {
      read_spectra_csv(write_csv("bad.csv", text));
    } catch (const betarelax::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("T,dF_eV\n300,0.5\n").find("missing column T_K"), std::string::npos);
  EXPECT_NE(message("T_K,dF_eV\n300,0.5\n300,abc\n").find("line 3, column dF_eV: not a number"), std::string::npos);
  EXPECT_NE(message("T_K,dF_eV\n300,0.5\n300,nan\n").find("line 3, column dF_eV: not a finite number"), std::string::npos);
  EXPECT_NE(message("T_K,dF_eV\n300,0.5\n300,0.6\n400,0.4\n").find("T_K = 400 has a single sample"), std::string::npos);
  // Rows without a resolved barrier are not part of a spectrum.
  const Spectra s = read_spectra_csv(write_csv("status.csv", "T_K,dF_eV,status\n300,0.5,transition\n300,,no_transition\n300,0.7,transition\n"));
  EXPECT_EQ(s.at(300).size(), 2u);
}

namespace {
nlohmann::json good_analysis() {
  Spectra s;
  std::mt19937_64 gen(5);
  std::normal_distribution<double> noise(0.0, 0.02);
  for (double t : {200.0, 300.0, 400.0}) {
    for (int i = 0; i < 20; ++i) s[t].push_back(1.36 - t * 14.8 * kB + noise(gen));
  }
  AnalysisOptions o;
  o.bootstrap = 200;
  return analyze_spectra(s, o);
}

const PaperCheck& find(const std::vector<PaperCheck>& checks, const std::string& id) {
  for (const auto& c : checks)
    if (c.id == id) return c;
  throw std::runtime_error("no check " + id);
}
}  // namespace

TEST(PaperChecks, AGoodAnalysisPassesAndADoctoredOneFailsByName) {
  const std::string ref = reference_file("paper.toml");
  const nlohmann::json good = good_analysis();
  const auto ok = run_paper_checks(good, "paper", ref);
  EXPECT_TRUE(required_checks_pass(ok));
  EXPECT_EQ(find(ok, "jensen_ordering").status, "pass");
  EXPECT_EQ(find(ok, "dQ_eff").status, "pass");
  EXPECT_EQ(find(ok, "metad_vs_art").status, "skip");  // no ART results: skipped with the reason
  EXPECT_NE(find(ok, "metad_vs_art").detail.find("ART"), std::string::npos);

  EXPECT_EQ(find(ok, "dS_eff_positive").status, "pass");
  EXPECT_EQ(find(ok, "dF_falls_with_T").status, "pass");

  nlohmann::json off = good;
  off["fits"]["eff"]["dQ_eV"] = 1.0;  // 0.36 eV off the paper: reported (one site is not the paper's site)
  EXPECT_EQ(find(run_paper_checks(off, "paper", ref), "dQ_eff").status, "fail");
  EXPECT_TRUE(required_checks_pass(run_paper_checks(off, "paper", ref)));

  nlohmann::json bad = good;
  bad["claims"]["dS_eff_permutation"]["p"] = 0.2;  // no entropic effect beyond a T-independent spectrum's
  const auto failed = run_paper_checks(bad, "paper", ref);
  EXPECT_FALSE(required_checks_pass(failed));
  EXPECT_EQ(find(failed, "dS_eff_positive").status, "fail");
  EXPECT_FALSE(required_checks_pass(run_paper_checks(bad, "standard", ref)));
  EXPECT_NE(paper_checks_markdown(failed, "paper").find("**FAIL**"), std::string::npos);
  // The same interval at the smoke profile is reported, not required.
  EXPECT_TRUE(required_checks_pass(run_paper_checks(bad, "smoke", ref)));

  nlohmann::json broken = good;
  broken["per_T"]["300"]["para"] = broken["per_T"]["300"]["seq"].get<double>() + 0.1;  // Jensen violated
  const auto jensen = run_paper_checks(broken, "smoke", ref);
  EXPECT_EQ(find(jensen, "jensen_ordering").status, "fail");
  EXPECT_FALSE(required_checks_pass(jensen));
}

namespace {
std::map<std::string, std::string> art_row(long id, const std::string& status, double e_saddle, double e_final,
                                           const std::string& atom, double ds = 0) {
  const double e_min = -100;
  std::map<std::string, std::string> r = {{"id", std::to_string(id)}, {"status", status}, {"force_calls", "1000"},
                                          {"wall_s", "2"}, {"most_displaced_id", atom}, {"dS_harm_kB", ""},
                                          {"nu_star_Hz", ""}};
  if (status == "verified") {
    r["E_saddle_eV"] = std::to_string(e_saddle);
    r["E_final_eV"] = std::to_string(e_final);
    r["dQ_eV"] = std::to_string(e_saddle - e_min);
    r["dS_harm_kB"] = std::to_string(ds);
    r["nu_star_Hz"] = std::to_string(2e12 * std::exp(ds));
  }
  return r;
}
}  // namespace

TEST(ArtSpectrum, FailuresAndDuplicatesStayOutOfTheSpectrum) {
  // Ids out of order on purpose: duplicates are decided in id order.
  const std::vector<std::map<std::string, std::string>> rows = {
      art_row(3, "verified", -99.0, -99.5, "7", 1.0),      // 1.0 eV
      art_row(0, "verified", -98.8, -99.9, "12", -1.0),    // 1.2 eV
      art_row(1, "lost_negative_curvature", 0, 0, ""),     // failed: counted, not in the spectrum
      art_row(2, "verified", -98.8004, -99.9003, "12", 0), // event 0 again (within 1e-3 eV, same atom)
      art_row(4, "verified", -98.8004, -99.9003, "13", 0), // same energies, another atom: distinct
      art_row(5, "higher_order_saddle", 0, 0, "")};
  const nlohmann::json s = art_summary(ArtSpectrumOptions{}, rows);
  EXPECT_EQ(s.at("searches").get<long>(), 6);
  EXPECT_EQ(s.at("verified").get<long>(), 4);
  EXPECT_EQ(s.at("distinct").get<long>(), 3);
  ASSERT_EQ(s.at("duplicates").size(), 1u);
  EXPECT_EQ(s.at("duplicates")[0].at("id").get<long>(), 2);
  EXPECT_EQ(s.at("duplicates")[0].at("of").get<long>(), 0);
  EXPECT_EQ(s.at("by_status").at("lost_negative_curvature").get<long>(), 1);
  EXPECT_NEAR(s.at("mean_dQ_eV").get<double>(), (1.2 + 1.0 + 1.1996) / 3, 1e-9);
  // Over every verified search, the duplicate of event 0 included.
  EXPECT_NEAR(s.at("mean_dQ_all_verified_eV").get<double>(), (1.2 + 1.0 + 1.1996 + 1.1996) / 4, 1e-9);
  EXPECT_NEAR(s.at("force_calls").at("per_distinct_saddle").get<double>(), 6000.0 / 3, 1e-9);
  EXPECT_NEAR(s.at("harmonic").at("dS_harm_kB").at("mean").get<double>(), 0.0, 1e-9);
  // A malformed number names the event and the column.
  auto bad = rows;
  bad[0]["dQ_eV"] = "nan";
  try {
    art_summary(ArtSpectrumOptions{}, bad);
    FAIL() << "a NaN barrier was accepted";
  } catch (const betarelax::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("event 3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("dQ_eV"), std::string::npos) << e.what();
  }
}

TEST(ArtSpectrum, TheMetadClassAndTheExplorationAreCountedByTheirRules) {
  // Eight searches in id order; the MetaD rule: final group RMSD > 0.3 A and >= 0.5 A.
  auto row = [](long id, const std::string& status, double dq, double rmsd, const std::string& atom) {
    std::map<std::string, std::string> r = art_row(id, status, -100 + dq, -100 + 0.01 * id, atom);
    r["group_rmsd_final_A"] = status == "verified" ? std::to_string(rmsd) : "";
    r["search_force_calls"] = "400";
    if (status == "not_connected_to_initial") r["dQ_eV"] = std::to_string(dq);
    return r;
  };
  const std::vector<std::map<std::string, std::string>> rows = {
      row(0, "verified", 1.0, 0.9, "5"),                   // MetaD class
      row(1, "verified", 0.1, 0.2, "6"),                   // a rattle: all only
      row(2, "mode_left_region", 0, 0, ""),
      row(3, "verified", 2.0, 0.5, "7"),                   // at the jump: MetaD class
      row(4, "not_connected_to_initial", 1.7, 0, ""),      // converged, reported with its dQ
      row(5, "verified", 0.4, 0.45, "8"),                  // above inherent_change, below the jump: all only
      row(6, "verified", 1.5, 1.2, "9"),                   // MetaD class
      row(7, "lost_negative_curvature", 0, 0, "")};
  ArtSpectrumOptions o;
  o.metad_class = betarelax::experiments::MetadClassRule{0.5, 0.3, "test"};
  const nlohmann::json s = art_summary(o, rows);
  EXPECT_EQ(s.at("distinct").get<long>(), 5);
  const nlohmann::json& m = s.at("metad_class");
  ASSERT_EQ(m.at("n").get<long>(), 3);
  EXPECT_EQ(m.at("ids"), nlohmann::json({0, 3, 6}));
  EXPECT_NEAR(m.at("mean_dQ_eV").get<double>(), 1.5, 1e-9);
  const double sem = 0.5 / std::sqrt(3.0);  // std of {1, 2, 1.5} is 0.5
  EXPECT_NEAR(m.at("sem_dQ_eV").get<double>(), sem, 1e-9);
  EXPECT_NEAR(m.at("interval95_eV")[1].get<double>() - 1.5, 4.302652729749 * sem, 1e-6);  // t(0.975, 2 dof)
  EXPECT_NEAR(s.at("classes").at("all").at("mean_dQ_eV").get<double>(), (1.0 + 0.1 + 2.0 + 0.4 + 1.5) / 5, 1e-9);
  // Saturation: distinct after each search, and the last quarter (ids 6, 7) found one new of two.
  EXPECT_EQ(s.at("saturation").at("distinct_after_search"), nlohmann::json({1, 2, 2, 3, 3, 4, 5, 5}));
  EXPECT_EQ(s.at("saturation").at("metad_after_search"), nlohmann::json({1, 1, 1, 2, 2, 2, 3, 3}));
  EXPECT_NEAR(s.at("saturation").at("last_quarter_new_fraction").get<double>(), 0.5, 1e-12);
  // Halves: searches 0-3 and 4-7; MetaD class {1, 2} then {1.5}.
  EXPECT_NEAR(s.at("halves")[0].at("metad").at("mean_dQ_eV").get<double>(), 1.5, 1e-9);
  EXPECT_NEAR(s.at("halves_metad_difference_eV").get<double>(), 0.0, 1e-9);
  ASSERT_EQ(s.at("converged_not_verified").size(), 1u);
  EXPECT_EQ(s.at("converged_not_verified")[0].at("id").get<long>(), 4);
  EXPECT_NEAR(s.at("force_calls").at("median_search_per_verified").get<double>(), 400, 1e-9);
  // A run of the earlier protocol has no rule: no class, nothing invented.
  EXPECT_FALSE(art_summary(ArtSpectrumOptions{}, rows).contains("metad_class"));
}

TEST(ArtSpectrum, LammpsNebLowerPathsShiftWhatWtMetadIsComparedWith) {
  // Four MetaD-class events, 1-4 eV; NEB on all four finds a path 1 eV lower
  // for the 4 eV one and agrees on the rest: the comparison's mean shifts by
  // -1/4 eV, and its error grows by the shift's standard error (0.25 eV).
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "betarelax_art_compared";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "art_comparison");
  {
    std::ofstream e(dir / "art_comparison" / "events.csv");
    e << "id,status,E_saddle_eV,E_final_eV,dQ_eV,most_displaced_id,force_calls,wall_s,dS_harm_kB,nu_star_Hz,group_rmsd_final_A\n";
    for (int i = 0; i < 4; ++i) e << i << ",verified," << -99 + i << "," << -100 + 0.1 * i << "," << 1 + i << "," << i << ",900,1,,,0.9\n";
  }
  std::ofstream(dir / "art_comparison" / "art.json")
      << R"({"summary_options": {"duplicate_eV": 0.001, "histogram_bin_eV": 0.1, "metad_class": {"jump_A": 0.5, "inherent_change_A": 0.3}}})";
  std::ofstream(dir / "art_comparison" / "neb_check.json") << R"({"counts": {"agree": 3, "lower": 1}, "rule": {"agree_eV": 0.01, "lower_eV": 0.05},
    "events": [{"id": 0, "art_dQ_eV": 1, "neb_dQ_eV": 1, "neb_minus_art_eV": 0, "verdict": "agree", "metad_class": true},
               {"id": 1, "art_dQ_eV": 2, "neb_dQ_eV": 2, "neb_minus_art_eV": 0, "verdict": "agree", "metad_class": true},
               {"id": 2, "art_dQ_eV": 3, "neb_dQ_eV": 3.005, "neb_minus_art_eV": 0.005, "verdict": "agree", "metad_class": true},
               {"id": 3, "art_dQ_eV": 4, "neb_dQ_eV": 3, "neb_minus_art_eV": -1, "verdict": "lower", "metad_class": true}]})";
  const nlohmann::json d = analyze_results_dir(dir.string());
  const nlohmann::json& c = d.at("art").at("compared");
  EXPECT_NEAR(c.at("mean_dQ_eV").get<double>(), 2.5 - 0.25, 1e-12);
  EXPECT_NEAR(c.at("neb_shift_se_eV").get<double>(), 0.25, 1e-12);
  const double sem_class = std::sqrt(5.0 / 3.0) / 2;  // std of 1..4 over 2 = sqrt(4)
  EXPECT_NEAR(c.at("sem_dQ_eV").get<double>(), std::hypot(sem_class, 0.25), 1e-12);
  EXPECT_EQ(c.at("neb_lower").get<long>(), 1);
  // Without the NEB sample: the class mean itself.
  std::filesystem::remove(dir / "art_comparison" / "neb_check.json");
  EXPECT_NEAR(analyze_results_dir(dir.string()).at("art").at("compared").at("mean_dQ_eV").get<double>(), 2.5, 1e-12);
  std::filesystem::remove_all(dir);
}

namespace {
/// A sweep's rows: `n` samples at T, the first `censored` of them without a crossing.
void add_rows(CsvTable& t, double temperature, int n, int censored, const std::string& series = "sweep", double df0 = 1.0) {
  for (int i = 0; i < n; ++i) {
    const bool out = i < censored;
    t.rows.push_back({{"T_K", std::to_string(temperature)}, {"status", out ? "no_transition" : "transition"},
                      {"dF_eV", out ? "" : std::to_string(df0 + 0.01 * i)}, {"series", series},
                      {"height0_eV", series == "sweep" ? "0.03" : "0.01"}});
  }
}
}  // namespace

TEST(Censoring, EverySampleIsCountedAndTwentyPercentFailsTheRequiredCheck) {
  CsvTable t;
  t.header = {"T_K", "status", "dF_eV", "series", "height0_eV"};
  add_rows(t, 200, 10, 2);  // 20 % censored at 200 K
  add_rows(t, 300, 10, 1);  // 10 %: the limit, allowed
  add_rows(t, 300, 4, 3, "control");  // the control's samples are not the sweep's
  const nlohmann::json c = censoring(t);
  EXPECT_EQ(c["per_T"]["200"]["samples"], 10);
  EXPECT_EQ(c["per_T"]["200"]["no_transition"], 2);
  EXPECT_EQ(c["per_T"]["300"]["samples"], 10);
  EXPECT_DOUBLE_EQ(c["per_T"]["300"]["without_barrier_fraction"].get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(c["max_without_barrier_fraction"].get<double>(), 0.2);

  const std::string ref = reference_file("paper.toml");
  nlohmann::json derived = {{"censoring", c}};
  const auto at_standard = run_paper_checks(derived, "standard", ref);
  EXPECT_EQ(find(at_standard, "censored_fraction").status, "fail");
  EXPECT_EQ(find(at_standard, "censored_fraction").severity, "required");
  EXPECT_FALSE(required_checks_pass(at_standard));
  EXPECT_FALSE(required_checks_pass(run_paper_checks(derived, "paper", ref)));
  EXPECT_TRUE(required_checks_pass(run_paper_checks(derived, "smoke", ref)));  // smoke: reported only

  CsvTable ok;
  ok.header = t.header;
  add_rows(ok, 200, 10, 1);
  add_rows(ok, 300, 10, 0);
  derived["censoring"] = censoring(ok);
  EXPECT_EQ(find(run_paper_checks(derived, "standard", ref), "censored_fraction").status, "pass");
}

TEST(Censoring, TheSpectrumLeavesOutCensoredAndControlRowsAndTheControlIsSetBesideIt) {
  const std::string path = write_csv("control.csv",
                                     "T_K,status,dF_eV,series,height0_eV\n"
                                     "300,transition,1.0,sweep,0.03\n300,transition,1.2,sweep,0.03\n"
                                     "300,no_transition,,sweep,0.03\n"
                                     "300,transition,0.9,control,0.01\n300,transition,0.7,control,0.01\n");
  const Spectra s = read_spectra_csv(path, false);
  ASSERT_EQ(s.at(300).size(), 2u);
  EXPECT_DOUBLE_EQ(s.at(300)[0] + s.at(300)[1], 2.2);
  const nlohmann::json d = deposition_control(read_csv_table(path));
  EXPECT_EQ(d["control"]["n"], 2);
  EXPECT_NEAR(d["control"]["mean"].get<double>(), 0.8, 1e-12);
  EXPECT_NEAR(d["sweep"]["mean"].get<double>(), 1.1, 1e-12);
  EXPECT_NEAR(d["mean_sweep_minus_control_eV"].get<double>(), 0.3, 1e-12);
  // se = sqrt(var_c/n_c + var_s/n_s) = sqrt(0.02/2 + 0.02/2)
  EXPECT_NEAR(d["se_mean_difference_eV"].get<double>(), std::sqrt(0.02), 1e-12);
  EXPECT_DOUBLE_EQ(d["control_height0_eV"].get<double>(), 0.01);
  EXPECT_TRUE(deposition_control(read_csv_table(write_csv("nocontrol.csv", "T_K,status,dF_eV\n300,transition,1\n"))).is_null());
}

TEST(Verdict, SmokeSaysItIsNotPhysicsAndPassedNeedsAPhysicsCheck) {
  const std::string ref = reference_file("paper.toml");
  const nlohmann::json good = good_analysis();
  const auto smoke = run_paper_checks(good, "smoke", ref);
  const std::string v = validation_verdict(smoke, "smoke", true);
  EXPECT_NE(v.find("not physics"), std::string::npos);
  EXPECT_EQ(v.find("validation passed"), std::string::npos);
  EXPECT_NE(paper_checks_markdown(smoke, "smoke").find("not physics"), std::string::npos);
  EXPECT_NE(validation_verdict(run_paper_checks(good, "standard", ref), "standard", true).find("validation passed"), std::string::npos);
  // Only the arithmetic identity ran: nothing physical was shown.
  const nlohmann::json only_spectra = {{"per_T", good["per_T"]}};
  std::vector<PaperCheck> jensen_only;
  for (const PaperCheck& c : run_paper_checks(only_spectra, "standard", ref))
    if (c.kind == "ordering_para_eff_seq") jensen_only.push_back(c);
  ASSERT_EQ(jensen_only.size(), 1u);
  EXPECT_EQ(validation_verdict(jensen_only, "standard", true).find("validation passed"), std::string::npos);
  EXPECT_NE(validation_verdict(smoke, "smoke", false).find("FAILED"), std::string::npos);
  EXPECT_EQ(paper_potential_sha256(ref).size(), 64u);
}

TEST(HopRuleSensitivity, TheFitsAgainWithoutTheSamplesReadByTheCrossing) {
  // Site 0 at three T, three samples each on an exact line; one 400 K sample
  // read by the crossing 0.5 eV high. Without it the fit is the line again.
  const std::string dir = (std::filesystem::temp_directory_path() / ("betarelax_hop_" + std::to_string(::getpid()))).string();
  std::filesystem::create_directories(dir + "/temperature_sweep");
  std::ofstream csv(dir + "/temperature_sweep/samples.csv");
  csv << "id,T_K,cutoff_A,sample_index,site,series,status,dF_eV,saddle_rule\n";
  int id = 0;
  for (double t : {200.0, 300.0, 400.0})
    for (double d : {-0.01, 0.0, 0.01}) {
      const bool hop = t == 400.0 && d == 0.0;
      csv << id << "," << t << ",4.0," << id % 3 << ",0,sweep,transition," << (1.36 - t * 14.8 * kB + d + (hop ? 0.5 : 0.0)) << ","
          << (hop ? "crossing" : "maximum") << "\n";
      ++id;
    }
  csv.close();
  AnalysisOptions o;
  o.bootstrap = 100;
  const nlohmann::json a = analyze_results_dir(dir, o);
  ASSERT_TRUE(a.contains("hop_rule_sensitivity")) << a.dump(1).substr(0, 400);
  const nlohmann::json& h = a["hop_rule_sensitivity"];
  EXPECT_EQ(h["crossing_rows"].get<long>(), 1);
  EXPECT_NEAR(h["site0_fit_eff"]["dS_kB"].get<double>(), 14.8, 0.5);
  // With the hop sample the effective barrier at 400 K hardly moves (Eq. 6
  // leans on the lowest barriers), but the mean does: the two must differ.
  EXPECT_NE(h["site0_fit_eff"]["dS_kB"].get<double>(), a["fits"]["eff"]["dS_kB"].get<double>());
  std::filesystem::remove_all(dir);
}
