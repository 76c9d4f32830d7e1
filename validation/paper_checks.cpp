#include "validation/paper_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include <toml++/toml.h>

#include "support/input_error.hpp"

namespace betarelax::validation {
namespace {

/// derived.json at a dotted path ("fits.eff.dQ_eV"); null when absent.
nlohmann::json at_path(const nlohmann::json& j, const std::string& path) {
  const nlohmann::json* node = &j;
  std::stringstream ss(path);
  std::string part;
  while (std::getline(ss, part, '.')) {
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &node->at(part);
  }
  return *node;
}

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

void measured(PaperCheck& c, double v) {
  c.measured = v;
  c.has_measured = true;
}

void skip(PaperCheck& c, const std::string& why) {
  c.status = "skip";
  c.detail = why;
}

void verdict(PaperCheck& c, bool ok, const std::string& detail) {
  c.status = ok ? "pass" : "fail";
  c.detail = detail;
}

/// A standard error, or a 95 % interval [lo, hi] read as (hi − lo) / (2 × 1.96).
void uncertainty(PaperCheck& c, const nlohmann::json& e) {
  if (e.is_number()) {
    c.uncertainty = e.get<double>();
  } else if (e.is_array() && e.size() == 2 && e[0].is_number() && e[1].is_number()) {
    c.uncertainty = (e[1].get<double>() - e[0].get<double>()) / (2 * 1.96);
  } else {
    return;
  }
  c.has_uncertainty = std::isfinite(c.uncertainty);
}

/// |difference| within the tolerance plus 1.96 of the measured uncertainty:
/// the tolerance is what the physics allows (another glass, another site),
/// the uncertainty what the run's sampling leaves; a run with few samples
/// is not failed for noise it reports.
void within_verdict(PaperCheck& c, double difference, const std::string& what) {
  const double allowed = c.tolerance + (c.has_uncertainty ? 1.96 * c.uncertainty : 0.0);
  verdict(c, std::fabs(difference) <= allowed,
          "|" + what + "| = " + num(std::fabs(difference)) + " vs tolerance " + num(c.tolerance) +
              (c.has_uncertainty ? " + 1.96 x " + num(c.uncertainty) + " = " + num(allowed) : std::string()));
}

/// A value and its 95 % interval [lo, hi] at `measure` and `interval`.
bool value_and_interval(PaperCheck& c, const nlohmann::json& derived, const toml::table& t, double& lo, double& hi) {
  const std::string m = t["measure"].value_or(std::string()), i = t["interval"].value_or(std::string());
  const nlohmann::json v = at_path(derived, m), ci = at_path(derived, i);
  if (!v.is_number() || !ci.is_array() || ci.size() != 2 || !ci[0].is_number() || !ci[1].is_number()) {
    skip(c, m + " or its interval is not in the analysis (fewer than two temperatures, or no such stage)");
    return false;
  }
  measured(c, v.get<double>());
  lo = ci[0].get<double>();
  hi = ci[1].get<double>();
  c.uncertainty = (hi - lo) / (2 * 1.96);
  c.has_uncertainty = true;
  return true;
}

void check_within(PaperCheck& c, const nlohmann::json& derived, const toml::table& t, const std::string& measure_key) {
  const nlohmann::json v = at_path(derived, measure_key);
  if (!v.is_number()) return skip(c, measure_key + " is not in the analysis (too few temperatures or no such stage)");
  measured(c, v.get<double>());
  if (auto u = t["uncertainty"].value<std::string>()) uncertainty(c, at_path(derived, *u));
  within_verdict(c, c.measured - c.paper, num(c.measured) + " - " + num(c.paper));
}

void run_kind(PaperCheck& c, const std::string& kind, const nlohmann::json& derived, const toml::table& t) {
  if (kind == "within") return check_within(c, derived, t, t["measure"].value_or(std::string()));
  if (kind == "ordering_para_eff_seq") {
    if (!derived.contains("per_T")) return skip(c, "no temperature spectra in the analysis");
    double worst = 1e300;
    for (const auto& [k, e] : derived.at("per_T").items()) {
      if (!e.contains("para") || !e.contains("eff") || !e.contains("seq")) continue;
      const double p = e.at("para"), f = e.at("eff"), s = e.at("seq");
      worst = std::min({worst, f - p, s - f});
    }
    measured(c, worst);
    return verdict(c, worst >= -1e-12, "smallest of dF_eff - dF_para and dF_seq - dF_eff over T: " + num(worst) + " eV");
  }
  if (kind == "interval_above" || kind == "interval_below") {
    const double threshold = t["threshold"].value_or(0.0);
    double lo = 0, hi = 0;
    if (!value_and_interval(c, derived, t, lo, hi)) return;
    const bool above = kind == "interval_above";
    return verdict(c, above ? lo > threshold : hi < threshold,
                   num(c.measured) + ", 95% interval [" + num(lo) + ", " + num(hi) + "], vs " + (above ? "above " : "below ") + num(threshold));
  }
  if (kind == "p_below") {
    const std::string m = t["measure"].value_or(std::string());
    const nlohmann::json pv = at_path(derived, m);
    if (!pv.is_number()) return skip(c, m + " is not in the analysis (fewer than two temperatures)");
    const double alpha = t["alpha"].value_or(0.05);
    std::string shown;
    if (auto v = t["value"].value<std::string>()) {
      const nlohmann::json x = at_path(derived, *v);
      if (x.is_number()) {
        measured(c, x.get<double>());
        shown = *v + " = " + num(c.measured);
      }
    }
    if (auto i = t["interval"].value<std::string>()) {
      const nlohmann::json ci = at_path(derived, *i);
      uncertainty(c, ci);
      if (ci.is_array() && c.has_uncertainty) shown += " [" + num(ci[0].get<double>()) + ", " + num(ci[1].get<double>()) + "]";
    }
    if (auto n = t["null_mean"].value<std::string>()) {
      const nlohmann::json x = at_path(derived, *n);
      if (x.is_number()) shown += ", null mean " + num(x.get<double>());
    }
    if (!c.has_measured) measured(c, pv.get<double>());
    return verdict(c, pv.get<double>() < alpha, shown + (shown.empty() ? "" : ": ") + "p = " + num(pv.get<double>()) + " vs below " + num(alpha));
  }
  if (kind == "above") {
    const double threshold = t["threshold"].value_or(0.0);
    const std::string m = t["measure"].value_or(std::string());
    const nlohmann::json v = at_path(derived, m);
    if (!v.is_number()) return skip(c, m + " is not in the analysis");
    measured(c, v.get<double>());
    if (auto u = t["uncertainty"].value<std::string>()) uncertainty(c, at_path(derived, *u));
    return verdict(c, c.measured > threshold, m + " = " + num(c.measured) + " vs above " + num(threshold));
  }
  if (kind == "linear") {
    const nlohmann::json lin = at_path(derived, "claims.linearity");
    if (!lin.is_object() || lin.value("dof", 0L) < 1) return skip(c, "fewer than three temperatures: a line through two points has no residual");
    const double alpha = t["alpha"].value_or(0.05);
    measured(c, lin.at("p").get<double>());
    c.unit = "p";
    return verdict(c, c.measured >= alpha, "chi2 = " + num(lin.at("chi2").get<double>()) + " with " + std::to_string(lin.at("dof").get<long>()) +
                                               " dof: p = " + num(c.measured) + " vs at least " + num(alpha));
  }
  if (kind == "shape_prefers") {
    const std::string shape = t["shape"].value_or(std::string("lognormal"));
    const long min_n = t["min_samples"].value_or(8L);
    if (!derived.contains("per_T")) return skip(c, "no temperature spectra in the analysis");
    std::map<std::string, double> loglik;
    long pooled = 0;
    for (const auto& [k, e] : derived.at("per_T").items()) {
      if (!e.contains("shape") || e.at("n").get<long>() < min_n) continue;
      ++pooled;
      for (const char* s : {"normal", "lognormal", "gamma"}) loglik[s] += e.at("shape").at(std::string("loglik_") + s).get<double>();
    }
    if (pooled == 0) return skip(c, "no spectrum with " + std::to_string(min_n) + " or more positive samples");
    double best_other = -1e300;
    std::string other;
    for (const auto& [s, l] : loglik)
      if (s != shape && l > best_other) {
        best_other = l;
        other = s;
      }
    // ΔAIC = 2 Δ ln L: all three families have two parameters.
    measured(c, 2 * (loglik.at(shape) - best_other));
    c.unit = "AIC";
    return verdict(c, c.measured > 0, "AIC(" + other + ") - AIC(" + shape + ") = " + num(c.measured) + ", ln L pooled over " +
                                          std::to_string(pooled) + " spectra");
  }
  if (kind == "halves_agree") {
    const nlohmann::json h = at_path(derived, "campaigns.sample_count.halves");
    if (!h.is_object()) return skip(c, "fewer than 4 samples with a barrier in the sample-count campaign");
    const double k = t["sigmas"].value_or(2.0), d = h.at("difference_eV").get<double>(), se = h.at("se_difference_eV").get<double>();
    measured(c, d);
    c.uncertainty = se;
    c.has_uncertainty = true;
    return verdict(c, std::fabs(d) <= k * se, "mean of the second half - first (" + num(h.at("second").at("n").get<double>()) + " and " +
                                                  num(h.at("first").at("n").get<double>()) + " samples): " + num(d) + " eV vs " + num(k) +
                                                  " x " + num(se));
  }
  if (kind == "flat_up_to") {
    const nlohmann::json pts = at_path(derived, "campaigns.cluster_size.points");
    if (!pts.is_array()) return skip(c, "no cluster-size campaign");
    const double conv = t["converged_cutoff_A"].value_or(4.0), k = t["sigmas"].value_or(2.0);
    std::vector<std::pair<double, double>> mean_sem;  // of each cutoff up to conv with 2+ barriers
    for (const auto& p : pts) {
      if (p.at("cutoff_A").get<double>() > conv + 1e-6 || !p.contains("spectrum") || !p.at("spectrum").is_object()) continue;
      const auto& sp = p.at("spectrum");
      if (sp.at("n").get<double>() < 2) continue;
      mean_sem.push_back({sp.at("mean_eV").get<double>(), sp.at("std_eV").get<double>() / std::sqrt(sp.at("n").get<double>())});
    }
    if (mean_sem.size() < 2) return skip(c, "fewer than two cutoffs up to " + num(conv) + " A with two or more barriers");
    double worst = 0;
    for (size_t a = 0; a < mean_sem.size(); ++a)
      for (size_t b = a + 1; b < mean_sem.size(); ++b) {
        const double se = std::hypot(mean_sem[a].second, mean_sem[b].second);
        worst = std::max(worst, se > 0 ? std::fabs(mean_sem[a].first - mean_sem[b].first) / se : 0.0);
      }
    measured(c, worst);
    c.unit = "sigma";
    return verdict(c, worst <= k, "largest difference of mean dF between cutoffs up to " + num(conv) + " A: " + num(worst) +
                                      " standard errors vs " + num(k));
  }
  if (kind == "landmarks") {
    const nlohmann::json ss = at_path(derived, "single_sample");
    if (!ss.is_object()) return skip(c, "no single sample");
    if (!ss.at("found").get<bool>()) return verdict(c, false, "the single sample's F(s) shows no barrier (status " + ss.at("status").dump() + ")");
    for (const char* k : {"initial_minimum_A", "saddle_A", "product_minimum_A"})
      if (!ss.at(k).is_number()) return skip(c, std::string("the single sample has no ") + k);
    const double want[3] = {t["initial_A"].value_or(0.25), t["saddle_A"].value_or(1.05), t["product_A"].value_or(1.46)};
    const double got[3] = {ss.at("initial_minimum_A").get<double>(), ss.at("saddle_A").get<double>(), ss.at("product_minimum_A").get<double>()};
    double worst = 0;
    for (int i = 0; i < 3; ++i) worst = std::max(worst, std::fabs(got[i] - want[i]));
    measured(c, worst);
    c.unit = "A";
    return verdict(c, worst <= c.tolerance, "initial / saddle / product " + num(got[0]) + " / " + num(got[1]) + " / " + num(got[2]) +
                                                " A vs " + num(want[0]) + " / " + num(want[1]) + " / " + num(want[2]) + ": largest difference " +
                                                num(worst) + " vs " + num(c.tolerance));
  }
  if (kind == "log_ratio_within") {
    const std::string m = t["measure"].value_or(std::string());
    const nlohmann::json v = at_path(derived, m);
    if (!v.is_number() || !(v.get<double>() > 0)) return skip(c, m + " is not in the analysis (or not positive)");
    measured(c, v.get<double>());
    const double decades = std::log10(c.measured / c.paper);
    return verdict(c, std::fabs(decades) <= c.tolerance,
                   num(c.measured) + " vs " + num(c.paper) + ": " + num(decades) + " decades vs tolerance " + num(c.tolerance));
  }
  if (kind == "frequency_jump_beyond") {
    const nlohmann::json pts = at_path(derived, "campaigns.cluster_size.points");
    if (!pts.is_array()) return skip(c, "no cluster-size campaign");
    const double conv = t["converged_cutoff_A"].value_or(4.0), factor = t["min_factor"].value_or(10.0);
    double nu_conv = -1, nu_next = -1, next_cut = 1e300;
    for (const auto& p : pts) {
      if (!p.contains("frequency_from_mean_Hz")) continue;
      const double cut = p.at("cutoff_A");
      if (std::fabs(cut - conv) < 1e-6) nu_conv = p.at("frequency_from_mean_Hz");
      if (cut > conv + 1e-6 && cut < next_cut) {
        next_cut = cut;
        nu_next = p.at("frequency_from_mean_Hz");
      }
    }
    if (nu_conv <= 0 || nu_next <= 0) return skip(c, "no barrier at " + num(conv) + " A or at a larger cutoff");
    measured(c, nu_next / nu_conv);
    c.unit = "ratio";
    return verdict(c, nu_next / nu_conv >= factor, "nu(" + num(next_cut) + " A) / nu(" + num(conv) + " A) = " + num(nu_next / nu_conv) + " vs " + num(factor));
  }
  if (kind == "at_most") {
    const std::string m = t["measure"].value_or(std::string());
    const nlohmann::json v = at_path(derived, m);
    if (!v.is_number()) return skip(c, m + " is not in the analysis");
    measured(c, v.get<double>());
    return verdict(c, c.measured <= c.tolerance, m + " = " + num(c.measured) + " vs at most " + num(c.tolerance));
  }
  if (kind == "within_art") {
    // Like with like (issue 34): the ART events WT-MetaD would count, on
    // their lowest known paths (validation/analysis.cpp, art_compared).
    const nlohmann::json art = at_path(derived, "art.compared.mean_dQ_eV"), q = at_path(derived, "fits.eff.dQ_eV");
    if (!art.is_number() || !q.is_number()) return skip(c, "no MetaD-class ART events (or a run of the earlier ART protocol) or no MetaD fit");
    measured(c, q.get<double>() - art.get<double>());
    // Combined: the fit's bootstrap interval and the ART mean's standard error.
    PaperCheck fit_u, art_u;
    uncertainty(fit_u, at_path(derived, "fits.eff.ci95_dQ_eV"));
    uncertainty(art_u, at_path(derived, "art.compared.sem_dQ_eV"));
    c.uncertainty = std::hypot(fit_u.has_uncertainty ? fit_u.uncertainty : 0.0, art_u.has_uncertainty ? art_u.uncertainty : 0.0);
    c.has_uncertainty = fit_u.has_uncertainty || art_u.has_uncertainty;
    return within_verdict(c, c.measured, "dQ_eff - <dQ_ART>");
  }
  throw InputError("reference-data/paper.toml: check " + c.id + ": unknown kind \"" + kind + "\"");
}

}  // namespace

std::vector<PaperCheck> run_paper_checks(const nlohmann::json& derived, const std::string& profile, const std::string& ref) {
  toml::table doc;
  try {
    doc = toml::parse_file(ref);
  } catch (const toml::parse_error& e) {
    throw InputError(ref + ": " + std::string(e.description()));
  }
  const toml::array* list = doc["check"].as_array();
  if (!list) throw InputError(ref + ": no [[check]] entries");
  std::vector<PaperCheck> out;
  for (const auto& node : *list) {
    const toml::table& t = *node.as_table();
    PaperCheck c;
    c.id = t["id"].value_or(std::string("?"));
    c.claim = t["claim"].value_or(std::string());
    c.source = t["source"].value_or(std::string());
    c.unit = t["unit"].value_or(std::string());
    c.reason = t["reason"].value_or(std::string());
    if (auto p = t["paper_value"].value<double>()) {
      c.paper = *p;
      c.has_paper = true;
    }
    const toml::table* acc = t[profile].as_table();
    if (!acc) {
      c.severity = "expected";
      skip(c, "no acceptance for profile " + profile);
      out.push_back(c);
      continue;
    }
    c.severity = (*acc)["severity"].value_or(std::string("expected"));
    // A run of several sites is judged on them (pooled_dS_eff_positive): a
    // site-0 claim may say how much it still weighs there.
    const nlohmann::json sites = derived.value("sites", nlohmann::json::object());
    if (auto several = (*acc)["several_sites_severity"].value<std::string>(); several && sites.value("sites", 0L) >= 2) {
      c.severity = *several;
    }
    if (c.severity != "required" && c.severity != "expected") {
      throw InputError(ref + ": check " + c.id + ": severity must be required or expected, not " + c.severity);
    }
    if (auto tol = (*acc)["tolerance"].value<double>()) {
      c.tolerance = *tol;
      c.has_tolerance = true;
    }
    c.kind = t["kind"].value_or(std::string());
    run_kind(c, c.kind, derived, t);
    // A run of several sites whose censoring left fewer than two of them a
    // fit has not shown the effect: for a check that says so, that is a
    // failure, not a skip (which a required check would pass).
    if (c.status == "skip" && t["missing_with_sites"].value_or(std::string()) == "fail" && sites.value("sites", 0L) >= 2) {
      c.status = "fail";
      c.detail = std::to_string(sites.value("sites", 0L)) + " sites, " +
                 std::to_string(sites.value("across_sites", nlohmann::json::object()).value("sites_with_a_fit", 0L)) +
                 " with a fit of dS_eff (two or more T with two resolved barriers): the pooled effect cannot be judged";
    }
    out.push_back(c);
  }
  return out;
}

bool required_checks_pass(const std::vector<PaperCheck>& checks) {
  for (const auto& c : checks)
    if (c.severity == "required" && c.status == "fail") return false;
  return true;
}

std::string paper_potential_sha256(const std::string& ref) {
  toml::table doc;
  try {
    doc = toml::parse_file(ref);
  } catch (const toml::parse_error& e) {
    throw InputError(ref + ": " + std::string(e.description()));
  }
  const auto sha = doc["potential"]["sha256"].value<std::string>();
  if (!sha) throw InputError(ref + ": [potential] sha256 is missing (the paper's potential file)");
  return *sha;
}

std::string profile_caveat(const std::string& profile) {
  if (profile == "smoke") return "smoke profile: exercises the code path; its numbers are not physics";
  return "";
}

std::string validation_verdict(const std::vector<PaperCheck>& checks, const std::string& profile, bool glass_ok) {
  if (!glass_ok || !required_checks_pass(checks)) return "validation FAILED (a required check)";
  if (!profile_caveat(profile).empty()) {
    return profile_caveat(profile) + "; the required checks (arithmetic identities, glass sanity) hold";
  }
  long physics = 0, passed = 0;
  for (const auto& c : checks) {
    if (c.kind == "ordering_para_eff_seq" || c.status == "skip") continue;
    ++physics;
    passed += c.status == "pass" ? 1 : 0;
  }
  if (passed == 0) return "no physics check ran and passed (" + std::to_string(physics) + " ran): only the arithmetic and the glass hold";
  return "validation passed: " + std::to_string(passed) + " of " + std::to_string(physics) + " physics checks that ran pass, every required one";
}

nlohmann::json paper_checks_json(const std::vector<PaperCheck>& checks, const std::string& profile) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& c : checks) {
    nlohmann::json j = {{"id", c.id}, {"claim", c.claim}, {"source", c.source}, {"severity", c.severity},
                        {"status", c.status}, {"detail", c.detail}, {"reason", c.reason}, {"unit", c.unit}};
    j["paper"] = c.has_paper ? nlohmann::json(c.paper) : nlohmann::json(nullptr);
    j["measured"] = c.has_measured ? nlohmann::json(c.measured) : nlohmann::json(nullptr);
    j["uncertainty"] = c.has_uncertainty ? nlohmann::json(c.uncertainty) : nlohmann::json(nullptr);
    j["tolerance"] = c.has_tolerance ? nlohmann::json(c.tolerance) : nlohmann::json(nullptr);
    arr.push_back(j);
  }
  return {{"profile", profile}, {"passed", required_checks_pass(checks)}, {"checks", arr}};
}

std::string paper_checks_markdown(const std::vector<PaperCheck>& checks, const std::string& profile) {
  std::ostringstream os;
  os << "# Validation against the paper (profile " << profile << ")\n\n";
  if (!profile_caveat(profile).empty()) os << "**" << profile_caveat(profile) << ".**\n\n";
  os << (required_checks_pass(checks) ? "All required checks pass.\n\n" : "**A required check FAILED.**\n\n")
     << "| check | claim | source | paper | measured | tolerance | severity | result | detail |\n"
     << "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& c : checks) {
    std::string m = c.has_measured ? num(c.measured) : "-";
    if (c.has_uncertainty) m += " ± " + num(c.uncertainty);
    os << "| " << c.id << " | " << c.claim << " | " << c.source << " | " << (c.has_paper ? num(c.paper) + " " + c.unit : "-")
       << " | " << m << " | " << (c.has_tolerance ? num(c.tolerance) : "-") << " | " << c.severity << " | "
       << (c.status == "fail" ? "**FAIL**" : c.status) << " | " << c.detail << " |\n";
  }
  os << "\nReasons for the tolerances and severities:\n\n";
  for (const auto& c : checks) os << "- `" << c.id << "`: " << c.reason << "\n";
  return os.str();
}

}  // namespace betarelax::validation
