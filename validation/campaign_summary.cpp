#include "validation/campaign_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "support/units.hpp"
#include "validation/sample_quality.hpp"
#include "validation/site_spread.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

using units::kB;
using Row = std::map<std::string, std::string>;

nlohmann::json spectrum_json(const std::vector<double>& df, double bin) {
  const SpectrumSummary s = summarize(df);
  const Histogram h = histogram(df, bin);
  return {{"n", s.n},           {"mean_eV", s.mean},        {"std_eV", s.std},
          {"min_eV", s.min},    {"q1_eV", s.q1},            {"median_eV", s.median},
          {"q3_eV", s.q3},      {"max_eV", s.max},          {"whisker_low_eV", s.whisker_low},
          {"whisker_high_eV", s.whisker_high},               {"outliers", s.outliers},
          {"histogram", {{"low_eV", h.low}, {"bin_eV", h.width}, {"counts", h.counts}}}};
}

struct PointKey {
  double temperature, cutoff;
  std::string label;
  std::string series;  ///< "sweep", or "control" (the deposition-rate control)
  bool operator<(const PointKey& o) const {
    if (series != o.series) return series > o.series;  // sweep before control
    return temperature != o.temperature ? temperature < o.temperature : cutoff < o.cutoff;
  }
};

}  // namespace

nlohmann::json to_json(const CampaignSummaryOptions& o) {
  return {{"kind", o.kind}, {"nu0_Hz", o.nu0_Hz}, {"histogram_bin_eV", o.histogram_bin_eV},
          {"spectra_after", o.spectra_after}, {"box_every", o.box_every}};
}

CampaignSummaryOptions summary_options_from_json(const nlohmann::json& j) {
  CampaignSummaryOptions o;
  o.kind = j.at("kind");
  o.nu0_Hz = j.at("nu0_Hz");
  o.histogram_bin_eV = j.at("histogram_bin_eV");
  o.spectra_after = j.at("spectra_after").get<std::vector<long>>();
  o.box_every = j.at("box_every");
  return o;
}

nlohmann::json campaign_summary(const CampaignSummaryOptions& p, const std::vector<Row>& rows_in) {
  std::vector<Row> rows = rows_in;
  // Sample order, not finishing order: running statistics follow the sample index.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return std::stol(a.at("id")) < std::stol(b.at("id")); });
  std::map<PointKey, std::vector<const Row*>> by_point;
  for (const Row& r : rows) by_point[{std::stod(r.at("T_K")), std::stod(r.at("cutoff_A")), r.at("cutoff_label"), series_of(r)}].push_back(&r);

  nlohmann::json points = nlohmann::json::array();
  for (const auto& [key, list] : by_point) {
    std::map<std::string, long> status;
    std::vector<double> df;
    double group = 0;
    for (const Row* r : list) {
      ++status[r->at("status")];
      group += std::stod(r->at("group_size")) / list.size();
      if (r->at("status") == "transition") df.push_back(std::stod(r->at("dF_eV")));
    }
    nlohmann::json entry = {{"temperature_K", key.temperature}, {"cutoff_A", key.cutoff}, {"cutoff_label", key.label},
                            {"series", key.series}, {"group_size", group}, {"samples", list.size()}, {"status", status},
                            {"spectrum", spectrum_json(df, p.histogram_bin_eV)}};
    if (!df.empty()) {
      const double mean = summarize(df).mean;
      entry["frequency_from_mean_Hz"] = p.nu0_Hz * std::exp(-mean / (kB * key.temperature));
    }
    points.push_back(entry);
  }
  nlohmann::json out = {{"kind", p.kind}, {"samples", rows.size()}, {"nu0_Hz", p.nu0_Hz}, {"points", points}, {"options", to_json(p)}};
  if (const nlohmann::json pairs = crosstalk(rows); !pairs.is_null()) out["crosstalk"] = pairs;

  if (p.kind == "sample_count") {
    std::vector<double> df;
    for (const Row& r : rows)
      // Fig. 3 is the convergence of one group's spectrum: site 0's (the paper's group).
      if (r.at("status") == "transition" && series_of(r) == "sweep" && site_of(r) == 0) df.push_back(std::stod(r.at("dF_eV")));
    nlohmann::json running = nlohmann::json::array();
    for (const auto& rp : running_statistics(df)) running.push_back({{"n", rp.n}, {"mean_eV", rp.mean}, {"std_eV", rp.std}});
    nlohmann::json boxes = nlohmann::json::array();
    for (long n = p.box_every; n <= static_cast<long>(df.size()); n += p.box_every) {
      boxes.push_back({{"n", n}, {"spectrum", spectrum_json({df.begin(), df.begin() + n}, p.histogram_bin_eV)}});
    }
    nlohmann::json spectra = nlohmann::json::array();
    for (long n : p.spectra_after) {
      if (n <= static_cast<long>(df.size())) spectra.push_back({{"n", n}, {"spectrum", spectrum_json({df.begin(), df.begin() + n}, p.histogram_bin_eV)}});
    }
    out["running"] = running;
    out["box_vs_n"] = boxes;
    out["spectra_after"] = spectra;
  }
  return out;
}

std::string sci(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

std::string campaign_summary_text(const nlohmann::json& s) {
  std::ostringstream os;
  os << "[campaign] " << s.at("kind").get<std::string>() << ": " << s.at("samples").get<size_t>() << " samples\n";
  os << "   T (K)  cutoff (A)            group  done  with dF   mean dF (eV)  std (eV)  nu from mean (Hz)\n";
  for (const auto& pt : s.at("points")) {
    const auto& sp = pt.at("spectrum");
    char line[256];
    std::snprintf(line, sizeof line, "  %6.0f  %6.3f %-14s %5.1f  %4zu  %7ld  %12.4f  %8.4f  %s\n", pt.at("temperature_K").get<double>(),
                  pt.at("cutoff_A").get<double>(), ("(" + pt.at("cutoff_label").get<std::string>() + ")").c_str(),
                  pt.at("group_size").get<double>(), pt.at("samples").get<size_t>(), sp.at("n").get<long>(),
                  sp.at("mean_eV").get<double>(), sp.at("std_eV").get<double>(),
                  pt.contains("frequency_from_mean_Hz") ? sci(pt.at("frequency_from_mean_Hz").get<double>()).c_str() : "-");
    os << line;
  }
  if (s.contains("crosstalk")) {
    const auto& c = s.at("crosstalk");
    char line[256];
    if (c.at("all").is_object() && c.at("all").at("n").get<long>() >= 2) {
      std::snprintf(line, sizeof line, "  cross-talk: %ld pairs, <dF together - dF alone> = %+.3f +- %.3f eV (SE)\n",
                    c.at("all").at("n").get<long>(), c.at("all").at("mean_eV").get<double>(), c.at("all").at("se_eV").get<double>());
      os << line;
    }
    if (c.contains("neighbour_response")) {
      const auto& n = c.at("neighbour_response");
      std::snprintf(line, sizeof line, "  a transition alone moves the other sites by %.4f A (median; max %.4f A; its own group %.3f A)\n",
                    n.at("neighbours").at("median_A").get<double>(), n.at("neighbours").at("max_A").get<double>(),
                    n.at("own").at("median_A").get<double>());
      os << line;
    }
  }
  return os.str();
}

}  // namespace betarelax::validation
