#include "validation/neighbour_response.hpp"

#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "support/input_error.hpp"
#include "support/json_file.hpp"
#include "support/sample_folder.hpp"
#include "validation/sample_quality.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

nlohmann::json spread_of(const std::vector<double>& v) {
  const SpectrumSummary s = summarize(v);
  return {{"n", s.n}, {"mean_A", s.mean}, {"median_A", s.median}, {"max_A", s.max}};
}

}  // namespace

nlohmann::json neighbour_response(const std::string& campaign_dir, const SampleRows& rows) {
  namespace fs = std::filesystem;
  std::vector<double> moved, own;
  std::map<std::pair<int, int>, std::vector<double>> per_pair;  // (site that moved, site it moved)
  for (const auto& r : rows) {
    if (series_of(r) != "alone") continue;
    if (r.at("status") != "transition" && r.at("status") != "transition_no_barrier") continue;
    const fs::path file = fs::path(campaign_dir) / "samples" / sample_folder(std::stol(r.at("id"))) / "sample.json";
    const nlohmann::json sample = read_json_file(file.string(), "a sample of the campaign");
    try {
      const nlohmann::json& tr = sample.at("transition");
      if (!tr.contains("neighbour_sites")) continue;  // written by a betarelax without the record
      own.push_back(tr.at("own_rmsd_A").get<double>());
      for (const auto& n : tr.at("neighbour_sites")) {
        const double d = n.at("rmsd_A").get<double>();
        moved.push_back(d);
        per_pair[{site_of(r), n.at("site").get<int>()}].push_back(d);
      }
    } catch (const nlohmann::json::exception& e) {
      throw InputError(file.string() + ": transition.neighbour_sites: " + e.what());
    }
  }
  if (moved.empty()) return nullptr;
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [k, v] : per_pair) {
    nlohmann::json p = spread_of(v);
    p["transition_at_site"] = k.first;
    p["site"] = k.second;
    pairs.push_back(p);
  }
  return {{"neighbours", spread_of(moved)},
          {"own", spread_of(own)},
          {"per_pair", pairs},
          {"meaning", "group RMSD (A) of the other sites between the inherent structures before and after a transition of a "
                      "site run alone (the others unbiased), beside the moving site's own RMSD: how far a rearrangement "
                      "shifts a neighbour's collective variable through the glass"}};
}

}  // namespace betarelax::validation
