// Sites and cross-talk (validation/site_spread.hpp) on rows whose answers
// are known: exact lines dF = Q_k - T S_k per site, pairs with set
// differences, and the t table against a numerical integral of Student's t.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "support/input_error.hpp"
#include "support/sample_folder.hpp"
#include "support/units.hpp"
#include "validation/neighbour_response.hpp"
#include "validation/site_spread.hpp"

using namespace betarelax::validation;

namespace {

std::map<std::string, std::string> row(int id, double t, int site, long index, const std::string& series, double df) {
  return {{"id", std::to_string(id)}, {"T_K", std::to_string(t)}, {"cutoff_A", "4"}, {"site", std::to_string(site)},
          {"sample_index", std::to_string(index)}, {"series", series}, {"status", "transition"}, {"dF_eV", std::to_string(df)}};
}

}  // namespace

TEST(SiteSpread, EachSitesFitAndTheirDistributionFromExactLines) {
  // Site k: dF = Q_k - T S_k, two samples per T at +-0.01 eV (the mean is the line).
  const double q[3] = {1.2, 1.4, 1.6}, s_kb[3] = {5.0, 10.0, 15.0};
  SampleRows rows;
  int id = 0;
  for (int k = 0; k < 3; ++k)
    for (double t : {200.0, 300.0, 400.0})
      for (double d : {-0.01, 0.01}) {
        rows.push_back(row(id, t, k, id, "sweep", q[k] - t * s_kb[k] * betarelax::units::kB + d));
        ++id;
      }
  rows.push_back(row(id, 300, 0, 9, "control", 5.0));  // never in a spectrum
  AnalysisOptions o;
  o.bootstrap = 50;
  const nlohmann::json s = site_spread(rows, o);
  ASSERT_FALSE(s.is_null());
  EXPECT_EQ(s.at("sites").get<int>(), 3);
  for (int k = 0; k < 3; ++k) {
    const auto& fit = s.at("per_site").at(std::to_string(k)).at("fit_eff");
    // dF_eff sits below the mean by ~kT ln cosh-like terms of a 0.01 eV spread: within 1 meV of the line.
    EXPECT_NEAR(fit.at("dQ_eV").get<double>(), q[k], 2e-3) << "site " << k;
    EXPECT_NEAR(fit.at("dS_kB").get<double>(), s_kb[k], 0.1) << "site " << k;
  }
  // The parallel and sequential averages of a +-0.01 eV spectrum lie within
  // kT ln cosh(0.01 eV / kT) (3 meV at 200 K) of the same lines.
  for (const char* x : {"para", "seq"}) {
    const auto& ds_x = s.at("across_sites").at(std::string("dS_") + x + "_kB");
    EXPECT_EQ(ds_x.at("n").get<int>(), 3) << x;
    EXPECT_NEAR(ds_x.at("mean").get<double>(), 10.0, 0.3) << x;
    EXPECT_NEAR(s.at("across_sites").at(std::string("dQ_") + x + "_eV").at("mean").get<double>(), 1.4, 6e-3) << x;  // kT ln cosh(0.01 eV / kT): 4 meV at T = 0
  }
  const auto& dq = s.at("across_sites").at("dQ_eff_eV");
  EXPECT_NEAR(dq.at("mean").get<double>(), 1.4, 2e-3);
  EXPECT_NEAR(dq.at("std").get<double>(), 0.2, 2e-3);
  const double half = 4.303 * 0.2 / std::sqrt(3.0);  // t(0.975, 2 dof)
  EXPECT_NEAR(dq.at("ci95_of_mean")[1].get<double>() - dq.at("mean").get<double>(), half, 3e-3);
  const auto& at300 = s.at("across_sites").at("mean_dF_per_T").at("300");
  EXPECT_EQ(at300.at("n").get<int>(), 3);
  EXPECT_NEAR(at300.at("min").get<double>(), 1.2 - 300 * 5 * betarelax::units::kB, 1e-5);
  // One site: nothing to spread.
  SampleRows one(rows.begin(), rows.begin() + 6);
  EXPECT_TRUE(site_spread(one, o).is_null());
}

TEST(SiteSpread, ThePooledEffectOfExactLinesIsTheirMeanAndTheSpreadTheirs) {
  // Sites with dS = -5, 10, 25 k_B (mean 10, std 15), two samples per T at
  // +-0.01 eV: the fits are the lines, each site's permutation null is near 0
  // (a spectrum this narrow leans little), the sampling errors are tiny, so
  // the pooled mean is 10 k_B, the between-site spread 15 k_B and two of
  // three sites lie above 0.
  const double s_kb[3] = {-5.0, 10.0, 25.0};
  SampleRows rows;
  int id = 0;
  for (int k = 0; k < 3; ++k)
    for (double t : {200.0, 300.0, 400.0})
      for (double d : {-0.01, 0.01}) {
        rows.push_back(row(id, t, k, id, "sweep", 1.4 - t * s_kb[k] * betarelax::units::kB + d));
        ++id;
      }
  AnalysisOptions o;
  o.bootstrap = 200;
  const nlohmann::json p = site_spread(rows, o).at("across_sites").at("pooled");
  EXPECT_EQ(p.at("sites").get<int>(), 3);
  EXPECT_NEAR(p.at("dS_eff_kB").at("mean").get<double>(), 10.0, 0.2);
  EXPECT_NEAR(p.at("dS_eff_minus_null_kB").at("mean").get<double>(), 10.0, 2.0);
  EXPECT_NEAR(p.at("between_site_std_kB").get<double>(), 15.0, 0.5);
  EXPECT_NEAR(p.at("fraction_dS_eff_positive").get<double>(), 2.0 / 3, 1e-12);
  // The interval over 3 sites is the t interval (2 dof) of the lean-free values.
  const auto& lf = p.at("dS_eff_minus_null_kB");
  const double half = 4.303 * lf.at("std").get<double>() / std::sqrt(3.0);
  EXPECT_NEAR(lf.at("ci95_of_mean")[0].get<double>(), lf.at("mean").get<double>() - half, 1e-9);
}

TEST(SiteSpread, ThePaperChecksReadSiteZerosSpectrumOnly) {
  const std::string path = (std::filesystem::temp_directory_path() / "betarelax_sites_spectra.csv").string();
  std::ofstream(path) << "T_K,site,series,status,dF_eV\n300,0,sweep,transition,1.0\n300,1,sweep,transition,9.0\n"
                         "300,0,sweep,transition,1.2\n300,0,alone,transition,7.0\n400,2,sweep,transition,9.0\n";
  std::vector<double> left_out;
  const Spectra s = read_spectra_csv(path, false, &left_out);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.at(300.0), (std::vector<double>{1.0, 1.2}));
  std::filesystem::remove(path);
}

TEST(Crosstalk, PairsTogetherWithAloneBySeedAndSite) {
  SampleRows rows;
  int id = 0;
  // Site 0 together is 0.02 eV above alone, site 1 0.04 eV below, 4 indices each.
  for (long index = 0; index < 4; ++index) {
    const double jitter = 0.001 * index;
    rows.push_back(row(id++, 300, 0, index, "sweep", 1.0 + 0.02 + jitter));
    rows.push_back(row(id++, 300, 1, index, "sweep", 0.8 - 0.04 - jitter));
    rows.push_back(row(id++, 300, 0, index, "alone", 1.0));
    rows.push_back(row(id++, 300, 1, index, "alone", 0.8));
  }
  auto no_barrier = row(id++, 300, 1, 7, "alone", 0.0);
  no_barrier["status"] = "no_transition";
  no_barrier["dF_eV"] = "";
  rows.push_back(no_barrier);
  const nlohmann::json c = crosstalk(rows);
  ASSERT_FALSE(c.is_null());
  EXPECT_EQ(c.at("pairs").get<int>(), 8);
  EXPECT_EQ(c.at("unpaired").get<int>(), 1);
  EXPECT_NEAR(c.at("per_site").at("0").at("mean_eV").get<double>(), 0.0215, 1e-6);
  EXPECT_NEAR(c.at("per_site").at("1").at("mean_eV").get<double>(), -0.0415, 1e-6);
  EXPECT_NEAR(c.at("all").at("mean_eV").get<double>(), -0.01, 1e-6);
  double ss = 0;
  for (double d : {0.020, 0.021, 0.022, 0.023, -0.040, -0.041, -0.042, -0.043}) ss += (d + 0.01) * (d + 0.01);
  EXPECT_NEAR(c.at("all").at("se_eV").get<double>(), std::sqrt(ss / 7.0) / std::sqrt(8.0), 1e-6);
  // Per series: every sample's status, and the unpaired difference of means
  // (together 0.89 over 8, alone 0.9 over its 8 resolved).
  EXPECT_EQ(c.at("series").at("alone").at("status").at("no_transition").get<int>(), 1);
  EXPECT_EQ(c.at("series").at("together").at("status").at("transition").get<int>(), 8);
  EXPECT_NEAR(c.at("difference_of_means").at("mean_eV").get<double>(), -0.01, 1e-6);
  EXPECT_GT(c.at("difference_of_means").at("se_eV").get<double>(), c.at("all").at("se_eV").get<double>());  // pairing removes the site-to-site spread
  rows.resize(2);
  EXPECT_TRUE(crosstalk(rows).is_null());  // no alone series
}

TEST(NeighbourResponse, ReadsTheAloneSamplesNeighbourRmsdFromTheirSampleJson) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("betarelax_neighbour_" + std::to_string(::getpid()));
  SampleRows rows;
  // Alone samples 0-2 (sites 0, 1, 0) moved their neighbour by 0.01, 0.03, 0.02 A;
  // sample 3 is together (never read), sample 4 alone without a transition.
  const double moved[3] = {0.01, 0.03, 0.02};
  for (int id = 0; id < 5; ++id) {
    const int site = id == 1 ? 1 : 0;
    auto r = row(id, 300, site, id, id == 3 ? "sweep" : "alone", 1.0);
    if (id == 4) r["status"] = "no_transition";
    rows.push_back(r);
    if (id >= 3) continue;
    fs::create_directories(dir / "samples" / betarelax::sample_folder(id));
    std::ofstream(dir / "samples" / betarelax::sample_folder(id) / "sample.json")
        << nlohmann::json{{"transition", {{"own_rmsd_A", 0.5 + id}, {"neighbour_sites", {{{"site", 1 - site}, {"rmsd_A", moved[id]}}}}}}};
  }
  const nlohmann::json n = neighbour_response(dir.string(), rows);
  ASSERT_FALSE(n.is_null());
  EXPECT_EQ(n.at("neighbours").at("n").get<int>(), 3);
  EXPECT_NEAR(n.at("neighbours").at("median_A").get<double>(), 0.02, 1e-12);
  EXPECT_NEAR(n.at("neighbours").at("max_A").get<double>(), 0.03, 1e-12);
  EXPECT_NEAR(n.at("own").at("median_A").get<double>(), 1.5, 1e-12);
  ASSERT_EQ(n.at("per_pair").size(), 2u);  // (0 moved 1) twice, (1 moved 0) once
  EXPECT_NEAR(n.at("per_pair")[0].at("mean_A").get<double>(), 0.015, 1e-12);
  // A sample.json without the record's fields is named.
  std::ofstream(dir / "samples" / betarelax::sample_folder(2) / "sample.json") << nlohmann::json{{"transition", {{"neighbour_sites", 1}}}};
  try {
    neighbour_response(dir.string(), rows);
    ADD_FAILURE() << "a broken sample.json was read";
  } catch (const betarelax::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("00002"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
  rows.resize(1);
  rows[0]["series"] = "sweep";
  EXPECT_TRUE(neighbour_response(dir.string(), rows).is_null());  // no alone sample
}

TEST(StudentT, TableQuantilesLeaveTwoAndAHalfPercentInTheTail) {
  // 1 - CDF(t) = 0.025 by Simpson's rule on the density of t with nu dof.
  for (int nu : {1, 2, 3, 5, 10, 20, 60}) {
    const double t = student_t975(nu);
    const double norm = std::exp(std::lgamma((nu + 1) / 2.0) - std::lgamma(nu / 2.0)) / std::sqrt(nu * M_PI);
    auto pdf = [&](double x) { return norm * std::pow(1 + x * x / nu, -(nu + 1) / 2.0); };
    const int n = 20000;
    const double h = t / n;
    double area = pdf(0) + pdf(t);
    for (int i = 1; i < n; ++i) area += (i % 2 ? 4 : 2) * pdf(i * h);
    area *= h / 3;
    EXPECT_NEAR(0.5 - area, 0.025, 2e-5) << nu << " dof";
  }
  EXPECT_DOUBLE_EQ(student_t975(500), 1.96);
}
