#include "validation/folder_summary.hpp"

#include <filesystem>

#include "support/csv_table.hpp"
#include "support/json_file.hpp"
#include "validation/art_spectrum.hpp"
#include "validation/campaign_summary.hpp"
#include "validation/neighbour_response.hpp"

namespace betarelax::validation {

std::string write_folder_summary(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path d(dir), metad_plan = d / "campaign.json", art_plan = d / "art.json";
  nlohmann::json summary, plan;
  std::string text;
  if (fs::exists(metad_plan)) {
    plan = read_json_file(metad_plan.string());
    const CsvTable samples = read_csv_table((d / "samples.csv").string(), true);
    summary = campaign_summary(summary_options_from_json(plan.at("summary_options")), samples.rows);
    if (summary.contains("crosstalk")) {
      if (nlohmann::json moved = neighbour_response(dir, samples.rows); !moved.is_null()) summary["crosstalk"]["neighbour_response"] = moved;
    }
    text = campaign_summary_text(summary);
  } else if (fs::exists(art_plan)) {
    plan = read_json_file(art_plan.string());
    summary = art_summary(art_options_from_json(plan.value("summary_options", nlohmann::json::object())),
                          read_csv_table((d / "events.csv").string(), true).rows);
    text = art_summary_text(summary);
  } else {
    return "";
  }
  summary["provenance"] = plan.at("provenance");
  write_json_file((d / "summary.json").string(), summary);
  return text;
}

}  // namespace betarelax::validation
