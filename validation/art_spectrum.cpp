#include "validation/art_spectrum.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <boost/math/distributions/students_t.hpp>

#include "support/input_error.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

double number(const std::map<std::string, std::string>& row, const std::string& column) {
  const auto it = row.find(column);
  const std::string id = row.count("id") ? row.at("id") : "?";
  if (it == row.end() || it->second.empty()) throw InputError("events.csv: event " + id + ": no " + column);
  try {
    size_t used = 0;
    const double v = std::stod(it->second, &used);
    if (used != it->second.size() || !std::isfinite(v)) throw std::invalid_argument(it->second);
    return v;
  } catch (const std::exception&) {
    throw InputError("events.csv: event " + id + ": " + column + " is not a finite number: \"" + it->second + "\"");
  }
}

nlohmann::json stats_json(const std::vector<double>& v, double bin) {
  nlohmann::json j = {{"n", v.size()}};
  if (v.empty()) return j;
  const SpectrumSummary s = summarize(v);
  const Histogram h = histogram(v, bin);
  j.update({{"mean", s.mean}, {"std", s.std}, {"min", s.min}, {"q1", s.q1}, {"median", s.median}, {"q3", s.q3},
            {"max", s.max}, {"histogram", {{"low", h.low}, {"width", h.width}, {"counts", h.counts}}}, {"values", v}});
  return j;
}

using Row = std::map<std::string, std::string>;

/// A verified event's identity for the duplicate rule.
struct Saddle {
  long id;
  double e_saddle, e_final;
  std::string atom;
};

bool same_saddle(const Saddle& a, const Saddle& b, double tolerance) {
  return std::fabs(a.e_saddle - b.e_saddle) <= tolerance && std::fabs(a.e_final - b.e_final) <= tolerance && a.atom == b.atom;
}

/// ⟨ΔQ⟩ of a class of distinct saddles with its standard error and 95 %
/// Student-t interval.
nlohmann::json class_json(const std::vector<double>& dq, const std::vector<long>& ids, double bin) {
  nlohmann::json j = {{"n", dq.size()}, {"ids", ids}, {"dQ", stats_json(dq, bin)}};
  if (dq.empty()) return j;
  const SpectrumSummary q = summarize(dq);
  const double sem = dq.size() > 1 ? q.std / std::sqrt(double(dq.size())) : 0.0;
  j["mean_dQ_eV"] = q.mean;
  j["std_dQ_eV"] = q.std;
  j["sem_dQ_eV"] = sem;
  if (dq.size() > 1) {
    const double t = boost::math::quantile(boost::math::complement(boost::math::students_t(double(dq.size() - 1)), 0.025));
    j["interval95_eV"] = {q.mean - t * sem, q.mean + t * sem};
  }
  return j;
}

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return quantile_sorted(v, 0.5);
}

}  // namespace

nlohmann::json to_json(const ArtSpectrumOptions& o) {
  nlohmann::json j = {{"duplicate_eV", o.duplicate_eV}, {"histogram_bin_eV", o.histogram_bin}};
  if (o.metad_class) j["metad_class"] = experiments::to_json(*o.metad_class);
  return j;
}

ArtSpectrumOptions art_options_from_json(const nlohmann::json& j) {
  ArtSpectrumOptions o;
  o.duplicate_eV = j.value("duplicate_eV", o.duplicate_eV);
  o.histogram_bin = j.value("histogram_bin_eV", o.histogram_bin);
  if (j.contains("metad_class")) o.metad_class = experiments::metad_class_from_json(j.at("metad_class"));
  return o;
}

nlohmann::json art_summary(const ArtSpectrumOptions& options, const std::vector<std::map<std::string, std::string>>& rows) {
  std::vector<const Row*> by_id;
  for (const auto& r : rows) by_id.push_back(&r);
  std::sort(by_id.begin(), by_id.end(), [](auto a, auto b) { return std::stol(a->at("id")) < std::stol(b->at("id")); });

  std::map<std::string, long> by_status;
  std::vector<Saddle> distinct;
  nlohmann::json duplicates = nlohmann::json::array(), unverified = nlohmann::json::array();
  std::vector<double> dq, dq_all_verified, ds_harm, log_nu, calls_verified, search_calls_verified;
  std::vector<double> dq_metad;
  std::vector<long> ids_all, ids_metad;
  std::vector<double> final_rmsd_all;  // the class yardstick of each distinct saddle (when recorded)
  std::vector<long> distinct_after, metad_after;
  // Per half of the searches (by position in id order), de-duplicated within it.
  struct Half {
    std::vector<Saddle> seen;
    std::vector<double> all, metad;
  } half[2];
  double force_calls = 0, wall = 0;
  long verified = 0;
  const size_t n_rows = by_id.size();
  for (size_t k = 0; k < n_rows; ++k) {
    const Row& r = *by_id[k];
    const std::string& status = r.at("status");
    ++by_status[status];
    force_calls += number(r, "force_calls");
    wall += number(r, "wall_s");
    const long id = std::stol(r.at("id"));
    if (status != "verified") {
      // A converged saddle that failed a later check: reported with its ΔQ
      // (some ART studies count every converged saddle; this suite does not).
      if (r.count("dQ_eV") && !r.at("dQ_eV").empty() && status != "lost_negative_curvature" && status != "no_convergence")
        unverified.push_back({{"id", id}, {"status", status}, {"dQ_eV", number(r, "dQ_eV")}});
      distinct_after.push_back(static_cast<long>(distinct.size()));
      metad_after.push_back(static_cast<long>(dq_metad.size()));
      continue;
    }
    ++verified;
    calls_verified.push_back(number(r, "force_calls"));
    if (r.count("search_force_calls")) search_calls_verified.push_back(number(r, "search_force_calls"));
    const Saddle here{id, number(r, "E_saddle_eV"), number(r, "E_final_eV"), r.at("most_displaced_id")};
    const double q = number(r, "dQ_eV");
    const bool metad = options.metad_class && options.metad_class->counts(number(r, "group_rmsd_final_A"));
    dq_all_verified.push_back(q);
    Half& h = half[2 * k < n_rows ? 0 : 1];
    if (std::none_of(h.seen.begin(), h.seen.end(), [&](const Saddle& d) { return same_saddle(d, here, options.duplicate_eV); })) {
      h.seen.push_back(here);
      h.all.push_back(q);
      if (metad) h.metad.push_back(q);
    }
    const auto same = std::find_if(distinct.begin(), distinct.end(),
                                   [&](const Saddle& d) { return same_saddle(d, here, options.duplicate_eV); });
    if (same != distinct.end()) {
      duplicates.push_back({{"id", id}, {"of", same->id}});
    } else {
      distinct.push_back(here);
      dq.push_back(q);
      ids_all.push_back(id);
      if (r.count("group_rmsd_final_A")) final_rmsd_all.push_back(number(r, "group_rmsd_final_A"));
      if (metad) dq_metad.push_back(q), ids_metad.push_back(id);
      if (r.count("dS_harm_kB") && !r.at("dS_harm_kB").empty()) {
        ds_harm.push_back(number(r, "dS_harm_kB"));
        log_nu.push_back(std::log10(number(r, "nu_star_Hz")));
      }
    }
    distinct_after.push_back(static_cast<long>(distinct.size()));
    metad_after.push_back(static_cast<long>(dq_metad.size()));
  }
  nlohmann::json s = {{"searches", rows.size()},
                      {"by_status", by_status},
                      {"verified", verified},
                      {"duplicates", duplicates},
                      {"distinct", distinct.size()},
                      {"options", to_json(options)},
                      {"dQ", stats_json(dq, options.histogram_bin)},
                      {"converged_not_verified", unverified},
                      {"force_calls", {{"total", force_calls},
                                       {"per_search", rows.empty() ? 0.0 : force_calls / rows.size()},
                                       {"per_distinct_saddle", distinct.empty() ? 0.0 : force_calls / distinct.size()},
                                       {"median_per_verified", median_of(calls_verified)}}},
                      {"wall_s", wall}};
  if (!search_calls_verified.empty()) s["force_calls"]["median_search_per_verified"] = median_of(search_calls_verified);
  if (!dq.empty()) {
    const SpectrumSummary q = summarize(dq);
    s["mean_dQ_eV"] = q.mean;
    s["std_dQ_eV"] = q.std;
    s["sem_dQ_eV"] = dq.size() > 1 ? q.std / std::sqrt(double(dq.size())) : 0.0;
    // Over every verified search, duplicates included: a saddle found often
    // weighs as often as the searches find it (the paper's 1000-search mean
    // does not say whether it removed duplicates).
    const SpectrumSummary a = summarize(dq_all_verified);
    s["mean_dQ_all_verified_eV"] = a.mean;
    s["sem_dQ_all_verified_eV"] = dq_all_verified.size() > 1 ? a.std / std::sqrt(double(dq_all_verified.size())) : 0.0;
  }
  s["classes"]["all"] = class_json(dq, ids_all, options.histogram_bin);
  if (final_rmsd_all.size() == dq.size()) s["classes"]["all"]["group_rmsd_final_A"] = final_rmsd_all;
  // Exploration: the saturation curve and the share of new saddles at its end.
  const size_t quarter_start = n_rows - n_rows / 4;
  auto new_in_last_quarter = [&](const std::vector<long>& after) {
    if (n_rows < 4) return nlohmann::json();
    const long before = quarter_start > 0 ? after[quarter_start - 1] : 0;
    return nlohmann::json(double(after.back() - before) / double(n_rows - quarter_start));
  };
  s["saturation"] = {{"distinct_after_search", distinct_after},
                     {"last_quarter_new_fraction", new_in_last_quarter(distinct_after)}};
  auto half_json = [&](int which) {
    nlohmann::json j = {{"searches", which == 0 ? (n_rows + 1) / 2 : n_rows / 2}, {"all", class_json(half[which].all, {}, options.histogram_bin)}};
    if (options.metad_class) j["metad"] = class_json(half[which].metad, {}, options.histogram_bin);
    for (const char* c : {"all", "metad"})
      if (j.contains(c)) j[c].erase("ids");
    return j;
  };
  s["halves"] = {half_json(0), half_json(1)};
  if (options.metad_class) {
    s["classes"]["metad"] = class_json(dq_metad, ids_metad, options.histogram_bin);
    s["classes"]["metad"]["rule"] = experiments::to_json(*options.metad_class);
    s["metad_class"] = s["classes"]["metad"];
    s["saturation"]["metad_after_search"] = metad_after;
    s["saturation"]["last_quarter_new_fraction_metad"] = new_in_last_quarter(metad_after);
    const nlohmann::json &h0 = s["halves"][0]["metad"], &h1 = s["halves"][1]["metad"];
    if (h0.contains("mean_dQ_eV") && h1.contains("mean_dQ_eV"))
      s["halves_metad_difference_eV"] = h1["mean_dQ_eV"].get<double>() - h0["mean_dQ_eV"].get<double>();
  }
  nlohmann::json harmonic = {{"n", ds_harm.size()}};
  if (!ds_harm.empty()) {
    const SpectrumSummary h = summarize(ds_harm), l = summarize(log_nu);
    harmonic.update({{"dS_harm_kB", {{"mean", h.mean}, {"std", h.std}, {"median", h.median}, {"min", h.min}, {"max", h.max}}},
                     {"log10_nu_star_Hz", {{"mean", l.mean}, {"std", l.std}}}});
  }
  s["harmonic"] = harmonic;
  return s;
}

std::string art_summary_text(const nlohmann::json& s) {
  std::ostringstream os;
  os << "[art] " << s.at("searches").get<long>() << " searches: ";
  bool first = true;
  for (const auto& [status, n] : s.at("by_status").items()) {
    os << (first ? "" : ", ") << n.get<long>() << " " << status;
    first = false;
  }
  os << "; " << s.at("distinct").get<long>() << " distinct verified saddles (" << s.at("duplicates").size()
     << " duplicates)\n";
  if (s.contains("mean_dQ_eV")) {
    os << "[art] <dQ> = " << s.at("mean_dQ_eV").get<double>() << " eV, std " << s.at("std_dQ_eV").get<double>()
       << " eV over the distinct saddles; median " << s.at("force_calls").at("median_per_verified").get<double>()
       << " force calls per verified search\n";
  }
  if (s.contains("metad_class")) {
    const nlohmann::json& m = s.at("metad_class");
    os << "[art] MetaD class (final group RMSD >= " << m.at("rule").at("jump_A").get<double>() << " A): "
       << m.at("n").get<long>() << " distinct saddles";
    if (m.contains("mean_dQ_eV"))
      os << ", <dQ> = " << m.at("mean_dQ_eV").get<double>() << " +- " << m.at("sem_dQ_eV").get<double>() << " eV";
    os << "\n";
  }
  if (s.at("harmonic").at("n").get<long>() > 0) {
    os << "[art] harmonic (Vineyard) dS = " << s.at("harmonic").at("dS_harm_kB").at("mean").get<double>()
       << " k_B on average, nu* = 10^" << s.at("harmonic").at("log10_nu_star_Hz").at("mean").get<double>() << " Hz\n";
  }
  if (s.contains("vs_metad")) {
    os << "[art] WT-MetaD dS_eff = " << s.at("vs_metad").at("dS_eff_kB").get<double>() << " k_B: "
       << s.at("vs_metad").at("beyond_harmonic_kB").get<double>() << " k_B beyond the harmonic saddles\n";
  }
  return os.str();
}

}  // namespace betarelax::validation
