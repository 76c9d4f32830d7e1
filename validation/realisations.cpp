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

Estimate pooled_or_site0(const json& d, const char* across_key, const char* fit_key, const char* fit_ci) {
  Estimate e;
  const json across = d.value("sites", json::object()).value("across_sites", json::object());
  const json dist = across.value(across_key, json());
  if (dist.is_object() && dist.value("n", 0L) >= 2 && dist["ci95_of_mean"].is_array()) {
    e = {true, dist["mean"].get<double>(), dist["ci95_of_mean"][0].get<double>(), dist["ci95_of_mean"][1].get<double>(),
         std::string("sites.across_sites.") + across_key + " (mean over " + std::to_string(dist["n"].get<long>()) + " sites)"};
    return e;
  }
  const json fit = d.value("fits", json::object()).value("eff", json());
  if (fit.is_object() && fit[fit_key].is_number() && fit[fit_ci].is_array()) {
    e = {true, fit[fit_key].get<double>(), fit[fit_ci][0].get<double>(), fit[fit_ci][1].get<double>(),
         std::string("fits.eff.") + fit_key + " (site 0)"};
  }
  return e;
}

json compare(const char* name, const Estimate& a, const Estimate& b) {
  if (!a.found || !b.found) return {{"quantity", name}, {"agree", false}, {"why", "missing in " + std::string(a.found ? "the other run" : "this run")}};
  const double ha = 0.5 * (a.hi - a.lo), hb = 0.5 * (b.hi - b.lo);
  const double allowed = std::sqrt(ha * ha + hb * hb), diff = a.value - b.value;
  return {{"quantity", name}, {"this", {{"value", a.value}, {"ci95", {a.lo, a.hi}}, {"from", a.from}}},
          {"other", {{"value", b.value}, {"ci95", {b.lo, b.hi}}, {"from", b.from}}}, {"difference", diff},
          {"allowed", allowed}, {"agree", std::fabs(diff) <= allowed}};
}

/// Censoring within the censored_fraction check's tolerance.
bool censoring_holds(const json& d, double& worst) {
  const json c = d.value("censoring", json::object());
  worst = c.value("max_without_barrier_fraction", 1.0);
  return worst <= 0.10 + 1e-12;
}

}  // namespace

json compare_realisations(const json& da, const json& va, const json& db, const json& vb) {
  json q = json::array();
  q.push_back(compare("dS_eff_kB", pooled_or_site0(da, "dS_eff_kB", "dS_kB", "ci95_dS_kB"),
                      pooled_or_site0(db, "dS_eff_kB", "dS_kB", "ci95_dS_kB")));
  q.push_back(compare("dQ_eff_eV", pooled_or_site0(da, "dQ_eff_eV", "dQ_eV", "ci95_dQ_eV"),
                      pooled_or_site0(db, "dQ_eff_eV", "dQ_eV", "ci95_dQ_eV")));
  double wa = 1, wb = 1;
  const bool ca = censoring_holds(da, wa), cb = censoring_holds(db, wb);
  const bool pa = va.value("passed", false), pb = vb.value("passed", false);
  bool agree = ca && cb && pa == pb;
  for (const json& x : q) agree = agree && x["agree"].get<bool>();
  return {{"check", "realisations_agree"},
          {"agree", agree},
          {"quantities", q},
          {"censoring", {{"this_max_fraction", wa}, {"other_max_fraction", wb}, {"tolerance", 0.10}, {"holds_in_both", ca && cb}}},
          {"verdicts", {{"this", va.value("verdict", std::string())}, {"other", vb.value("verdict", std::string())},
                        {"this_passed", pa}, {"other_passed", pb}, {"same", pa == pb}}},
          {"rule", "dS_eff and dQ_eff within sqrt(h_a^2 + h_b^2) (h: half width of each 95 % interval; pooled over sites "
                   "when both runs have several, else site 0), censoring at most 10 % at every T in both, the same verdict"}};
}

}  // namespace betarelax::validation
