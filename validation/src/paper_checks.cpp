#include "paper_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include <toml++/toml.h>

#include "barrier_fits.hpp"
#include "input_error.hpp"

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

void check_within(PaperCheck& c, const nlohmann::json& derived, const toml::table& t, const std::string& measure_key) {
  const nlohmann::json v = at_path(derived, measure_key);
  if (!v.is_number()) return skip(c, measure_key + " is not in the analysis (too few temperatures or no such stage)");
  measured(c, v.get<double>());
  if (auto u = t["uncertainty"].value<std::string>()) {
    const nlohmann::json e = at_path(derived, *u);
    if (e.is_number()) {
      c.uncertainty = e.get<double>();
      c.has_uncertainty = true;
    }
  }
  verdict(c, std::fabs(c.measured - c.paper) <= c.tolerance,
          "|" + num(c.measured) + " - " + num(c.paper) + "| = " + num(std::fabs(c.measured - c.paper)) + " vs tolerance " + num(c.tolerance));
}

/// Temperatures and one per-T quantity, in temperature order.
bool per_t_series(const nlohmann::json& derived, const std::string& what, std::vector<double>& t, std::vector<double>& y) {
  if (!derived.contains("per_T")) return false;
  for (const auto& [k, e] : derived.at("per_T").items()) {
    if (!e.contains(what) || !e.at(what).is_number()) continue;
    t.push_back(std::stod(k));
    y.push_back(e.at(what).get<double>());
  }
  // keys are strings: order by temperature
  std::vector<size_t> idx(t.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return t[a] < t[b]; });
  std::vector<double> ts, ys;
  for (size_t i : idx) {
    ts.push_back(t[i]);
    ys.push_back(y[i]);
  }
  t = ts;
  y = ys;
  return !t.empty();
}

void run_kind(PaperCheck& c, const std::string& kind, const nlohmann::json& derived, const toml::table& t) {
  if (kind == "within") return check_within(c, derived, t, t["measure"].value_or(std::string()));
  if (kind == "ordering_para_eff_seq") {
    if (!derived.contains("per_T")) return skip(c, "no temperature spectra in the analysis");
    double worst = 1e300;
    for (const auto& [k, e] : derived.at("per_T").items()) {
      const double p = e.at("para"), f = e.at("eff"), s = e.at("seq");
      worst = std::min({worst, f - p, s - f});
    }
    measured(c, worst);
    return verdict(c, worst >= -1e-12, "smallest of dF_eff - dF_para and dF_seq - dF_eff over T: " + num(worst) + " eV");
  }
  if (kind == "ordering_dS") {
    const nlohmann::json p = at_path(derived, "fits.para.dS_kB"), e = at_path(derived, "fits.eff.dS_kB"), s = at_path(derived, "fits.seq.dS_kB");
    if (!p.is_number() || !e.is_number() || !s.is_number()) return skip(c, "no fits (fewer than two temperatures)");
    return verdict(c, p.get<double>() < e.get<double>() && e.get<double>() < s.get<double>(),
                   "dS para/eff/seq = " + num(p) + " / " + num(e) + " / " + num(s) + " k_B");
  }
  if (kind == "decreasing_with_T") {
    const std::string what = t["measure"].value_or(std::string("mean"));
    std::vector<double> ts, ys;
    if (!per_t_series(derived, what, ts, ys) || ts.size() < 2) return skip(c, "fewer than two temperatures");
    const LineFit f = fit_line(ts, ys);
    measured(c, f.slope);
    c.unit = "eV/K";
    return verdict(c, f.slope < 0, "slope of " + what + "(T): " + num(f.slope) + " eV/K over " + std::to_string(ts.size()) + " temperatures");
  }
  if (kind == "lognormal_not_rejected") {
    const long min_n = t["min_samples"].value_or(8L);
    if (!derived.contains("per_T")) return skip(c, "no temperature spectra in the analysis");
    long tested = 0, rejected = 0;
    double worst = 1;
    for (const auto& [k, e] : derived.at("per_T").items()) {
      if (e.at("n").get<long>() < min_n || !e.contains("lognormal_p") || !e.at("lognormal_p").is_number()) continue;
      ++tested;
      worst = std::min(worst, e.at("lognormal_p").get<double>());
      rejected += e.at("lognormal_p").get<double>() < 0.05 ? 1 : 0;
    }
    if (tested == 0) return skip(c, "no spectrum with " + std::to_string(min_n) + " or more samples");
    measured(c, worst);
    return verdict(c, rejected == 0, std::to_string(rejected) + " of " + std::to_string(tested) + " spectra rejected; smallest p = " + num(worst));
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
  if (kind == "stable_half_vs_all") {
    const nlohmann::json run = at_path(derived, "campaigns.sample_count.running");
    if (!run.is_array() || run.size() < 4) return skip(c, "fewer than 4 samples in the sample-count campaign");
    const double k = t["sigmas"].value_or(2.0);
    const auto& all = run.back();
    const auto& half = run.at(run.size() / 2 - 1);
    const double n = all.at("n"), sd = all.at("std_eV");
    const double dm = std::fabs(all.at("mean_eV").get<double>() - half.at("mean_eV").get<double>());
    const double ds = std::fabs(sd - half.at("std_eV").get<double>());
    const double tol_m = k * sd / std::sqrt(n), tol_s = k * sd / std::sqrt(2 * (n - 1));
    measured(c, dm);
    return verdict(c, dm <= tol_m && ds <= tol_s,
                   "n = " + std::to_string(half.at("n").get<long>()) + " vs " + std::to_string(static_cast<long>(n)) + ": |d mean| = " + num(dm) +
                       " (<= " + num(tol_m) + "), |d std| = " + num(ds) + " (<= " + num(tol_s) + ") eV");
  }
  if (kind == "at_most") {
    const std::string m = t["measure"].value_or(std::string());
    const nlohmann::json v = at_path(derived, m);
    if (!v.is_number()) return skip(c, m + " is not in the analysis");
    measured(c, v.get<double>());
    return verdict(c, c.measured <= c.tolerance, m + " = " + num(c.measured) + " vs at most " + num(c.tolerance));
  }
  if (kind == "within_art") {
    const nlohmann::json art = at_path(derived, "art.mean_dQ_eV"), q = at_path(derived, "fits.eff.dQ_eV");
    if (!art.is_number() || !q.is_number()) return skip(c, "no ART results (issue #8) or no MetaD fit");
    measured(c, q.get<double>() - art.get<double>());
    return verdict(c, std::fabs(c.measured) <= c.tolerance, "dQ_eff - <dQ_ART> = " + num(c.measured) + " eV");
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
    if (c.severity != "required" && c.severity != "expected") {
      throw InputError(ref + ": check " + c.id + ": severity must be required or expected, not " + c.severity);
    }
    if (auto tol = (*acc)["tolerance"].value<double>()) {
      c.tolerance = *tol;
      c.has_tolerance = true;
    }
    c.kind = t["kind"].value_or(std::string());
    run_kind(c, c.kind, derived, t);
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
