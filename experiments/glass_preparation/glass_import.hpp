#pragma once
/// `betarelax glass import` (issue 36): a glass made elsewhere (a LAMMPS
/// quench of another composition, another potential) turned into the glass
/// folder every sampling experiment starts from (experiments/common/
/// glass_folder.hpp), as the glass preparation would have left it:
///  - glass_<T>K.data: the state at T as given (positions, velocities when
///    the file has them, box), with the elements' names and masses;
///  - glass_<T>K_inherent.data: its inherent structure by the suite's FIRE;
///  - rdf_<T>K.csv and structure.json (structure_record.hpp), the RDF of the
///    one state given;
///  - glass_preparation.json: "prepared_by": "import", every source file
///    with its sha256, the potential with its pair style and sha256.
/// Every data file must hold the same atoms (ids and types: one glass at
/// several temperatures, as the campaigns sample one group's ids at every T),
/// one type per element named, in an orthogonal box without overlapping
/// atoms (core/io/lammps_data.hpp refuses the rest by file and line); the
/// potential must hold every element. Bad input throws InputError naming
/// the file and the atom, element or field, and leaves no folder behind: the
/// folder is made aside and renamed into place when complete.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/experiment_config.hpp"

namespace betarelax::experiments {

struct GlassImportParams {
  std::map<double, std::string> data;  ///< temperature (K) -> LAMMPS data file
  std::string potential;
  std::string pair_style;              ///< eam/fs or eam/alloy; empty: from the file name (LAMMPS's naming)
  std::vector<std::string> elements;   ///< the element of type 1, 2, ...
  std::string out_dir;
  double skin = 1.0;                   ///< neighbour skin (Å), as the glass preparation's
  double fire_ftol = 1e-3;             ///< eV/Å, as the glass preparation's inherent structures
  double rdf_r_max = 10.0, rdf_bin = 0.02;  ///< Å (r_max capped at half the shortest box edge)
  double landmark_smoothing = 0.05, landmark_prominence = 0.02;
};

/// The import's skin, FIRE tolerance, RDF and landmark rules, read from the
/// glass preparation's TOML by its own reader: an imported glass is measured
/// as a prepared one is.
GlassImportParams import_rules(const ExperimentConfig& glass_preparation);

/// Writes the folder; returns its glass_preparation.json record. `provenance`
/// is the running build's record.
nlohmann::json import_glass(const GlassImportParams& params, const nlohmann::json& provenance);

/// "T:FILE" as the command line gives it: the temperature (K) and the path;
/// throws InputError naming the argument.
std::pair<double, std::string> parse_temperature_file(const std::string& arg);

}  // namespace betarelax::experiments
