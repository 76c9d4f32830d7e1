#pragma once
/// One temperature's entry of a glass folder's structure.json (paper §III,
/// Fig. 2a): the files, density, energies, pressure, the RDF's landmarks
/// (the cutoffs the campaigns may name), partial first peaks, coordination
/// at the first minimum and Steinhardt Q6 of the inherent structure. Written
/// alike by the glass preparation and by `betarelax glass import`, so every
/// later stage reads one schema whoever made the glass.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/minimize/fire.hpp"
#include "core/structure/rdf.hpp"
#include "core/system/system.hpp"

namespace betarelax::experiments {

/// The state's thermodynamics: an NVT average (glass preparation) or the one
/// state given (import: std 0, and the kinetic temperature of its velocities).
struct StateAverages {
  double volume_std_A3 = 0;  ///< over the NPT run that set the volume; 0: not from an NPT run
  double temperature_K = 0, pe_per_atom_eV = 0, pressure_bar = 0, pressure_std_bar = 0;
};

/// The RDF landmark rule's parameters (core/structure/rdf_landmarks.hpp).
struct LandmarkRule {
  double smoothing_A = 0.05, prominence = 0.02;
};

nlohmann::json structure_entry(double temperature, const Configuration& glass, const Configuration& inherent, const FireResult& fire,
                               const RdfTable& rdf, const std::vector<std::string>& elements, const LandmarkRule& rule,
                               const StateAverages& state);

}  // namespace betarelax::experiments
