// Sites and cross-talk (validation/site_spread.hpp) on rows whose answers
// are known: exact lines dF = Q_k - T S_k per site, pairs with set
// differences, and the t table against a numerical integral of Student's t.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "support/units.hpp"
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
  rows.resize(2);
  EXPECT_TRUE(crosstalk(rows).is_null());  // no alone series
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
