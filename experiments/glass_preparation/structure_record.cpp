#include "experiments/glass_preparation/structure_record.hpp"

#include <algorithm>
#include <cmath>

#include "core/integrate/thermo.hpp"
#include "core/structure/bond_order.hpp"
#include "core/structure/rdf_landmarks.hpp"
#include "experiments/common/glass_folder.hpp"

namespace betarelax::experiments {

nlohmann::json structure_entry(double temperature, const Configuration& glass, const Configuration& inherent, const FireResult& fire,
                               const RdfTable& table, const std::vector<std::string>& elements, const LandmarkRule& rule,
                               const StateAverages& state) {
  const std::string stem = GlassFolder::stem(temperature);
  const RdfLandmarks lm = rdf_landmarks(table.r, table.total, {rule.smoothing_A, rule.prominence});
  nlohmann::json partial_peaks = nlohmann::json::object(), cn = nlohmann::json::object();
  for (size_t q = 0; q < table.part.size(); ++q) partial_peaks[table.part_names[q]] = first_peak_position(table.r, table.part[q], rule.smoothing_A);
  const BondOrder q6 = lm.found ? steinhardt(inherent, 6, lm.first_minimum) : BondOrder{};
  if (lm.found) {
    const size_t bin = std::min(table.r.size() - 1, static_cast<size_t>(lm.first_minimum / table.dr));
    const int nt = glass.n_types;
    for (int a = 0; a < nt; ++a) {
      double all = 0;
      for (int b = 0; b < nt; ++b) {
        const double c = table.coordination[size_t(a) * nt + b][bin];
        cn[elements[b] + "_around_" + elements[a]] = c;
        all += c;
      }
      cn["all_around_" + elements[a]] = all;
    }
  }
  double mass = 0;
  std::vector<double> count(glass.n_types, 0.0);
  for (int t : glass.type) {
    mass += glass.mass.at(t);
    count[t] += 1;
  }
  const double n = glass.n_atoms(), v = glass.len[0] * glass.len[1] * glass.len[2];
  // The atom fraction of each element: the glass checks compare only with
  // literature values for the composition they describe.
  nlohmann::json composition = nlohmann::json::object();
  for (int t = 0; t < glass.n_types; ++t) composition[elements[t]] = count[t] / n;
  return {
      {"temperature_K", temperature},
      {"data", stem + ".data"},
      {"extxyz", stem + ".xyz"},
      {"inherent_structure", stem + "_inherent.data"},
      {"rdf", "rdf_" + std::to_string(std::lround(temperature)) + "K.csv"},
      {"composition", composition},
      {"volume_A3", v},
      {"volume_npt_std_A3", state.volume_std_A3},
      {"density_g_cm3", mass / v * kAmuPerA3ToGPerCm3},
      {"number_density_per_A3", n / v},
      {"nvt_temperature_mean_K", state.temperature_K},
      {"pe_per_atom_eV", state.pe_per_atom_eV},
      {"pressure_mean_bar", state.pressure_bar},
      {"pressure_std_bar", state.pressure_std_bar},
      {"inherent_energy_per_atom_eV", fire.energy / n},
      {"inherent_fmax_eV_per_A", fire.fmax},
      {"inherent_converged", fire.status == FireStatus::converged},
      {"rdf_frames", table.frames},
      {"rdf_landmarks_A",
       {{"found", lm.found},
        {"first_peak", lm.first_peak},
        {"first_peak_height", lm.first_peak_height},
        {"first_minimum", lm.first_minimum},
        {"second_peaks", lm.second_peaks},
        {"second_peak_heights", lm.second_peak_heights},
        {"second_minimum", lm.second_minimum}}},
      {"partial_first_peaks_A", partial_peaks},
      {"coordination_at_first_minimum", cn},
      {"steinhardt_q6", {{"global", q6.global}, {"mean_local", q6.mean_local}, {"bonds_per_atom", q6.mean_bonds}}},
  };
}

}  // namespace betarelax::experiments
