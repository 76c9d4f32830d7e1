#include "validation/art_spectrum.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

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

}  // namespace

nlohmann::json to_json(const ArtSpectrumOptions& o) {
  return {{"duplicate_eV", o.duplicate_eV}, {"histogram_bin_eV", o.histogram_bin}};
}

ArtSpectrumOptions art_options_from_json(const nlohmann::json& j) {
  ArtSpectrumOptions o;
  o.duplicate_eV = j.value("duplicate_eV", o.duplicate_eV);
  o.histogram_bin = j.value("histogram_bin_eV", o.histogram_bin);
  return o;
}

nlohmann::json art_summary(const ArtSpectrumOptions& options, const std::vector<std::map<std::string, std::string>>& rows) {
  std::vector<const std::map<std::string, std::string>*> by_id;
  for (const auto& r : rows) by_id.push_back(&r);
  std::sort(by_id.begin(), by_id.end(), [](auto a, auto b) { return std::stol(a->at("id")) < std::stol(b->at("id")); });

  std::map<std::string, long> by_status;
  struct Distinct {
    long id;
    double e_saddle, e_final;
    std::string atom;
  };
  std::vector<Distinct> distinct;
  nlohmann::json duplicates = nlohmann::json::array();
  std::vector<double> dq, dq_all_verified, ds_harm, log_nu;
  double force_calls = 0, wall = 0;
  long verified = 0;
  for (const auto* r : by_id) {
    const std::string& status = r->at("status");
    ++by_status[status];
    force_calls += number(*r, "force_calls");
    wall += number(*r, "wall_s");
    if (status != "verified") continue;
    ++verified;
    const long id = std::stol(r->at("id"));
    const double es = number(*r, "E_saddle_eV"), ef = number(*r, "E_final_eV");
    const std::string atom = r->at("most_displaced_id");
    dq_all_verified.push_back(number(*r, "dQ_eV"));
    const auto same = std::find_if(distinct.begin(), distinct.end(), [&](const Distinct& d) {
      return std::fabs(d.e_saddle - es) <= options.duplicate_eV && std::fabs(d.e_final - ef) <= options.duplicate_eV &&
             d.atom == atom;
    });
    if (same != distinct.end()) {
      duplicates.push_back({{"id", id}, {"of", same->id}});
      continue;
    }
    distinct.push_back({id, es, ef, atom});
    dq.push_back(number(*r, "dQ_eV"));
    if (!r->at("dS_harm_kB").empty()) {
      ds_harm.push_back(number(*r, "dS_harm_kB"));
      log_nu.push_back(std::log10(number(*r, "nu_star_Hz")));
    }
  }
  nlohmann::json s = {{"searches", rows.size()},
                      {"by_status", by_status},
                      {"verified", verified},
                      {"duplicates", duplicates},
                      {"distinct", distinct.size()},
                      {"options", to_json(options)},
                      {"dQ", stats_json(dq, options.histogram_bin)},
                      {"force_calls", {{"total", force_calls},
                                       {"per_search", rows.empty() ? 0.0 : force_calls / rows.size()},
                                       {"per_distinct_saddle", distinct.empty() ? 0.0 : force_calls / distinct.size()}}},
                      {"wall_s", wall}};
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
       << " eV; " << s.at("force_calls").at("per_distinct_saddle").get<double>() << " force calls per saddle\n";
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
