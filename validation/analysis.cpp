#include "validation/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/csv_table.hpp"
#include "support/input_error.hpp"
#include "support/json_file.hpp"
#include "support/units.hpp"
#include "validation/art_spectrum.hpp"
#include "validation/barrier_fits.hpp"
#include "validation/campaign_summary.hpp"
#include "validation/claim_statistics.hpp"
#include "validation/effective_barriers.hpp"
#include "validation/lognormal_fit.hpp"
#include "validation/sample_quality.hpp"
#include "validation/site_spread.hpp"
#include "validation/spectrum_shape.hpp"
#include "validation/spectrum_stats.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

namespace fs = std::filesystem;
using units::kB;

double parse_number(const std::string& text, const std::string& where) {
  try {
    size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size()) throw std::invalid_argument("trailing text");
    if (!std::isfinite(v)) throw InputError(where + ": not a finite number: \"" + text + "\"");
    return v;
  } catch (const std::logic_error&) {
    throw InputError(where + ": not a number: \"" + text + "\"");
  }
}

std::string key(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", t);
  return buf;
}

nlohmann::json nan_to_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

nlohmann::json read_json(const fs::path& p) { return read_json_file(p.string()); }

nlohmann::json interval_json(const Interval& i) { return {{"value", i.value}, {"ci95", {i.lo, i.hi}}}; }

/// The single sample's F(s) landmarks, attempt frequency and event (§II,
/// Fig. 1); a field an older sample.json lacks is null (its check skips).
nlohmann::json single_sample_summary(const nlohmann::json& j) {
  const auto field = [](const nlohmann::json& o, const char* k) { return o.is_object() && o.contains(k) ? o.at(k) : nlohmann::json(nullptr); };
  const nlohmann::json fe = field(j, "free_energy"), tr = field(j, "transition"), moved = field(tr, "displaced_atoms");
  return {{"temperature_K", field(j, "temperature_K")},
          {"status", field(j, "status")},
          {"found", field(fe, "found").is_boolean() && fe.at("found").get<bool>()},
          {"initial_minimum_A", field(fe, "initial_minimum_A")},
          {"saddle_A", field(fe, "saddle_A")},
          {"product_minimum_A", field(fe, "product_minimum_A")},
          {"delta_F_eV", field(fe, "delta_F_eV")},
          {"nu_harmonic_Hz", field(field(j, "attempt_frequency"), "harmonic_from_F_Hz")},
          {"atoms_moved_over_2A", moved.is_array() ? nlohmann::json(moved.size()) : nlohmann::json(nullptr)}};
}

/// The hop rule's weight in the result (issue 35): the crossing reading ran
/// +0.57 eV above the maximum's on the samples where both exist, so the same
/// fits with the samples read by the crossing left out (as censored) say how
/// much of the verdict rests on it. Null when no row was read that way.
nlohmann::json hop_rule_sensitivity(const SampleRows& rows, const AnalysisOptions& o) {
  long crossing = 0;
  SampleRows kept;
  for (const auto& r : rows) {
    const auto rule = r.find("saddle_rule");
    const bool by_crossing = rule != r.end() && rule->second == "crossing";
    crossing += by_crossing && series_of(r) == "sweep";
    auto k = r;
    if (by_crossing) k["status"] = "transition_no_barrier";
    kept.push_back(k);
  }
  if (crossing == 0) return nullptr;
  nlohmann::json out = {{"crossing_rows", crossing},
                        {"meaning", "the fits again with the sweep samples read by the crossing left out (as censored)"}};
  Spectra site0;
  for (const auto& r : kept)
    if (r.at("status") == "transition" && series_of(r) == "sweep" && site_of(r) == 0) site0[std::stod(r.at("T_K"))].push_back(std::stod(r.at("dF_eV")));
  for (auto it = site0.begin(); it != site0.end();) it = it->second.size() >= 2 ? std::next(it) : site0.erase(it);
  out["site0_fit_eff"] = site0.size() >= 2 ? analyze_spectra(site0, o).at("fits").at("eff") : nlohmann::json(nullptr);
  const nlohmann::json spread = site_spread(kept, o);
  out["pooled"] = spread.is_null() ? nlohmann::json(nullptr) : spread.at("across_sites").value("pooled", nlohmann::json());
  return out;
}

}  // namespace

Spectra read_spectra_csv(const std::string& path, bool strict, std::vector<double>* left_out) {
  const CsvTable table = read_csv_table(path);
  auto has = [&](const std::string& name) { return std::find(table.header.begin(), table.header.end(), name) != table.header.end(); };
  if (!has("T_K") || !has("dF_eV")) {
    throw InputError(path + ": line 1: missing column " + std::string(!has("T_K") ? "T_K" : "dF_eV") +
                     " (a samples file needs at least T_K,dF_eV)");
  }
  const bool status = has("status");
  Spectra spectra;
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    const std::string where = path + ": line " + std::to_string(table.line_of[i]);
    if (status && row.at("status") != "transition") continue;  // no barrier resolved: counted by censoring(), not in the spectrum
    if (series_of(row) != "sweep") continue;                    // the deposition-rate control: deposition_control()
    if (site_of(row) != 0) continue;  // the paper's group; the other sites are site_spread()'s
    const double t = parse_number(row.at("T_K"), where + ", column T_K");
    const double df = parse_number(row.at("dF_eV"), where + ", column dF_eV");
    if (!(t > 0)) throw InputError(where + ", column T_K: temperature must be positive");
    spectra[t].push_back(df);
  }
  if (spectra.empty()) throw InputError(path + ": no samples with a barrier");
  for (auto it = spectra.begin(); it != spectra.end();) {
    if (it->second.size() >= 2) {
      ++it;
      continue;
    }
    if (strict) {
      throw InputError(path + ": T_K = " + key(it->first) +
                       " has a single sample: a spectrum needs at least two (no spread, no effective barrier worth the name)");
    }
    if (left_out) left_out->push_back(it->first);
    it = spectra.erase(it);
  }
  if (spectra.empty()) throw InputError(path + ": no temperature with two or more samples with a barrier");
  return spectra;
}

nlohmann::json analyze_spectra(const Spectra& spectra, const AnalysisOptions& o) {
  nlohmann::json per_t = nlohmann::json::object();
  for (const auto& [t, df] : spectra) {
    const double kt = kB * t;
    const SpectrumSummary s = summarize(df);
    const EffectiveBarriers b = effective_barriers(df, t);
    const Histogram h = histogram(df, o.histogram_bin_eV);
    nlohmann::json e = {{"n", s.n}, {"mean", s.mean}, {"std", s.std}, {"min", s.min}, {"q1", s.q1},
                        {"median", s.median}, {"q3", s.q3}, {"max", s.max},
                        {"whisker_low", s.whisker_low}, {"whisker_high", s.whisker_high},
                        {"histogram", {{"low_eV", h.low}, {"bin_eV", h.width}, {"counts", h.counts}}},
                        {"para", b.para}, {"seq", b.seq}, {"eff", b.eff},
                        {"nu_para_Hz", o.nu0_Hz * std::exp(-b.para / kt)},
                        {"nu_seq_Hz", o.nu0_Hz * std::exp(-b.seq / kt)},
                        {"nu_eff_Hz", o.nu0_Hz * std::exp(-b.eff / kt)},
                        {"nu_mean_Hz", o.nu0_Hz * std::exp(-s.mean / kt)}};
    bool positive = true;
    for (double x : df) positive &= x > 0;
    if (positive && df.size() >= 3 && s.std > 0) {
      const LognormalFit f = fit_lognormal(df);
      e["lognormal_mu"] = f.mu;
      e["lognormal_sigma"] = f.sigma;
      e["lognormal_ad_statistic"] = f.ad_statistic;
      e["lognormal_p"] = f.p_value;
      e["lognormal_rejected_5pct"] = f.rejected_at_5_percent;
      e["lognormal_para"] = lognormal_para(f.mu, f.sigma, t);
    } else {
      e["lognormal_mu"] = nullptr;
      e["lognormal_sigma"] = nullptr;
      e["lognormal_why_not"] = positive ? "fewer than 3 distinct samples" : "a sample with dF <= 0";
    }
    e["lognormal_seq"] = nullptr;
    if (positive && df.size() >= 3 && s.std > 0) {
      const ShapeFits sh = fit_shapes(df);
      e["shape"] = {{"n", sh.n}, {"loglik_normal", sh.loglik_normal}, {"loglik_lognormal", sh.loglik_lognormal},
                    {"loglik_gamma", sh.loglik_gamma}, {"gamma_shape", sh.gamma_shape}, {"best", sh.best()}};
    }
    per_t[key(t)] = e;
  }
  nlohmann::json out = {{"per_T", per_t},
                        {"nu0_Hz", o.nu0_Hz},
                        {"lognormal_seq", lognormal_seq_diverges()},
                        {"method", {{"para_seq", "Eqs. 4-5 on the empirical spectrum, log-sum-exp"},
                                    {"fits", "OLS of dF_x(T) = dQ_x - T dS_x over temperatures; SE from residuals; "
                                             "95% percentile bootstrap over samples within each T"},
                                    {"bootstrap_resamples", o.bootstrap}, {"bootstrap_seed", o.seed}}}};
  if (spectra.size() >= 2) {
    const auto fits = fit_effective_barriers(spectra, o.bootstrap, o.seed);
    nlohmann::json fj;
    nlohmann::json lines = nlohmann::json::object();
    for (const auto& [x, f] : fits) {
      const char* name = x == Barrier::para ? "para" : (x == Barrier::seq ? "seq" : "eff");
      fj[name] = {{"dQ_eV", f.dQ_eV}, {"dS_kB", f.dS_kB}, {"se_dQ_eV", nan_to_null(f.se_dQ_eV)},
                  {"se_dS_kB", nan_to_null(f.se_dS_kB)}, {"ci95_dQ_eV", {f.ci_dQ_eV[0], f.ci_dQ_eV[1]}},
                  {"ci95_dS_kB", {f.ci_dS_kB[0], f.ci_dS_kB[1]}}, {"exp_dS_kB", std::exp(f.dS_kB)},
                  {"temperatures", f.temperatures}};
      // Eq. 8: ν = ν0 e^{ΔS/k_B} e^{−ΔQ/k_BT}, on the measured temperatures.
      nlohmann::json line = nlohmann::json::array();
      for (const auto& [t, v] : spectra) {
        line.push_back({{"T_K", t}, {"inv_T_1000_per_K", 1000.0 / t},
                        {"nu_Hz", o.nu0_Hz * std::exp(f.dS_kB) * std::exp(-f.dQ_eV / (kB * t))}});
      }
      lines[name] = line;
    }
    out["fits"] = fj;
    const ClaimStatistics c = claim_statistics(spectra, o.bootstrap, o.seed);
    nlohmann::json se = nlohmann::json::object();
    for (size_t i = 0; i < c.temperatures_K.size(); ++i) se[key(c.temperatures_K[i])] = c.se_eff_eV[i];
    out["claims"] = {{"mean_slope_eV_per_K", interval_json(c.mean_slope_eV_per_K)},
                     {"std_slope_eV_per_K", interval_json(c.std_slope_eV_per_K)},
                     {"dS_eff_minus_para_kB", interval_json(c.dS_eff_minus_para_kB)},
                     {"linearity", {{"chi2", c.linearity_chi2}, {"dof", c.linearity_dof}, {"p", c.linearity_p}, {"se_eff_eV", se},
                                    {"meaning", "chi2 of the residuals of the line dF_eff(T) (Eq. 7) against each temperature's bootstrap error"}}},
                     {"dS_eff_permutation", {{"p", c.dS_eff_permutation_p}, {"null_mean_kB", c.dS_eff_null_mean_kB}, {"permutations", o.bootstrap},
                                             {"meaning", "one-sided p of dS_eff against the samples shuffled across temperatures (dF independent of T)"}}},
                     {"meaning", "95% percentile bootstrap intervals over samples within each T (the fits' draws)"}};
    nlohmann::json expt = nlohmann::json::array();
    for (const auto& [t, v] : spectra) {
      expt.push_back({{"T_K", t}, {"inv_T_1000_per_K", 1000.0 / t},
                      {"nu_Hz", o.nu0_Hz * std::exp(o.experiment_dS_kB) * std::exp(-o.experiment_dE_eV / (kB * t))}});
    }
    lines["experiment_Cu50Zr50"] = expt;
    out["arrhenius"] = lines;
    out["experiment"] = {{"dE_eV", o.experiment_dE_eV}, {"dS_kB", o.experiment_dS_kB},
                         {"source", "paper §IV.C and Fig. 5: Cu50Zr50 beta relaxation, dE = 1.41 +- 0.05 eV, dS ~ -k_B"},
                         {"not_in_paper_as_numbers", "the La- and Pd-based points of Fig. 5"}};
  } else {
    out["fits"] = nullptr;
    out["fits_why_not"] = "one temperature: the fits of Eq. 7 need two or more";
  }
  return out;
}

nlohmann::json disjoint_halves(const nlohmann::json& running) {
  const auto& all = running.back();
  const auto& first = running.at(running.size() / 2 - 1);
  const double n = all.at("n"), h = first.at("n");
  // Sums of squares from (n, mean, std): Q = (n − 1) s² + n m².
  const auto sum_sq = [](double k, double m, double sd) { return (k - 1) * sd * sd + k * m * m; };
  const double m_all = all.at("mean_eV"), m1 = first.at("mean_eV"), s1 = first.at("std_eV");
  const double m2 = (n * m_all - h * m1) / (n - h);
  const double q2 = sum_sq(n, m_all, all.at("std_eV")) - sum_sq(h, m1, s1);
  const double var2 = n - h > 1 ? std::max(0.0, (q2 - (n - h) * m2 * m2) / (n - h - 1)) : 0.0;
  const double se = std::sqrt(s1 * s1 / h + var2 / (n - h));
  return {{"first", {{"n", h}, {"mean_eV", m1}, {"std_eV", s1}}},
          {"second", {{"n", n - h}, {"mean_eV", m2}, {"std_eV", std::sqrt(var2)}}},
          {"difference_eV", m2 - m1},
          {"se_difference_eV", se},
          {"meaning", "the first half of the samples against the second (disjoint): a converged spectrum gives halves that agree"}};
}

namespace {

/// What WT-MetaD's ΔQ_eff is compared with (§IV.C; `compared` in derived.json):
/// the MetaD class's ⟨ΔQ⟩. Where LAMMPS's NEB between an event's two minima
/// found a path lower than ART's saddle by more than its `lower` margin,
/// WT-MetaD, which crosses the lowest, would cross that one: the mean of
/// min(NEB − ART, 0) over the MetaD-class events of the NEB sample (evenly
/// spaced in ΔQ) shifts the class mean, its standard error added in
/// quadrature. Without such a sample (two events at least), the class mean.
nlohmann::json art_compared(const nlohmann::json& art) {
  if (!art.contains("metad_class") || !art.at("metad_class").contains("mean_dQ_eV")) return nullptr;
  const nlohmann::json& m = art.at("metad_class");
  nlohmann::json c = {{"mean_dQ_eV", m.at("mean_dQ_eV")}, {"sem_dQ_eV", m.at("sem_dQ_eV")}, {"basis", "MetaD class, ART saddles"}};
  if (!art.contains("neb_check")) return c;
  std::vector<double> shift;
  long lower = 0;
  for (const nlohmann::json& e : art.at("neb_check").at("events")) {
    if (!e.value("metad_class", false)) continue;
    const bool is_lower = e.at("verdict").get<std::string>() == "lower";
    shift.push_back(is_lower ? e.at("neb_minus_art_eV").get<double>() : 0.0);
    lower += is_lower;
  }
  if (shift.size() < 2) return c;
  const SpectrumSummary s = summarize(shift);
  const double mean = s.mean, se = s.std / std::sqrt(double(shift.size()));
  c["mean_dQ_eV"] = m.at("mean_dQ_eV").get<double>() + mean;
  c["sem_dQ_eV"] = std::hypot(m.at("sem_dQ_eV").get<double>(), se);
  c["basis"] = "MetaD class, shifted by the mean lower-path correction of LAMMPS NEB on " + std::to_string(shift.size()) +
               " of its events (" + std::to_string(lower) + " lower)";
  c["neb_shift_eV"] = mean;
  c["neb_shift_se_eV"] = se;
  c["neb_checked"] = shift.size();
  c["neb_lower"] = lower;
  return c;
}

}  // namespace

nlohmann::json analyze_results_dir(const std::string& dir, const AnalysisOptions& o) {
  const fs::path d(dir);
  nlohmann::json out;
  const fs::path sweep = d / "temperature_sweep" / "samples.csv";
  if (fs::exists(sweep)) {
    // A campaign's temperature may end with fewer than two resolved barriers
    // (samples without transition are kept as such): reported, left out.
    std::vector<double> left_out;
    out = analyze_spectra(read_spectra_csv(sweep.string(), false, &left_out), o);
    out["spectra_from"] = sweep.string();
    out["temperatures_left_out"] = left_out;
    out["temperatures_left_out_why"] = "fewer than two samples with a resolved barrier";
    const CsvTable table = read_csv_table(sweep.string(), true);
    if (std::find(table.header.begin(), table.header.end(), "status") != table.header.end()) out["censoring"] = censoring(table);
    out["deposition_control"] = deposition_control(table);
    // Several sites (issue 21): the spectra above are site 0's (the paper's
    // group, whose ΔF spectrum Eqs. 4-7 are about); each site's own, and
    // their spread over the glass, beside them.
    if (const nlohmann::json spread = site_spread(table.rows, o); !spread.is_null()) out["sites"] = spread;
    if (const nlohmann::json pairs = crosstalk(table.rows); !pairs.is_null()) out["crosstalk"] = pairs;
    if (const nlohmann::json h = hop_rule_sensitivity(table.rows, o); !h.is_null()) out["hop_rule_sensitivity"] = h;
  }
  // The other campaigns' statistics, recomputed from their raw rows with the
  // options their plan (campaign.json) records.
  for (const char* name : {"cluster_size", "sample_count"}) {
    const fs::path plan = d / name / "campaign.json", samples = d / name / "samples.csv";
    if (!fs::exists(plan) || !fs::exists(samples)) continue;
    const nlohmann::json p = read_json(plan);
    if (!p.contains("summary_options")) throw InputError(plan.string() + ": no summary_options (made by an older betarelax)");
    out["campaigns"][name] = campaign_summary(summary_options_from_json(p.at("summary_options")), read_csv_table(samples.string(), true).rows);
  }
  if (out.contains("campaigns") && out["campaigns"].contains("sample_count")) {
    nlohmann::json& sc = out["campaigns"]["sample_count"];
    if (sc.contains("running") && sc["running"].size() >= 4) sc["halves"] = disjoint_halves(sc["running"]);
  }
  // The ART spectrum (§IV.C, Fig. 4b), recomputed from the raw events with
  // the options of its plan; `art.metad_class.mean_dQ_eV` is what the MetaD ΔQ meets.
  const fs::path art_plan = d / "art_comparison" / "art.json", events = d / "art_comparison" / "events.csv";
  if (fs::exists(art_plan) && fs::exists(events)) {
    const nlohmann::json p = read_json(art_plan);
    out["art"] = art_summary(art_options_from_json(p.value("summary_options", nlohmann::json::object())),
                             read_csv_table(events.string(), true).rows);
    out["art"]["events_from"] = events.string();
    // LAMMPS's NEB on a sample of the events (validation/neb_check.py), when it was run.
    const fs::path neb = d / "art_comparison" / "neb_check.json";
    if (fs::exists(neb)) {
      const nlohmann::json n = read_json(neb);
      out["art"]["neb_check"] = {{"counts", n.at("counts")}, {"rule", n.at("rule")}, {"events", n.at("events")}};
    }
    out["art"]["compared"] = art_compared(out["art"]);
    // Beyond the paper (§V, Fig. 6): how much of ΔS_eff a harmonic saddle
    // (Vineyard) accounts for; the rest is the anharmonic, many-path entropy
    // the paper argues for.
    const nlohmann::json& h = out["art"]["harmonic"];
    if (h.value("n", 0L) > 0 && out.contains("fits") && out["fits"].contains("eff")) {
      const double harmonic = h["dS_harm_kB"]["mean"].get<double>(), metad = out["fits"]["eff"]["dS_kB"].get<double>();
      out["art"]["vs_metad"] = {{"dS_eff_kB", metad},
                                {"dS_harm_kB_mean", harmonic},
                                {"beyond_harmonic_kB", metad - harmonic},
                                {"meaning", "dS_eff (WT-MetaD, linear fit of dF_eff(T)) minus the mean harmonic activation entropy "
                                            "ln(nu*/nu0) of the verified ART saddles (Vineyard, partial Hessian)"}};
    }
  }
  if (out.is_null()) {
    throw InputError(dir + ": no campaign results (temperature_sweep/samples.csv, or campaign.json + samples.csv of cluster_size or sample_count)");
  }
  const fs::path single = d / "single_sample" / "sample.json";
  if (fs::exists(single)) {
    try {
      out["single_sample"] = single_sample_summary(read_json(single));
    } catch (const nlohmann::json::exception& e) {
      throw InputError(single.string() + ": " + e.what());
    }
  }
  return out;
}

}  // namespace betarelax::validation
