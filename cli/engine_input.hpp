#pragma once
/// The options every engine subcommand (energy, md, minimize) shares: a LAMMPS
/// data file, an eam/fs potential and the element of each atom type.
#include <memory>
#include <string>
#include <vector>

#include "core/potential/eam_fs_file.hpp"

#include "core/potential/force_field.hpp"
#include "core/system/system.hpp"

namespace CLI {
class App;
}

namespace betarelax::cli {

struct EngineInput {
  std::string data;
  std::string potential = default_potential_path();
  std::string pair_style;  ///< --pair-style eam/fs | eam/alloy; empty: from the file name
  std::string elements;  ///< "Cu,Zr": element of type 1, 2, ...; default: Masses comments, else file order
  double skin = 1.0;     ///< neighbour skin (Å)
};

void add_engine_options(CLI::App& sub, EngineInput& in);

struct Engine {
  Configuration conf;  ///< as read, atoms spatially sorted (ids unchanged)
  System sys;
  ForceField ff;
};

/// The element of each atom type: --elements, else the data file's Masses
/// comments, else the potential's first elements (throws InputError).
std::vector<std::string> type_elements(const EngineInput& in, const Configuration& conf, const EamFsFile& file);

/// Reads the data file and the potential and binds them (throws InputError).
Engine load_engine(const EngineInput& in, int n_replicas = 1);

}  // namespace betarelax::cli
