#include "cli/engine_input.hpp"

#include <CLI/CLI.hpp>

#include <sstream>

#include "core/io/lammps_data.hpp"
#include "core/neighbor/spatial_sort.hpp"
#include "support/input_error.hpp"

namespace betarelax::cli {

void add_engine_options(CLI::App& sub, EngineInput& in) {
  sub.add_option("--data", in.data, "LAMMPS data file (atom_style atomic)")->required();
  sub.add_option("--potential", in.potential, "potential file (eam/fs or eam/alloy)")->capture_default_str();
  sub.add_option("--pair-style", in.pair_style, "eam/fs | eam/alloy (default: from the file name: *.eam.alloy, *.setfl are eam/alloy)")
      ->check(CLI::IsMember({"eam/fs", "eam/alloy"}));
  sub.add_option("--elements", in.elements,
                 "element of each atom type, comma-separated (default: Masses comments, else the file's order)");
  sub.add_option("--skin", in.skin, "neighbour-list skin (Å)")->capture_default_str()->check(CLI::PositiveNumber);
}

std::vector<std::string> type_elements(const EngineInput& in, const Configuration& conf, const EamFsFile& file) {
  std::vector<std::string> elements;
  if (!in.elements.empty()) {
    std::stringstream ss(in.elements);
    for (std::string e; std::getline(ss, e, ',');) elements.push_back(e);
    if (static_cast<int>(elements.size()) != conf.n_types) {
      throw InputError("--elements names " + std::to_string(elements.size()) + " elements but " + in.data + " has " +
                       std::to_string(conf.n_types) + " atom types");
    }
  } else if (!conf.type_names.empty()) {
    elements = conf.type_names;
  } else {
    if (static_cast<int>(file.elements.size()) < conf.n_types) {
      throw InputError(in.data + " has " + std::to_string(conf.n_types) + " atom types but " + in.potential +
                       " only " + std::to_string(file.elements.size()) + " elements; pass --elements");
    }
    elements.assign(file.elements.begin(), file.elements.begin() + conf.n_types);
  }
  return elements;
}

Engine load_engine(const EngineInput& in, int n_replicas) {
  Configuration conf = spatially_sorted(read_lammps_data(in.data));
  EamFsFile file = read_eam_file(in.potential, in.pair_style);
  const std::vector<std::string> elements = type_elements(in, conf, file);
  System sys = make_system(conf, n_replicas);
  ForceField ff = make_force_field(make_eam_fs(file, elements), sys, in.skin);
  return Engine{std::move(conf), std::move(sys), std::move(ff)};
}

}  // namespace betarelax::cli
