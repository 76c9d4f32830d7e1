#include "validation/sample_quality.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "validation/effective_barriers.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

std::string key(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", t);
  return buf;
}

nlohmann::json spectrum_at(const std::vector<double>& df, double t) {
  if (df.empty()) return {{"n", 0}};
  const SpectrumSummary s = summarize(df);
  nlohmann::json j = {{"n", s.n}, {"mean", s.mean}, {"std", s.std}, {"eff", effective_barriers(df, t).eff}};
  j["sem"] = s.n >= 2 ? nlohmann::json(s.std / std::sqrt(static_cast<double>(s.n))) : nlohmann::json(nullptr);
  return j;
}

}  // namespace

std::string series_of(const std::map<std::string, std::string>& row) {
  const auto it = row.find("series");
  return it == row.end() || it->second.empty() ? "sweep" : it->second;
}

nlohmann::json censoring(const CsvTable& samples) {
  struct Counts {
    long samples = 0, transition = 0, no_transition = 0, no_barrier = 0, failed = 0;
  };
  std::map<double, Counts> at;
  for (const auto& row : samples.rows) {
    if (series_of(row) != "sweep") continue;
    Counts& c = at[std::stod(row.at("T_K"))];
    const std::string& s = row.count("status") ? row.at("status") : std::string("transition");
    ++c.samples;
    if (s == "transition") ++c.transition;
    else if (s == "no_transition") ++c.no_transition;
    else if (s == "transition_no_barrier") ++c.no_barrier;
    else ++c.failed;
  }
  nlohmann::json per_t = nlohmann::json::object();
  double worst = 0;
  for (const auto& [t, c] : at) {
    const double left_out = static_cast<double>(c.samples - c.transition) / c.samples;
    worst = std::max(worst, left_out);
    per_t[key(t)] = {{"samples", c.samples}, {"with_barrier", c.transition}, {"no_transition", c.no_transition},
                     {"transition_no_barrier", c.no_barrier}, {"failed", c.failed}, {"without_barrier_fraction", left_out}};
  }
  return {{"per_T", per_t},
          {"max_without_barrier_fraction", worst},
          {"meaning", "samples of the sweep without a resolved barrier (budget spent, no saddle in F(s), or failed), "
                      "which the spectra leave out; the deepest basins are the likeliest to be among them"}};
}

nlohmann::json deposition_control(const CsvTable& samples) {
  double t_control = 0, h_control = 0, h_sweep = 0;
  std::vector<double> control, sweep;
  long control_rows = 0;
  for (const auto& row : samples.rows) {
    if (series_of(row) != "control") continue;
    ++control_rows;
    t_control = std::stod(row.at("T_K"));
    if (row.count("height0_eV")) h_control = std::stod(row.at("height0_eV"));
    if (row.at("status") == "transition") control.push_back(std::stod(row.at("dF_eV")));
  }
  if (control_rows == 0) return nullptr;
  for (const auto& row : samples.rows) {
    if (series_of(row) != "sweep" || std::stod(row.at("T_K")) != t_control) continue;
    if (row.count("height0_eV")) h_sweep = std::stod(row.at("height0_eV"));
    if (row.at("status") == "transition") sweep.push_back(std::stod(row.at("dF_eV")));
  }
  nlohmann::json out = {{"temperature_K", t_control}, {"control_samples", control_rows},
                        {"control_height0_eV", h_control}, {"sweep_height0_eV", h_sweep},
                        {"control", spectrum_at(control, t_control)}, {"sweep", spectrum_at(sweep, t_control)}};
  if (control.size() >= 2 && sweep.size() >= 2) {
    const SpectrumSummary c = summarize(control), s = summarize(sweep);
    const double se = std::sqrt(c.std * c.std / c.n + s.std * s.std / s.n);
    out["mean_sweep_minus_control_eV"] = s.mean - c.mean;
    out["se_mean_difference_eV"] = se;
    out["difference_in_se"] = se > 0 ? nlohmann::json((s.mean - c.mean) / se) : nlohmann::json(nullptr);
  }
  out["meaning"] = "the same temperature with a fraction of the hill height: a mean that moves by more than its error "
                   "is the deposition rate's systematic in every single-sample dF of the sweep";
  return out;
}

}  // namespace betarelax::validation
