#include "experiments/art/events_file.hpp"

namespace betarelax::experiments {

const std::vector<std::string>& events_columns() {
  static const std::vector<std::string> columns = {
      "id", "seed", "status", "E_min_eV", "E_saddle_eV", "dQ_eV", "E_final_eV", "eigenvalue_eV_A2",
      "second_eigenvalue_eV_A2", "saddle_fmax_eV_A", "force_calls", "displaced_atoms", "max_displacement_A",
      "most_displaced_id", "hessian_negative", "hessian_atoms", "nu_star_Hz", "dS_harm_kB", "wall_s", "git_revision", "backend",
      "config_hash"};
  return columns;
}

std::string events_row(long id, uint64_t seed, double e_min, const ArtEventResult& ev, int most_displaced_id,
                       double wall_s, const EventProvenance& prov) {
  const bool saddle = !ev.saddle.empty();
  const bool final_state = !ev.final_minimum.empty();
  auto if_saddle = [&](double v) { return saddle ? exact(v) : std::string(); };
  const std::vector<std::string> cells = {
      std::to_string(id), std::to_string(seed), csv_cell(ev.status), exact(e_min), if_saddle(ev.e_saddle),
      if_saddle(ev.e_saddle - e_min), final_state ? exact(ev.e_final) : "", exact(ev.eigenvalue),
      if_saddle(ev.second_eigenvalue), if_saddle(ev.saddle_fmax), std::to_string(ev.force_calls),
      saddle ? std::to_string(ev.displaced_atoms) : "", if_saddle(ev.max_displacement_A),
      saddle ? std::to_string(most_displaced_id) : "", ev.hessian_negative >= 0 ? std::to_string(ev.hessian_negative) : "",
      ev.hessian_negative >= 0 ? std::to_string(ev.hessian_atoms) : "",
      ev.prefactor.valid ? exact(ev.prefactor.nu_star_Hz) : "", ev.prefactor.valid ? exact(ev.prefactor.dS_kB) : "",
      exact(wall_s), csv_cell(prov.git_revision), csv_cell(prov.backend), csv_cell(prov.config_hash)};
  return csv_join(cells);
}

}  // namespace betarelax::experiments
