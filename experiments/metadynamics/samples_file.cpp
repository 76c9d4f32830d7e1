#include "experiments/metadynamics/samples_file.hpp"

namespace betarelax::experiments {
namespace {

using S = SampleRowSource;

const nlohmann::json& fe(const S& s) { return s.record.json.at("free_energy"); }
const nlohmann::json& tr(const S& s) { return s.record.json.at("transition"); }
bool found(const S& s) { return fe(s).at("found").get<bool>(); }
bool confirmed(const S& s) { return tr(s).at("confirmed").get<bool>(); }
std::string if_found(const S& s, const char* key) { return found(s) ? exact(fe(s).at(key).get<double>()) : std::string(); }
long group_field(const S& s, const char* key) { return s.record.json.at("group").at(key).get<long>(); }

}  // namespace

const std::vector<Column<SampleRowSource>>& samples_schema() {
  static const std::vector<Column<S>> columns = {
      {"id", "the point's number in the campaign (campaign.json), the row's key", [](const S& s) { return std::to_string(s.point.id); }},
      {"T_K", "temperature (K)", [](const S& s) { return exact(s.point.temperature); }},
      {"cutoff_A", "group cutoff (A)", [](const S& s) { return exact(s.point.cutoff); }},
      {"cutoff_label", "where the cutoff came from (4.0, first_minimum, ...)", [](const S& s) { return csv_cell(s.point.cutoff_label); }},
      {"group_size", "atoms in the boosted group", [](const S& s) { return std::to_string(group_field(s, "size")); }},
      {"center_id", "the group's central atom id", [](const S& s) { return std::to_string(group_field(s, "center_id")); }},
      {"site", "which of the campaign's sites (0: the paper's group; campaign.json sites)", [](const S& s) { return std::to_string(s.point.site); }},
      {"sample_index", "sample number at this (T, cutoff)", [](const S& s) { return std::to_string(s.point.index); }},
      {"seed", "the sample's velocity seed", [](const S& s) { return std::to_string(s.point.seed); }},
      {"series", "sweep; control for the deposition-rate control; alone for a site run alone (cross-talk)", [](const S& s) { return csv_cell(s.point.series); }},
      {"height0_eV", "the sample's initial hill height w0",
       [](const S& s) { return exact(s.record.json.at("metad").at("height0_eV").get<double>()); }},
      {"status", "transition, transition_no_barrier or no_transition", [](const S& s) { return s.record.status; }},
      {"dF_eV", "dF = F(saddle) - F(initial minimum), empty unless transition", [](const S& s) { return if_found(s, "delta_F_eV"); }},
      {"saddle_rule", "maximum (F's maximum between the minima) or crossing (the hop rule: F at the crossing as it stood then)",
       [](const S& s) { return found(s) ? fe(s).at("saddle_rule").get<std::string>() : std::string(); }},
      {"s_initial_A", "F(s) landmark: the initial minimum (A)", [](const S& s) { return if_found(s, "initial_minimum_A"); }},
      {"s_saddle_A", "F(s) landmark: the saddle (A)", [](const S& s) { return if_found(s, "saddle_A"); }},
      {"s_product_A", "F(s) landmark: the product minimum (A)", [](const S& s) { return if_found(s, "product_minimum_A"); }},
      {"dF_product_eV", "F(product) - F(initial)", [](const S& s) { return if_found(s, "F_product_minus_initial_eV"); }},
      {"dF_crossing_eV", "the hop rule's dF, whenever the crossing was located (beside dF_eV of the maximum rule: their difference measures the rule)",
       [](const S& s) {
         const nlohmann::json& c = fe(s).at("crossing");
         return c.at("found").get<bool>() ? exact(c.at("delta_F_eV").get<double>()) : std::string();
       }},
      {"s_crossing_A", "where the trajectory crossed (A), when located",
       [](const S& s) {
         const nlohmann::json& c = fe(s).at("crossing");
         return c.at("located").get<bool>() ? exact(c.at("s_A").get<double>()) : std::string();
       }},
      {"nu_harmonic_Hz", "harmonic attempt frequency from F''(s) at the initial minimum",
       [](const S& s) {
         return found(s) ? exact(s.record.json.at("attempt_frequency").at("harmonic_from_F_Hz").get<double>()) : std::string();
       }},
      {"frequency_Hz", "nu0 exp(-dF/kT) (Eq. 2)",
       [](const S& s) { return found(s) ? exact(s.record.json.at("frequency_Hz").get<double>()) : std::string(); }},
      {"transition_time_ps", "when the CV left the basin (MD time)",
       [](const S& s) { return confirmed(s) ? exact(tr(s).at("time_ps").get<double>()) : std::string(); }},
      {"boosted_time_ps", "the boosted physical time then",
       [](const S& s) { return confirmed(s) ? exact(tr(s).at("boosted_time_ps").get<double>()) : std::string(); }},
      {"hills", "hills deposited", [](const S& s) { return std::to_string(s.record.json.at("metad").at("hills").get<long>()); }},
      {"steps", "MD steps run", [](const S& s) { return std::to_string(s.record.json.at("steps").get<long>()); }},
      {"wall_s", "wall time of the sample (the only column that differs between identical runs)",
       [](const S& s) { return exact(s.record.json.at("wall_time_s").get<double>()); }},
      {"git_revision", "provenance: the build's revision", [](const S& s) { return csv_cell(s.git_revision); }},
      {"backend", "provenance: the execution space", [](const S& s) { return csv_cell(s.backend); }},
      {"config_hash", "provenance: the merged configuration's sha256", [](const S& s) { return csv_cell(s.config_hash); }},
  };
  return columns;
}

const std::vector<std::string>& samples_columns() {
  static const std::vector<std::string> names = column_names(samples_schema());
  return names;
}

std::string samples_row(const SampleRowSource& source) { return row_of(samples_schema(), source); }

std::vector<SampleRow> read_samples_file(const std::string& path) {
  return read_results_table(path, samples_columns(), "samples");
}

}  // namespace betarelax::experiments
