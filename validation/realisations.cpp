#include "validation/realisations.hpp"

#include <cmath>
#include <string>

namespace betarelax::validation {
namespace {

using nlohmann::json;

/// A value with its 95 % interval, from the pooled sites or site 0's fit.
struct Estimate {
  bool found = false;
  double value = 0, lo = 0, hi = 0;
  std::string from;
};

/// `dist` is a distribution over sites (site_spread.hpp): its mean and Student-t interval.
Estimate over_sites(const json& dist, const std::string& from) {
  Estimate e;
  if (dist.is_object() && dist["ci95_of_mean"].is_array()) {
    e = {true, dist["mean"].get<double>(), dist["ci95_of_mean"][0].get<double>(), dist["ci95_of_mean"][1].get<double>(),
         from + " (mean over " + std::to_string(dist.value("n", 0L)) + " sites)"};
  }
  return e;
}

Estimate site0(const json& d, const char* key, const char* ci) {
  Estimate e;
  const json fit = d.value("fits", json::object()).value("eff", json());
  if (fit.is_object() && fit[key].is_number() && fit[ci].is_array()) {
    e = {true, fit[key].get<double>(), fit[ci][0].get<double>(), fit[ci][1].get<double>(), std::string("fits.eff.") + key + " (site 0)"};
  }
  return e;
}

const json& pooled_of(const json& d) {
  static const json none;
  if (!d.contains("sites") || !d["sites"].contains("across_sites")) return none;
  return d["sites"]["across_sites"].value("pooled", none).is_object() ? d["sites"]["across_sites"]["pooled"] : none;
}

/// The censored_fraction check of a validation.json: its status and measured value.
bool censoring_holds(const json& v, double& worst) {
  worst = 1;
  for (const json& c : v.value("paper", json::object()).value("checks", json::array())) {
    if (c.value("id", std::string()) != "censored_fraction") continue;
    if (c["measured"].is_number()) worst = c["measured"].get<double>();
    return c.value("status", std::string()) == "pass";
  }
  return false;
}

json compare(const char* name, const Estimate& a, const Estimate& b) {
  if (!a.found || !b.found) return {{"quantity", name}, {"agree", false}, {"why", "missing in " + std::string(a.found ? "the other run" : "this run")}};
  const double ha = 0.5 * (a.hi - a.lo), hb = 0.5 * (b.hi - b.lo);
  const double allowed = std::sqrt(ha * ha + hb * hb), diff = a.value - b.value;
  return {{"quantity", name}, {"this", {{"value", a.value}, {"ci95", {a.lo, a.hi}}, {"from", a.from}}},
          {"other", {{"value", b.value}, {"ci95", {b.lo, b.hi}}, {"from", b.from}}}, {"difference", diff},
          {"allowed", allowed}, {"agree", std::fabs(diff) <= allowed}};
}

}  // namespace

json compare_realisations(const json& da, const json& va, const json& db, const json& vb) {
  json q = json::array();
  // Pooled over sites only when both runs pooled (two or more sites with a
  // fit), as the verdict reads it (each site less its lean); else site 0 in both.
  const bool pooled = pooled_of(da).is_object() && pooled_of(db).is_object();
  if (pooled) {
    const std::string ds = "sites.across_sites.pooled.dS_eff_minus_null_kB", dq = "sites.across_sites.dQ_eff_eV";
    q.push_back(compare("dS_eff_kB", over_sites(pooled_of(da)["dS_eff_minus_null_kB"], ds),
                        over_sites(pooled_of(db)["dS_eff_minus_null_kB"], ds)));
    q.push_back(compare("dQ_eff_eV", over_sites(da["sites"]["across_sites"]["dQ_eff_eV"], dq),
                        over_sites(db["sites"]["across_sites"]["dQ_eff_eV"], dq)));
  } else {
    q.push_back(compare("dS_eff_kB", site0(da, "dS_kB", "ci95_dS_kB"), site0(db, "dS_kB", "ci95_dS_kB")));
    q.push_back(compare("dQ_eff_eV", site0(da, "dQ_eV", "ci95_dQ_eV"), site0(db, "dQ_eV", "ci95_dQ_eV")));
  }
  double wa = 1, wb = 1;
  const bool ca = censoring_holds(va, wa), cb = censoring_holds(vb, wb);
  const bool pa = va.value("passed", false), pb = vb.value("passed", false);
  bool agree = ca && cb && pa == pb;
  for (const json& x : q) agree = agree && x["agree"].get<bool>();
  return {{"check", "realisations_agree"},
          {"agree", agree},
          {"quantities", q},
          {"basis", pooled ? "pooled over sites in both runs" : "site 0 in both runs (one of them has fewer than two sites with a fit)"},
          {"censoring", {{"this_max_fraction", wa}, {"other_max_fraction", wb}, {"holds_in_both", ca && cb},
                         {"from", "the censored_fraction check of each run's validation.json"}}},
          {"verdicts", {{"this", va.value("verdict", std::string())}, {"other", vb.value("verdict", std::string())},
                        {"this_passed", pa}, {"other_passed", pb}, {"same", pa == pb}}},
          {"rule", "dS_eff and dQ_eff within sqrt(h_a^2 + h_b^2) (h: half width of each 95 % interval; pooled over sites "
                   "when both runs pooled, else site 0), the censored_fraction check passed in both, the same verdict"}};
}

}  // namespace betarelax::validation
