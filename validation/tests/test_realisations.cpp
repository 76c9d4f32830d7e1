// Two realisations compared (validation/realisations.hpp) on made-up
// analyses whose agreement is known by hand, and the severity a site-0 claim
// takes in a run of several sites.
#include <gtest/gtest.h>

#include <cmath>

#include "validation/glass_structure.hpp"
#include "validation/paper_checks.hpp"
#include "validation/realisations.hpp"

using namespace betarelax::validation;
using nlohmann::json;

namespace {

json one_site(double ds, double ds_lo, double ds_hi, double dq, double dq_lo, double dq_hi) {
  return {{"fits", {{"eff", {{"dS_kB", ds}, {"ci95_dS_kB", {ds_lo, ds_hi}}, {"dQ_eV", dq}, {"ci95_dQ_eV", {dq_lo, dq_hi}}}}}}};
}

json several_sites(double ds, double ds_half, double dq, double dq_half) {
  json d = one_site(99, 98, 100, 9, 8, 10);  // site 0's fit: must not be used
  d["sites"] = {{"sites", 4},
                {"across_sites",
                 {{"pooled", {{"dS_eff_minus_null_kB", {{"n", 4}, {"mean", ds}, {"ci95_of_mean", {ds - ds_half, ds + ds_half}}}}}},
                  {"dQ_eff_eV", {{"n", 4}, {"mean", dq}, {"ci95_of_mean", {dq - dq_half, dq + dq_half}}}}}}};
  return d;
}

/// A validation.json: its verdict and its censored_fraction check.
json validation(bool passed, double censored) {
  return {{"passed", passed},
          {"verdict", passed ? "validation passed" : "validation FAILED (a required check)"},
          {"paper", {{"checks", {{{"id", "censored_fraction"}, {"measured", censored}, {"status", censored <= 0.1 ? "pass" : "fail"}}}}}}};
}

}  // namespace

TEST(Realisations, AgreeWithinTheCombinedIntervalsAndNotBeyond) {
  // Half widths 3 and 4: the combined allowance is 5.
  const json pass = validation(true, 0.0), fail = validation(false, 0.0);
  const json a = several_sites(10, 3, 1.0, 0.3), b = several_sites(14.9, 4, 1.2, 0.4);
  const json r = compare_realisations(a, pass, b, pass);
  EXPECT_TRUE(r["agree"].get<bool>()) << r.dump(1);
  EXPECT_NEAR(r["quantities"][0]["allowed"].get<double>(), 5.0, 1e-12);
  EXPECT_NE(r["quantities"][0]["this"]["from"].get<std::string>().find("mean over 4 sites"), std::string::npos);
  const json far = several_sites(15.1, 4, 1.2, 0.4);
  EXPECT_FALSE(compare_realisations(a, pass, far, pass)["agree"].get<bool>());
  // The same numbers, but one verdict passed and the other failed: they do not agree.
  EXPECT_FALSE(compare_realisations(a, pass, b, fail)["agree"].get<bool>());
  EXPECT_TRUE(compare_realisations(a, fail, b, fail)["agree"].get<bool>());
  // A pooled run against one that did not pool compares site 0 in both.
  const json r0 = compare_realisations(a, pass, one_site(99.5, 98, 101, 9, 8, 10), pass);
  EXPECT_NE(r0["basis"].get<std::string>().find("site 0"), std::string::npos);
  EXPECT_TRUE(r0["quantities"][0]["agree"].get<bool>());
}

TEST(Realisations, OneSiteRunsCompareSiteZeroAndCensoringMustHoldInBoth) {
  // Runs 3 and 4 as archived: 27.9 [-3.0, 39.4] and -40.7 [-76.6, 23.8] k_B.
  const json r3 = one_site(27.9, -3.0, 39.4, 1.92, 0.96, 2.27), r4 = one_site(-40.7, -76.6, 23.8, 0.04, -0.74, 1.33);
  const json r = compare_realisations(r4, validation(false, 5.0 / 6), r3, validation(false, 0.0));
  EXPECT_FALSE(r["agree"].get<bool>());
  EXPECT_NEAR(r["quantities"][0]["allowed"].get<double>(), std::hypot(50.2, 21.2), 1e-9);
  EXPECT_FALSE(r["quantities"][0]["agree"].get<bool>());  // 68.6 > 54.5
  EXPECT_FALSE(r["censoring"]["holds_in_both"].get<bool>());
  // Equal numbers but 20 % censored in one: no agreement.
  EXPECT_FALSE(compare_realisations(r3, validation(true, 0.0), r3, validation(true, 0.2))["agree"].get<bool>());
  EXPECT_TRUE(compare_realisations(r3, validation(true, 0.0), r3, validation(true, 0.1))["agree"].get<bool>());
}

TEST(PaperChecks, ASiteZeroClaimWeighsLessWhenTheRunHasSeveralSites) {
  const auto severity_of = [](const json& derived) {
    for (const PaperCheck& c : run_paper_checks(derived, "standard", reference_file("paper.toml")))
      if (c.id == "dS_eff_positive") return c.severity;
    return std::string("missing");
  };
  EXPECT_EQ(severity_of(json::object()), "required");
  EXPECT_EQ(severity_of({{"sites", {{"sites", 4}}}}), "expected");
}

TEST(PaperChecks, SeveralSitesWithoutAPooledFitFailTheRequiredCheckNotSkipIt) {
  // Censoring left one site of four with a fit: the effect was not shown.
  const json derived = {{"sites", {{"sites", 4}, {"across_sites", {{"sites_with_a_fit", 1}, {"pooled", nullptr}}}}}};
  for (const PaperCheck& c : run_paper_checks(derived, "standard", reference_file("paper.toml"))) {
    if (c.id != "pooled_dS_eff_positive") continue;
    EXPECT_EQ(c.status, "fail") << c.detail;
    EXPECT_NE(c.detail.find("4 sites, 1 with a fit"), std::string::npos) << c.detail;
  }
  // One site (runs 3 and 4): skipped, the site-0 check decides.
  for (const PaperCheck& c : run_paper_checks(json::object(), "standard", reference_file("paper.toml")))
    if (c.id == "pooled_dS_eff_positive") {
      EXPECT_EQ(c.status, "skip");
    }
}
