#include "validation/site_spread.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include "validation/sample_quality.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

using Row = std::map<std::string, std::string>;

bool resolved(const Row& r) { return r.at("status") == "transition" && !r.at("dF_eV").empty(); }

/// mean, std, range and the 95% t interval of the mean of `v`.
nlohmann::json distribution(const std::vector<double>& v) {
  if (v.empty()) return nullptr;
  const SpectrumSummary s = summarize(v);
  nlohmann::json out = {{"n", s.n}, {"values", v}, {"mean", s.mean}, {"std", s.std}, {"min", s.min}, {"max", s.max}};
  if (v.size() >= 2) {
    const double half = student_t975(static_cast<int>(v.size()) - 1) * s.std / std::sqrt(double(v.size()));
    out["ci95_of_mean"] = {s.mean - half, s.mean + half};
  } else {
    out["ci95_of_mean"] = nullptr;
  }
  return out;
}

/// The pooled entropic effect over sites (random effects: each site's dS_eff
/// is its own draw of the glass's environments plus its sampling error).
nlohmann::json pooled_entropy(const std::vector<double>& ds, const std::vector<double>& se, const std::vector<double>& lean_free) {
  if (ds.size() < 2) return nullptr;
  const SpectrumSummary s = summarize(ds);
  double within = 0;
  long known = 0;
  for (double e : se)
    if (std::isfinite(e)) {
      within += e * e;
      ++known;
    }
  within = known > 0 ? within / known : 0.0;
  long positive = 0, above_null = 0;
  for (double v : ds) positive += v > 0;
  for (double v : lean_free) above_null += v > 0;
  // Between-site spread by moments: the variance of the site estimates less
  // their mean sampling variance (bootstrap), floored at zero.
  const double tau2 = std::max(0.0, s.std * s.std - within);
  return {{"sites", ds.size()},
          {"dS_eff_kB", distribution(ds)},
          {"dS_eff_minus_null_kB", distribution(lean_free)},
          {"between_site_std_kB", std::sqrt(tau2)},
          {"mean_within_site_se_kB", std::sqrt(within)},  // each site's bootstrap interval / (2 x 1.96)
          {"fraction_dS_eff_positive", double(positive) / ds.size()},
          {"fraction_above_null", double(above_null) / lean_free.size()},
          {"meaning", "random effects over sites: the mean of each site's dS_eff (less its permutation null's mean, the lean "
                      "of Eq. 6) with the 95% Student-t interval over sites, which carries the between-site spread and each "
                      "site's sampling error; between_site_std_kB = sqrt(max(0, var over sites - mean se^2)), se each site's "
                      "95% bootstrap interval / 3.92"}};
}

}  // namespace

int site_of(const Row& row) {
  const auto it = row.find("site");
  return it == row.end() || it->second.empty() ? 0 : std::stoi(it->second);
}

double student_t975(int dof) {
  // Student's t, two-sided 95% (upper 2.5%) quantiles; between rows the
  // next smaller dof's value (a slightly wider, safe interval).
  static const std::map<int, double> table = {
      {1, 12.706}, {2, 4.303},  {3, 3.182},  {4, 2.776},  {5, 2.571},  {6, 2.447},  {7, 2.365},  {8, 2.306},
      {9, 2.262},  {10, 2.228}, {11, 2.201}, {12, 2.179}, {13, 2.160}, {14, 2.145}, {15, 2.131}, {16, 2.120},
      {17, 2.110}, {18, 2.101}, {19, 2.093}, {20, 2.086}, {25, 2.060}, {30, 2.042}, {40, 2.021}, {60, 2.000},
      {120, 1.980}};
  if (dof < 1) return std::numeric_limits<double>::quiet_NaN();
  if (dof > 120) return 1.960;
  return std::prev(table.upper_bound(dof))->second;
}

nlohmann::json site_spread(const SampleRows& rows, const AnalysisOptions& o) {
  std::map<int, Spectra> by_site;
  std::set<int> sites;
  for (const Row& r : rows) {
    if (series_of(r) != "sweep") continue;
    sites.insert(site_of(r));
    if (resolved(r)) by_site[site_of(r)][std::stod(r.at("T_K"))].push_back(std::stod(r.at("dF_eV")));
  }
  if (sites.size() < 2) return nullptr;
  nlohmann::json per_site = nlohmann::json::object();
  std::map<double, std::vector<double>> mean_at;  // T -> each site's mean dF
  std::vector<double> dq, ds, se_ds, lean_free;
  std::map<std::string, std::vector<double>> dq_of, ds_of;  // para, seq: the two bounds of Eqs. 4-5 beside eff
  for (int k : sites) {
    nlohmann::json e = {{"site", k}, {"per_T", nlohmann::json::object()}};
    Spectra fit_spectra;
    for (const auto& [t, df] : by_site[k]) {
      const SpectrumSummary s = summarize(df);
      e["per_T"][std::to_string(std::lround(t))] = {{"n", s.n}, {"mean_eV", s.mean}, {"std_eV", s.std}};
      mean_at[t].push_back(s.mean);
      if (df.size() >= 2) fit_spectra[t] = df;
    }
    if (fit_spectra.size() >= 2) {
      const nlohmann::json a = analyze_spectra(fit_spectra, o);
      e["fit_eff"] = a.at("fits").at("eff");
      for (const char* x : {"para", "seq"}) {
        e[std::string("fit_") + x] = a.at("fits").at(x);
        dq_of[x].push_back(a.at("fits").at(x).at("dQ_eV").get<double>());
        ds_of[x].push_back(a.at("fits").at(x).at("dS_kB").get<double>());
      }
      dq.push_back(e["fit_eff"].at("dQ_eV").get<double>());
      ds.push_back(e["fit_eff"].at("dS_kB").get<double>());
      // The site's sampling error: its bootstrap interval as a standard error.
      const nlohmann::json& ci = e["fit_eff"].at("ci95_dS_kB");
      se_ds.push_back(ci.is_array() ? (ci[1].get<double>() - ci[0].get<double>()) / (2 * 1.96) : std::numeric_limits<double>::quiet_NaN());
      // Eq. 6 leans: a T-independent spectrum alone gives dS_eff != 0 (the
      // permutation null's mean). Each site's dS_eff less its own lean is
      // what the pooled check averages; analyze_spectra always computes it
      // for a fit, so its absence is a fault, not a zero.
      const double lean = a.at("claims").at("dS_eff_permutation").at("null_mean_kB").get<double>();
      e["dS_eff_minus_null_kB"] = ds.back() - lean;
      lean_free.push_back(ds.back() - lean);
    } else {
      e["fit_eff"] = nullptr;
      e["fit_why_not"] = "fewer than two temperatures with two or more resolved barriers";
    }
    per_site[std::to_string(k)] = e;
  }
  nlohmann::json across = {{"mean_dF_per_T", nlohmann::json::object()}};
  for (const auto& [t, means] : mean_at) across["mean_dF_per_T"][std::to_string(std::lround(t))] = distribution(means);
  across["dQ_eff_eV"] = distribution(dq);
  across["dS_eff_kB"] = distribution(ds);
  for (const char* x : {"para", "seq"}) {
    across[std::string("dQ_") + x + "_eV"] = distribution(dq_of[x]);
    across[std::string("dS_") + x + "_kB"] = distribution(ds_of[x]);
  }
  across["pooled"] = pooled_entropy(ds, se_ds, lean_free);
  across["sites_with_a_fit"] = ds.size();
  across["sites_without_a_fit"] = sites.size() - ds.size();
  return {{"sites", sites.size()}, {"per_site", per_site}, {"across_sites", across},
          {"meaning", "site 0 is the paper's group; the others are the campaign's sites (campaign.json sites); intervals are "
                      "95% Student-t intervals of the mean over sites"}};
}

nlohmann::json crosstalk(const SampleRows& rows) {
  using Key = std::tuple<double, double, long, int>;  // T, cutoff, sample index, site
  std::map<Key, const Row*> together, alone;
  // Every sample of each series, paired or not: how often each ends without
  // a resolved barrier, and the means of those that resolved one.
  std::map<std::string, std::map<std::string, long>> status;
  std::map<std::string, std::vector<double>> resolved_df;
  for (const Row& r : rows) {
    const std::string s = series_of(r);
    if (s != "sweep" && s != "alone") continue;
    const Key k{std::stod(r.at("T_K")), std::stod(r.at("cutoff_A")), std::stol(r.at("sample_index")), site_of(r)};
    (s == "sweep" ? together : alone)[k] = &r;
    const std::string name = s == "sweep" ? "together" : "alone";
    ++status[name][r.at("status")];
    if (resolved(r)) resolved_df[name].push_back(std::stod(r.at("dF_eV")));
  }
  if (alone.empty()) return nullptr;
  std::map<int, std::vector<double>> diff;
  std::vector<double> all;
  long unpaired = 0;
  for (const auto& [k, a] : alone) {
    const auto t = together.find(k);
    if (t == together.end() || !resolved(*a) || !resolved(*t->second)) {
      ++unpaired;
      continue;
    }
    const double d = std::stod(t->second->at("dF_eV")) - std::stod(a->at("dF_eV"));
    diff[std::get<3>(k)].push_back(d);
    all.push_back(d);
  }
  auto mean_se = [](const std::vector<double>& v) -> nlohmann::json {
    if (v.empty()) return nullptr;
    const SpectrumSummary s = summarize(v);
    const double se = v.size() >= 2 ? s.std / std::sqrt(double(v.size())) : std::numeric_limits<double>::quiet_NaN();
    return {{"n", s.n}, {"mean_eV", s.mean}, {"se_eV", se}, {"std_eV", s.std}};
  };
  nlohmann::json per_site = nlohmann::json::object();
  for (const auto& [k, v] : diff) per_site[std::to_string(k)] = mean_se(v);
  nlohmann::json series = nlohmann::json::object();
  for (const char* name : {"together", "alone"}) series[name] = {{"status", status[name]}, {"dF", mean_se(resolved_df[name])}};
  // The difference of the two series' means over every resolved sample
  // (Welch's standard error): the same shift without the pairing.
  nlohmann::json unpaired_difference = nullptr;
  const auto &t = resolved_df["together"], &a = resolved_df["alone"];
  if (t.size() >= 2 && a.size() >= 2) {
    const SpectrumSummary st = summarize(t), sa = summarize(a);
    unpaired_difference = {{"mean_eV", st.mean - sa.mean},
                           {"se_eV", std::sqrt(st.std * st.std / st.n + sa.std * sa.std / sa.n)}};
  }
  return {{"pairs", all.size()}, {"unpaired", unpaired}, {"per_site", per_site}, {"all", mean_se(all)},
          {"series", series}, {"difference_of_means", unpaired_difference},
          {"meaning", "dF run together with the other sites minus dF of the same site alone, same seed; pairs where either "
                      "sample resolved no barrier are counted as unpaired"}};
}

}  // namespace betarelax::validation
