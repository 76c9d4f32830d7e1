#include "experiments/glass_preparation/glass_import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/integrate/thermo.hpp"
#include "core/io/extxyz.hpp"
#include "core/io/lammps_data.hpp"
#include "core/minimize/fire.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "core/potential/force_field.hpp"
#include "core/structure/rdf.hpp"
#include "experiments/common/glass_folder.hpp"
#include "experiments/glass_preparation/glass_preparation.hpp"
#include "experiments/glass_preparation/structure_record.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"
#include "support/kelvin_text.hpp"
#include "support/sha256.hpp"

namespace betarelax::experiments {
namespace {

namespace fs = std::filesystem;

/// The given state with the elements' names and the potential's masses (a
/// data file may carry neither; LAMMPS takes eam masses from the file too).
Configuration named(Configuration c, const std::vector<std::string>& elements, const EamFsFile& pot, const std::string& path) {
  for (size_t a = 0; a < elements.size(); ++a)
    for (size_t b = a + 1; b < elements.size(); ++b)
      if (elements[a] == elements[b]) throw InputError("--elements: " + elements[a] + " is named twice (one element per atom type)");
  if (c.n_types != static_cast<int>(elements.size())) {
    throw InputError(path + ": " + std::to_string(c.n_types) + " atom types, but --elements names " + std::to_string(elements.size()) +
                     " (one element per type, in type order)");
  }
  c.type_names = elements;
  c.mass.assign(c.n_types, 0.0);
  for (int t = 0; t < c.n_types; ++t) {
    for (size_t e = 0; e < pot.elements.size(); ++e)
      if (pot.elements[e] == elements[t]) c.mass[t] = pot.mass[e];
  }
  return c;
}

/// Every file holds the same atoms: the campaigns sample one group's ids at every T.
void same_atoms(const Configuration& a, const std::string& path_a, const Configuration& b, const std::string& path_b) {
  if (a.n_atoms() != b.n_atoms()) {
    throw InputError(path_b + ": " + std::to_string(b.n_atoms()) + " atoms, but " + path_a + " has " + std::to_string(a.n_atoms()) +
                     ": the temperatures of one glass hold the same atoms");
  }
  std::map<int, int> type_of;
  for (int i = 0; i < a.n_atoms(); ++i) type_of[a.id[i]] = a.type[i];
  for (int i = 0; i < b.n_atoms(); ++i) {
    const auto it = type_of.find(b.id[i]);
    if (it == type_of.end()) throw InputError(path_b + ": atom " + std::to_string(b.id[i]) + " is not in " + path_a);
    if (it->second != b.type[i]) {
      throw InputError(path_b + ": atom " + std::to_string(b.id[i]) + " has type " + std::to_string(b.type[i] + 1) + ", but type " +
                       std::to_string(it->second + 1) + " in " + path_a);
    }
  }
}

}  // namespace

GlassImportParams import_rules(const ExperimentConfig& glass_preparation) {
  const GlassPreparationParams g = read_glass_preparation(glass_preparation);
  GlassImportParams p;
  p.skin = g.skin;
  p.fire_ftol = g.fire_ftol;
  p.rdf_r_max = g.rdf_r_max;
  p.rdf_bin = g.rdf_bin;
  p.landmark_smoothing = g.landmark_smoothing;
  p.landmark_prominence = g.landmark_prominence;
  return p;
}

std::pair<double, std::string> parse_temperature_file(const std::string& arg) {
  const size_t colon = arg.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == arg.size()) {
    throw InputError("--data " + arg + ": expected T:FILE, the temperature in K and a LAMMPS data file (e.g. 300:glass_300K.data)");
  }
  double t = 0;
  try {
    size_t used = 0;
    t = std::stod(arg.substr(0, colon), &used);
    if (used != colon) throw std::invalid_argument("trailing characters");
  } catch (const std::logic_error&) {
    throw InputError("--data " + arg + ": '" + arg.substr(0, colon) + "' is not a temperature in K");
  }
  if (!(t > 0) || !std::isfinite(t)) throw InputError("--data " + arg + ": the temperature must be positive");
  return {t, arg.substr(colon + 1)};
}

nlohmann::json import_glass(const GlassImportParams& p, const nlohmann::json& provenance) {
  if (p.data.empty()) throw InputError("glass import: no --data T:FILE given");
  if (p.out_dir.empty()) throw InputError("glass import: no --out folder given");
  if (fs::exists(p.out_dir)) throw InputError(p.out_dir + ": exists already; the import writes a new glass folder (choose another --out)");
  for (const auto& [t, path] : p.data) {
    const double rounded = std::round(t);
    if (std::fabs(t - rounded) > 1e-9) {
      throw InputError("--data " + kelvin_text(t) + ":" + path + ": glass folders name temperatures in whole kelvin");
    }
  }
  const EamFsFile pot = read_eam_file(p.potential, p.pair_style);

  // Read and check everything before a file is written.
  std::map<double, Configuration> given;
  const std::string& first_path = p.data.begin()->second;
  for (const auto& [t, path] : p.data) {
    given[t] = named(read_lammps_data(path), p.elements, pot, path);
    if (t != p.data.begin()->first) same_atoms(given.begin()->second, first_path, given[t], path);
  }
  const EamFs potential = make_eam_fs(pot, p.elements);  // throws naming an element the file lacks

  // The folder is made aside and renamed into place whole: a refused or
  // killed import leaves nothing that looks like a glass.
  // "my_glass/" and "my_glass" are one folder; the temporary one sits beside it.
  fs::path out = fs::path(p.out_dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  const fs::path tmp = fs::path(out.string() + ".importing");
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  try {
    const GlassFolder folder{tmp.string()};
    nlohmann::json per_t = nlohmann::json::array(), sources = nlohmann::json::array();
    for (const auto& [t, glass] : given) {
      write_lammps_data(folder.glass(t), glass, "betarelax glass at " + kelvin_text(t) + ", imported from " + p.data.at(t));
      write_extxyz((tmp / (GlassFolder::stem(t) + ".xyz")).string(), glass, 0.0);
      // The state's energy and pressure, and its kinetic temperature when it carries velocities.
      System sys = make_system(glass, 1);
      ForceField ff = make_force_field(potential, sys, p.skin);
      compute_forces(ff, sys, Tally::per_atom);
      ReplicaSum<1> ke(1, sys.n_atoms);
      const ThermoRow row = thermo_rows(sys, ff, ke).front();
      // The RDF of the one state given (a glass preparation averages its NVT run).
      const double r_max = std::min(p.rdf_r_max, 0.5 * std::min({glass.len[0], glass.len[1], glass.len[2]}) * 0.999);
      RdfAccumulator rdf(sys, r_max, std::max(1, static_cast<int>(r_max / p.rdf_bin)));
      rdf.add_frame(sys);
      const RdfTable table = rdf.table(0);
      write_rdf_csv((tmp / ("rdf_" + std::to_string(std::lround(t)) + "K.csv")).string(), table);
      // The inherent structure by the suite's FIRE.
      FireParams fp;
      fp.ftol = p.fire_ftol;
      const FireResult fire = fire_minimize(sys, ff, fp).front();
      const Configuration inherent = extract_replica(sys, 0);
      write_lammps_data(folder.inherent(t), inherent, "betarelax inherent structure (FIRE) of the imported glass at " + kelvin_text(t));
      per_t.push_back(structure_entry(t, glass, inherent, fire, table, p.elements, {p.landmark_smoothing, p.landmark_prominence},
                                      {0.0, row.temperature, row.potential / glass.n_atoms(), row.pressure, 0.0}));
      sources.push_back({{"temperature_K", t}, {"path", fs::absolute(p.data.at(t)).string()}, {"sha256", sha256_file(p.data.at(t))}});
    }
    const nlohmann::json structure = {{"experiment", "glass_preparation"},
                                      {"prepared_by", "import"},
                                      {"n_atoms", given.begin()->second.n_atoms()},
                                      {"elements", p.elements},
                                      {"glasses", per_t},
                                      {"provenance", provenance}};
    atomic_write(folder.structure(), [&](std::ostream& os) { os << structure.dump(2) << "\n"; });
    const nlohmann::json record = {
        {"experiment", "glass_preparation"},
        {"status", "complete"},
        {"prepared_by", "import"},
        {"sources", sources},
        {"n_atoms", given.begin()->second.n_atoms()},
        {"elements", p.elements},
        {"potential", {{"path", pot.path}, {"sha256", pot.sha256}, {"pair_style", pot.pair_style}}},
        {"glasses", per_t},
        {"rules", {{"inherent_structures", "FIRE to " + std::to_string(p.fire_ftol) + " eV/A"},
                   {"rdf", "one frame: the state given"}}},
        {"provenance", provenance},
    };
    atomic_write(folder.record(), [&](std::ostream& os) { os << record.dump(2) << "\n"; });
    fs::rename(tmp, out);
    return record;
  } catch (...) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    throw;
  }
}

}  // namespace betarelax::experiments
