#include "experiments/metadynamics/samples_file.hpp"

namespace betarelax::experiments {

const std::vector<std::string>& samples_columns() {
  static const std::vector<std::string> columns = {
      "id", "T_K", "cutoff_A", "cutoff_label", "group_size", "center_id", "sample_index", "seed", "series", "height0_eV", "status", "dF_eV",
      "s_initial_A", "s_saddle_A", "s_product_A", "dF_product_eV", "nu_harmonic_Hz", "frequency_Hz",
      "transition_time_ps", "boosted_time_ps", "hills", "steps", "wall_s", "git_revision", "backend", "config_hash"};
  return columns;
}

std::string samples_row(const SamplePoint& pt, const SampleRecord& rec, const std::string& git_revision,
                        const std::string& backend, const std::string& config_hash) {
  const auto& j = rec.json;
  const auto& fe = j.at("free_energy");
  const auto& tr = j.at("transition");
  const bool found = fe.at("found").get<bool>();
  auto if_found = [&](const char* key) { return found ? exact(fe.at(key).get<double>()) : std::string(); };
  const std::vector<std::string> cells = {
      std::to_string(pt.id), exact(pt.temperature), exact(pt.cutoff), csv_cell(pt.cutoff_label),
      std::to_string(j.at("group").at("size").get<long>()), std::to_string(j.at("group").at("center_id").get<long>()),
      std::to_string(pt.index), std::to_string(pt.seed), csv_cell(pt.series),
      exact(j.at("metad").at("height0_eV").get<double>()), rec.status, if_found("delta_F_eV"), if_found("initial_minimum_A"),
      if_found("saddle_A"), if_found("product_minimum_A"), if_found("F_product_minus_initial_eV"),
      found ? exact(j.at("attempt_frequency").at("harmonic_from_F_Hz").get<double>()) : "",
      found ? exact(j.at("frequency_Hz").get<double>()) : "",
      tr.at("confirmed").get<bool>() ? exact(tr.at("time_ps").get<double>()) : "",
      tr.at("confirmed").get<bool>() ? exact(tr.at("boosted_time_ps").get<double>()) : "",
      std::to_string(j.at("metad").at("hills").get<long>()), std::to_string(j.at("steps").get<long>()),
      exact(j.at("wall_time_s").get<double>()), csv_cell(git_revision), csv_cell(backend), csv_cell(config_hash)};
  return csv_join(cells);
}

std::vector<SampleRow> read_samples_file(const std::string& path) {
  return read_results_table(path, samples_columns(), "samples");
}

}  // namespace betarelax::experiments
