// The checks of the paper's claims (reference-data/paper.toml) against
// answers known independently: each check passes an input that holds its
// claim and fails one that breaks it, by name; the statistics behind them
// (shape likelihoods, bootstrap slopes, disjoint halves) against closed forms
// and brute force; and the false-pass rate of every required check measured
// under the null it guards against, at the profiles' sample counts.
#include <gtest/gtest.h>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <random>

#include "validation/analysis.hpp"
#include "validation/claim_statistics.hpp"
#include "validation/glass_structure.hpp"
#include "validation/paper_checks.hpp"
#include "validation/site_spread.hpp"
#include "validation/spectrum_shape.hpp"
#include "validation/spectrum_stats.hpp"

using namespace betarelax::validation;
using nlohmann::json;

namespace {
constexpr double kB = 8.617333262e-5;

std::string status_of(const std::string& id, const json& derived, const std::string& profile = "paper") {
  for (const PaperCheck& c : run_paper_checks(derived, profile, reference_file("paper.toml")))
    if (c.id == id) return c.status;
  throw std::runtime_error("no check " + id);
}

/// n quantiles of a distribution at (i + 0.5)/n: a sample with no noise.
template <class Dist>
std::vector<double> quantiles(const Dist& d, int n) {
  std::vector<double> x;
  for (int i = 0; i < n; ++i) x.push_back(boost::math::quantile(d, (i + 0.5) / n));
  return x;
}

json spectrum(double mean, double sd, double n) { return {{"mean_eV", mean}, {"std_eV", sd}, {"n", n}}; }
}  // namespace

// ---------------------------------------------------------------------------
// Each check by name: one input that holds the claim, one that breaks it.

TEST(PaperClaims, EachCheckPassesTheClaimAndFailsItsNegation) {
  struct Case {
    std::string id;
    json pass, fail;
  };
  const json shape_ln = {{"n", 20}, {"loglik_normal", -5.0}, {"loglik_lognormal", -3.0}, {"loglik_gamma", -4.0}};
  const json shape_n = {{"n", 20}, {"loglik_normal", -3.0}, {"loglik_lognormal", -5.0}, {"loglik_gamma", -4.0}};
  const auto points = [](double m_small, double m_conv, double nu_conv, double nu_big) {
    return json{{"campaigns",
                 {{"cluster_size",
                   {{"points", json::array({{{"cutoff_A", 3.5}, {"spectrum", spectrum(m_small, 0.1, 10)}, {"frequency_from_mean_Hz", 1.0}},
                                            {{"cutoff_A", 4.0}, {"spectrum", spectrum(m_conv, 0.1, 10)}, {"frequency_from_mean_Hz", nu_conv}},
                                            {{"cutoff_A", 5.0}, {"spectrum", spectrum(1.0, 0.1, 10)}, {"frequency_from_mean_Hz", nu_big}}})}}}}}};
  };
  const auto single = [](bool found, double a, double b, double c, double nu, int moved) {
    return json{{"single_sample", {{"found", found}, {"status", found ? "transition" : "transition_no_barrier"}, {"initial_minimum_A", a},
                                   {"saddle_A", b}, {"product_minimum_A", c}, {"nu_harmonic_Hz", nu}, {"atoms_moved_over_2A", moved}}}};
  };
  const auto interval = [](const std::string& top, const std::string& key, double v, double lo, double hi) {
    return json{{top, {{key, {{"value", v}, {"ci95", {lo, hi}}}}}}};
  };
  const auto j = [](const char* text) { return json::parse(text); };
  const std::vector<Case> cases = {
      {"dS_eff_positive", j(R"({"claims": {"dS_eff_permutation": {"p": 0.01}}, "fits": {"eff": {"dS_kB": 10, "ci95_dS_kB": [2, 18]}}})"),
       j(R"({"claims": {"dS_eff_permutation": {"p": 0.03}}, "fits": {"eff": {"dS_kB": 10, "ci95_dS_kB": [2, 18]}}})")},
      {"pooled_dS_eff_positive",
       j(R"({"sites": {"across_sites": {"pooled": {"dS_eff_minus_null_kB": {"mean": 12, "ci95_of_mean": [2, 22]}}}}})"),
       j(R"({"sites": {"across_sites": {"pooled": {"dS_eff_minus_null_kB": {"mean": 12, "ci95_of_mean": [-2, 26]}}}}})")},
      {"dS_eff_order_10", j(R"({"fits": {"eff": {"dS_kB": 12}}})"), j(R"({"fits": {"eff": {"dS_kB": 8}}})")},
      {"dS_eff", j(R"({"fits": {"eff": {"dS_kB": 16, "ci95_dS_kB": [12, 20]}}})"), j(R"({"fits": {"eff": {"dS_kB": 30, "ci95_dS_kB": [28, 32]}}})")},
      {"dS_para", j(R"({"fits": {"para": {"dS_kB": 6, "ci95_dS_kB": [4, 8]}}})"), j(R"({"fits": {"para": {"dS_kB": 20, "ci95_dS_kB": [19, 21]}}})")},
      {"dS_seq", j(R"({"fits": {"seq": {"dS_kB": 24, "ci95_dS_kB": [20, 28]}}})"), j(R"({"fits": {"seq": {"dS_kB": 40, "ci95_dS_kB": [39, 41]}}})")},
      {"dS_ordering", interval("claims", "dS_eff_minus_para_kB", 5, 1, 9), interval("claims", "dS_eff_minus_para_kB", 5, -1, 9)},
      {"dF_falls_with_T", interval("claims", "mean_slope_eV_per_K", -1e-3, -1.5e-3, -0.5e-3),
       interval("claims", "mean_slope_eV_per_K", -1e-3, -1.5e-3, 1e-4)},
      {"spectra_narrow_with_T", interval("claims", "std_slope_eV_per_K", -1e-4, -2e-4, -0.5e-4),
       interval("claims", "std_slope_eV_per_K", 1e-4, 0.5e-4, 2e-4)},
      {"dF_eff_linear", j(R"({"claims": {"linearity": {"chi2": 1.0, "dof": 4, "p": 0.91}}})"),
       j(R"({"claims": {"linearity": {"chi2": 30.0, "dof": 4, "p": 4.9e-6}}})")},
      {"dQ_eff", j(R"({"fits": {"eff": {"dQ_eV": 1.40, "ci95_dQ_eV": [1.3, 1.5]}}})"), j(R"({"fits": {"eff": {"dQ_eV": 1.0, "ci95_dQ_eV": [0.98, 1.02]}}})")},
      {"dQ_eff_vs_experiment", j(R"({"fits": {"eff": {"dQ_eV": 1.40, "ci95_dQ_eV": [1.3, 1.5]}}})"),
       j(R"({"fits": {"eff": {"dQ_eV": 0.9, "ci95_dQ_eV": [0.88, 0.92]}}})")},
      {"art_mean_dQ", j(R"({"art": {"compared": {"mean_dQ_eV": 1.3, "sem_dQ_eV": 0.02}}})"), j(R"({"art": {"compared": {"mean_dQ_eV": 0.5, "sem_dQ_eV": 0.02}}})")},
      {"metad_vs_art", j(R"({"fits": {"eff": {"dQ_eV": 1.36, "ci95_dQ_eV": [1.3, 1.42]}}, "art": {"compared": {"mean_dQ_eV": 1.35, "sem_dQ_eV": 0.01}}})"),
       j(R"({"fits": {"eff": {"dQ_eV": 1.36, "ci95_dQ_eV": [1.3, 1.42]}}, "art": {"compared": {"mean_dQ_eV": 0.5, "sem_dQ_eV": 0.01}}})")},
      {"lognormal_shape", json{{"per_T", {{"300", {{"n", 20}, {"shape", shape_ln}}}, {"400", {{"n", 20}, {"shape", shape_ln}}}}}},
       json{{"per_T", {{"300", {{"n", 20}, {"shape", shape_n}}}, {"400", {{"n", 20}, {"shape", shape_ln}}}}}}},
      {"spectrum_halves",
       j(R"({"campaigns": {"sample_count": {"halves": {"difference_eV": 0.01, "se_difference_eV": 0.02, "first": {"n": 25}, "second": {"n": 25}}}}})"),
       j(R"({"campaigns": {"sample_count": {"halves": {"difference_eV": 0.1, "se_difference_eV": 0.02, "first": {"n": 25}, "second": {"n": 25}}}}})")},
      {"cluster_flat", points(1.0, 1.02, 1, 100), points(1.0, 1.3, 1, 100)},
      {"frequency_jump", points(1.0, 1.0, 1, 100), points(1.0, 1.0, 1, 2)},
      {"fes_landmarks", single(true, 0.25, 1.0, 1.4, 2e12, 4), single(true, 0.25, 0.6, 0.8, 2e12, 4)},
      {"attempt_frequency", single(true, 0.25, 1.0, 1.4, 3e12, 4), single(true, 0.25, 1.0, 1.4, 1e14, 4)},
      {"event_size", single(true, 0.25, 1.0, 1.4, 2e12, 4), single(true, 0.25, 1.0, 1.4, 2e12, 12)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(status_of(c.id, c.pass), "pass") << c.id;
    EXPECT_EQ(status_of(c.id, c.fail), "fail") << c.id;
  }
  // A single sample without a barrier fails its landmarks by name.
  EXPECT_EQ(status_of("fes_landmarks", single(false, 0, 0, 0, 0, 0)), "fail");
  // Every check of paper.toml has a case here (censoring and Jensen: test_analysis.cpp).
  for (const PaperCheck& c : run_paper_checks(json::object(), "paper", reference_file("paper.toml"))) {
    if (c.id == "censored_fraction" || c.id == "jensen_ordering") continue;
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](const Case& k) { return k.id == c.id; })) << c.id << " has no pass/fail case";
  }
}

TEST(PaperClaims, WithinWidensByTheMeasuredUncertaintyOnly) {
  // dQ_eff at the paper profile: tolerance 0.15 eV. 1.60 eV is 0.24 off:
  // failed with a tight interval, passed with one of ±0.1 eV (1.96 × 0.051).
  EXPECT_EQ(status_of("dQ_eff", {{"fits", {{"eff", {{"dQ_eV", 1.60}, {"ci95_dQ_eV", {1.59, 1.61}}}}}}}), "fail");
  EXPECT_EQ(status_of("dQ_eff", {{"fits", {{"eff", {{"dQ_eV", 1.60}, {"ci95_dQ_eV", {1.50, 1.70}}}}}}}), "pass");
  EXPECT_EQ(status_of("dQ_eff", {{"fits", {{"eff", {{"dQ_eV", 1.60}}}}}}), "fail");  // no uncertainty: the tolerance alone
}

// ---------------------------------------------------------------------------
// The statistics behind the checks.

TEST(SpectrumShape, EachFamilyWinsOnItsOwnQuantilesAndTheGammaFitIsTheMaximum) {
  EXPECT_EQ(fit_shapes(quantiles(boost::math::lognormal_distribution<>(0.0, 0.4), 200)).best(), "lognormal");
  EXPECT_EQ(fit_shapes(quantiles(boost::math::normal_distribution<>(1.0, 0.3), 200)).best(), "normal");
  const std::vector<double> g = quantiles(boost::math::gamma_distribution<>(2.0, 0.5), 200);
  const ShapeFits f = fit_shapes(g);
  EXPECT_EQ(f.best(), "gamma");
  EXPECT_NEAR(f.gamma_shape, 2.0, 0.1);
  // Brute force: no (k, θ) on a grid around the fit has a larger likelihood.
  const auto loglik = [&](double k, double theta) {
    double l = 0;
    for (double x : g) l += (k - 1) * std::log(x) - x / theta - k * std::log(theta) - std::lgamma(k);
    return l;
  };
  EXPECT_NEAR(loglik(f.gamma_shape, f.gamma_scale_eV), f.loglik_gamma, 1e-9 * std::fabs(f.loglik_gamma));
  for (double dk : {-0.02, 0.0, 0.02})
    for (double dt : {-0.02, 0.0, 0.02})
      if (dk != 0 || dt != 0) {
        EXPECT_LT(loglik(f.gamma_shape * (1 + dk), f.gamma_scale_eV * (1 + dt)), f.loglik_gamma);
      }
  EXPECT_THROW(fit_shapes({1.0, 1.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(fit_shapes({1.0, -1.0, 2.0}), std::invalid_argument);
}

TEST(ClaimStatistics, KnownSlopesFallInTheirIntervalsAndACurveIsNotALine) {
  std::map<double, std::vector<double>> s;
  const boost::math::normal_distribution<> unit(0.0, 1.0);
  const std::vector<double> z = quantiles(unit, 40);  // mean 0, the same shape at every T
  for (double t : {200.0, 250.0, 300.0, 350.0, 400.0, 450.0}) {
    const double width = 0.25 - 6e-4 * (t - 200);  // narrows from 0.25 to 0.10 eV over 250 K
    for (double zi : z) s[t].push_back(1.36 - 14.8 * kB * t + width * zi);
  }
  const ClaimStatistics c = claim_statistics(s, 500, 3);
  EXPECT_NEAR(c.mean_slope_eV_per_K.value, -14.8 * kB, 1e-9);  // the quantiles' mean is exactly 0
  EXPECT_LT(c.mean_slope_eV_per_K.lo, -14.8 * kB);
  EXPECT_GT(c.mean_slope_eV_per_K.hi, -14.8 * kB);
  EXPECT_LT(c.std_slope_eV_per_K.hi, 0.0);
  // Narrowing makes dF_seq fall faster than dF_para: dS_seq > dS_eff > dS_para.
  EXPECT_GT(c.dS_eff_minus_para_kB.lo, 0.0);
  EXPECT_EQ(c.linearity_dof, 4);
  // A parabola in T far beyond the errors is not a line.
  auto curved = s;
  for (auto& [t, v] : curved)
    for (double& x : v) x += 4e-5 * (t - 325) * (t - 325);
  const ClaimStatistics k = claim_statistics(curved, 500, 3);
  EXPECT_LT(k.linearity_p, 1e-3);
  EXPECT_GT(c.linearity_p, k.linearity_p);
}

TEST(DisjointHalves, FromRunningMomentsEqualTheHalvesComputedDirectly) {
  const std::vector<double> v = {1.1, 0.9, 1.3, 1.0, 0.7, 1.2, 1.05, 0.95, 1.4};
  json running = json::array();
  for (const RunningPoint& p : running_statistics(v)) running.push_back({{"n", p.n}, {"mean_eV", p.mean}, {"std_eV", p.std}});
  const json h = disjoint_halves(running);
  const SpectrumSummary a = summarize({v.begin(), v.begin() + 4}), b = summarize({v.begin() + 4, v.end()});
  EXPECT_EQ(h["first"]["n"].get<double>(), 4);
  EXPECT_EQ(h["second"]["n"].get<double>(), 5);
  EXPECT_NEAR(h["second"]["mean_eV"].get<double>(), b.mean, 1e-12);
  EXPECT_NEAR(h["second"]["std_eV"].get<double>(), b.std, 1e-12);
  EXPECT_NEAR(h["difference_eV"].get<double>(), b.mean - a.mean, 1e-12);
  EXPECT_NEAR(h["se_difference_eV"].get<double>(), std::sqrt(a.std * a.std / 4 + b.std * b.std / 5), 1e-12);
}

// ---------------------------------------------------------------------------
// False-pass rates of the required checks: how often each passes when its
// claim is false, at the sample counts of the profiles that require it.

namespace {
/// Fraction of `trials` synthetic runs in which each check passes: `n`
/// samples per temperature, ΔF(T) = dF(T) + a log-normal deviate of width
/// `width` (eV), the whole analysis and the checks of `profile` as a run has them.
std::map<std::string, double> pass_rates(const std::vector<std::string>& ids, const std::string& profile, const std::vector<double>& temps,
                                         int n, int trials, double (*df)(double), double width, uint64_t seed) {
  std::mt19937_64 gen(seed);
  const double s2 = std::log(1 + width * width);  // a log-normal of mean 1 and sd `width`
  std::lognormal_distribution<double> noise(-0.5 * s2, std::sqrt(s2));
  AnalysisOptions o;
  o.bootstrap = 1000;
  std::map<std::string, double> rate;
  for (int k = 0; k < trials; ++k) {
    Spectra sp;
    for (double t : temps)
      for (int i = 0; i < n; ++i) sp[t].push_back(df(t) * noise(gen));
    o.seed = static_cast<uint64_t>(k + 1);
    for (const PaperCheck& c : run_paper_checks(analyze_spectra(sp, o), profile, reference_file("paper.toml")))
      if (std::find(ids.begin(), ids.end(), c.id) != ids.end()) rate[c.id] += (c.status == "pass" ? 1.0 : 0.0) / trials;
  }
  return rate;
}

double flat(double) { return 1.0; }
double paper_line(double t) { return 1.36 - 14.8 * kB * t; }

const std::vector<double> kStandardT = {200, 300, 400}, kPaperT = {200, 250, 300, 350, 400, 450};
}  // namespace

TEST(FalsePass, EntropicEffectAtStandardCounts) {
  // The null: ΔF independent of T (15 % wide), at site 0's counts of runs 3
  // and 4 (6 at each of 3 T) and of the sites of issue 35 (2; reported there).
  for (int n : {6, 2}) {
    const auto r = pass_rates({"dS_eff_positive"}, "standard", kStandardT, n, 1000, flat, 0.15, 11);
    std::cout << "[false-pass] dS_eff_positive, standard (" << n << " x 3 T): " << r.at("dS_eff_positive") << "\n";
    EXPECT_LE(r.at("dS_eff_positive"), 0.05) << n;
    // And it can pass: the paper's line at the same counts.
    const auto p = pass_rates({"dS_eff_positive"}, "standard", kStandardT, n, 300, paper_line, 0.15, 12);
    std::cout << "[power] dS_eff_positive, standard (" << n << " x 3 T), dS = 14.8 k_B: " << p.at("dS_eff_positive") << "\n";
    EXPECT_GE(p.at("dS_eff_positive"), n == 6 ? 0.3 : 0.02) << n;
  }
}

TEST(FalsePass, EntropicEffectAndFallingBarrierAtPaperCounts) {
  const std::vector<std::string> ids = {"dS_eff_positive", "dF_falls_with_T"};
  const auto r = pass_rates(ids, "paper", kPaperT, 50, 300, flat, 0.15, 21);
  for (const auto& id : ids) {
    std::cout << "[false-pass] " << id << ", paper (50 x 6 T): " << r.at(id) << "\n";
    EXPECT_LE(r.at(id), 0.05) << id;
  }
  const auto p = pass_rates(ids, "paper", kPaperT, 50, 50, paper_line, 0.15, 22);
  for (const auto& id : ids) {
    std::cout << "[power] " << id << ", paper, dS = 14.8 k_B: " << p.at(id) << "\n";
    EXPECT_GE(p.at(id), 0.9) << id;
  }
}

TEST(FalsePass, EntropicEffectAtGpuCounts) {
  const auto r = pass_rates({"dS_eff_positive"}, "gpu", kPaperT, 20, 400, flat, 0.15, 31);
  std::cout << "[false-pass] dS_eff_positive, gpu (20 x 6 T): " << r.at("dS_eff_positive") << "\n";
  EXPECT_LE(r.at("dS_eff_positive"), 0.05);
}

// ---------------------------------------------------------------------------
// The pooled entropic effect over sites (issue 35): its false-pass rate and
// its power at the standard profile's counts, with the spreads measured in
// the two standard runs of one site each (runs 3 and 4,
// reference-data/runs/standard-2026-1[12]-*): within a temperature the
// barriers scatter by ~0.35 eV about ~1.1 eV (log-normal width 0.32); site 0
// of the two glasses differed by 0.24 eV in its mean barrier at 300 K (a
// between-site spread of 0.17 eV) and by 69 k_B in dS_eff (less their
// sampling errors, a between-site spread of ~45 k_B).

namespace {
struct SiteModel {
  double ds_mean_kB = 0, ds_spread_kB = 0;  ///< dS_i ~ N(mean, spread) over sites
  double f300_eV = 1.1, f300_spread_eV = 0.17;
  double width = 0.32;  ///< log-normal width of the barriers within a temperature
};

/// Fraction of `trials` synthetic multi-site sweeps whose pooled check passes
/// at `profile`: `sites` sites, `n` samples per temperature each.
double pooled_pass_rate(const SiteModel& m, int sites, int n, int trials, uint64_t seed, const std::string& profile = "standard") {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> unit(0.0, 1.0);
  const double s2 = std::log(1 + m.width * m.width);
  std::lognormal_distribution<double> noise(-0.5 * s2, std::sqrt(s2));
  AnalysisOptions o;
  o.bootstrap = 300;
  double passed = 0;
  for (int k = 0; k < trials; ++k) {
    SampleRows rows;
    for (int site = 0; site < sites; ++site) {
      const double ds = m.ds_mean_kB + m.ds_spread_kB * unit(gen), f300 = m.f300_eV + m.f300_spread_eV * unit(gen);
      for (double t : kStandardT) {
        const double level = std::max(0.05, f300 - kB * (t - 300) * ds);
        for (int i = 0; i < n; ++i) {
          rows.push_back({{"T_K", std::to_string(t)}, {"status", "transition"}, {"series", "sweep"}, {"site", std::to_string(site)},
                          {"dF_eV", std::to_string(level * noise(gen))}});
        }
      }
    }
    o.seed = static_cast<uint64_t>(k + 1);
    const json derived = {{"sites", site_spread(rows, o)}};
    for (const PaperCheck& c : run_paper_checks(derived, profile, reference_file("paper.toml")))
      if (c.id == "pooled_dS_eff_positive") passed += (c.status == "pass" ? 1.0 : 0.0) / trials;
  }
  return passed;
}
}  // namespace

TEST(FalsePass, PooledEntropicEffectAtStandardCounts) {
  // The counts of temperature_sweep.toml's standard profile: 4 sites, 2 samples per T.
  const int sites = 4, n = 2;
  SiteModel sharp;  // no site depends on T
  const double r0 = pooled_pass_rate(sharp, sites, n, 400, 41);
  SiteModel spread = sharp;  // the sites' dS average 0 but spread as measured
  spread.ds_spread_kB = 45;
  const double r1 = pooled_pass_rate(spread, sites, n, 400, 42);
  std::cout << "[false-pass] pooled_dS_eff_positive, standard (4 sites x 2 x 3 T): no site depends on T " << r0
            << ", sites spread by 45 k_B about 0: " << r1 << "\n";
  EXPECT_LE(r0, 0.05);
  EXPECT_LE(r1, 0.05);
  // Power for the paper's 14.8 k_B: with the measured spread, and without any.
  SiteModel paper = spread;
  paper.ds_mean_kB = 14.8;
  SiteModel uniform = paper;
  uniform.ds_spread_kB = 0;
  const double p_spread = pooled_pass_rate(paper, sites, n, 300, 43), p_uniform = pooled_pass_rate(uniform, sites, n, 300, 44);
  std::cout << "[power] pooled_dS_eff_positive, standard, dS = 14.8 k_B: sites spread by 45 k_B " << p_spread
            << ", every site 14.8 k_B " << p_uniform << "\n";
  // It can pass: a check that cannot is no check.
  EXPECT_GE(p_uniform, 0.05);
}

TEST(SpectrumStats, QuantilesWhiskersAndRunningMomentsOfAKnownSample) {
  using namespace betarelax::validation;
  const std::vector<double> v = {0.5, 0.7, 0.6, 0.9, 2.5};
  const SpectrumSummary s = summarize(v);
  EXPECT_DOUBLE_EQ(s.mean, 1.04);
  EXPECT_NEAR(s.std, std::sqrt((0.2916 + 0.1156 + 0.1936 + 0.0196 + 2.1316) / 4), 1e-15);
  EXPECT_DOUBLE_EQ(s.median, 0.7);
  EXPECT_DOUBLE_EQ(s.q1, 0.6);  // numpy.percentile(v, 25)
  EXPECT_DOUBLE_EQ(s.q3, 0.9);
  EXPECT_DOUBLE_EQ(s.whisker_high, 0.9);  // 2.5 > 0.9 + 1.5 * 0.3: an outlier
  EXPECT_EQ(s.outliers, 1);
  const auto run = running_statistics(v);
  EXPECT_DOUBLE_EQ(run[1].mean, 0.6);
  EXPECT_NEAR(run[1].std, std::sqrt(0.02), 1e-15);
  const Histogram h = histogram(v, 0.5);
  EXPECT_DOUBLE_EQ(h.low, 0.5);
  EXPECT_EQ(h.counts, (std::vector<long>{4, 0, 0, 0, 1}));
}
