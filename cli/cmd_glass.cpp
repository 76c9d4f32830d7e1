// `betarelax glass import`: a glass made elsewhere as a glass folder every
// sampling experiment takes with --glass (experiments/glass_preparation/
// glass_import.hpp), then the glass checks on it, as after a preparation.
#include <CLI/CLI.hpp>

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "core/io/build_info.hpp"
#include "experiments/common/experiment_config.hpp"
#include "experiments/common/experiment_files.hpp"
#include "experiments/glass_preparation/glass_import.hpp"
#include "support/input_error.hpp"
#include "validation/results_validation.hpp"

namespace betarelax::cli {

CLI::App* add_glass_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* glass = app.add_subcommand("glass", "glass folders made elsewhere");
  glass->require_subcommand(1);
  CLI::App* sub = glass->add_subcommand("import", "a LAMMPS glass (one data file per temperature) as a glass folder for --glass");
  struct Options {
    std::vector<std::string> data;
    std::string potential, pair_style, out_dir;
    std::vector<std::string> elements;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("--data", o->data, "T:FILE, a LAMMPS data file (atom_style atomic) of the glass at T kelvin; repeat per temperature")
      ->required();
  sub->add_option("--potential", o->potential, "the potential file (eam/fs or eam/alloy)")->required();
  sub->add_option("--pair-style", o->pair_style, "eam/fs | eam/alloy (default: from the file name, as LAMMPS users name them)")
      ->check(CLI::IsMember({"eam/fs", "eam/alloy"}));
  sub->add_option("--elements", o->elements, "the element of atom type 1, 2, ... (e.g. Cu,Zr)")->delimiter(',')->required();
  sub->add_option("--out", o->out_dir, "the glass folder to write (must not exist)")->required();
  sub->callback([&out, status, o] {
    // The glass preparation's structure rules, from its TOML: one source.
    experiments::GlassImportParams p =
        experiments::import_rules(experiments::ExperimentConfig(experiments::experiment_file("glass_preparation"), "paper"));
    for (const std::string& arg : o->data) {
      const auto [t, path] = experiments::parse_temperature_file(arg);
      if (!p.data.emplace(t, path).second) throw InputError("--data " + arg + ": a second file for the same temperature");
    }
    p.potential = o->potential;
    p.pair_style = o->pair_style;
    p.elements = o->elements;
    p.out_dir = o->out_dir;
    const nlohmann::json record = experiments::import_glass(p, to_json(build_info()));
    out << "[import] " << record["n_atoms"].get<long>() << " atoms at " << p.data.size() << " temperature(s), potential "
        << record["potential"]["path"].get<std::string>() << " (" << record["potential"]["pair_style"].get<std::string>() << ") -> "
        << p.out_dir << "\n";
    const bool checks = validation::validate_glass(p.out_dir, out);
    out << (checks ? "glass checks pass" : "glass checks FAILED (see structure_validation.json): the folder is kept, the checks say why")
        << "\n";
    // As `validate`: a glass that fails its checks exits non-zero, so
    // `import && run` stops before sampling it.
    *status = checks ? kOk : kError;
  });
  return glass;
}

}  // namespace betarelax::cli
