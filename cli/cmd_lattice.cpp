// `betarelax lattice`: a random binary alloy on an fcc/bcc lattice as a LAMMPS
// data file: the melt's starting point, and test input.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/cli.hpp"
#include "core/io/lammps_data.hpp"
#include "core/system/alloy_lattice.hpp"

namespace betarelax::cli {

CLI::App* add_lattice_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("lattice", "random binary alloy on an fcc/bcc lattice, as a LAMMPS data file");
  auto p = std::make_shared<AlloyLatticeParams>();
  auto out_file = std::make_shared<std::string>();
  auto names = std::make_shared<std::vector<std::string>>(std::vector<std::string>{"Cu", "Zr"});
  sub->add_option("--lattice", p->lattice, "fcc | bcc")->check(CLI::IsMember({"fcc", "bcc"}))->capture_default_str();
  sub->add_option("--cells", p->cells, "cells per edge")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--a", p->a, "lattice constant (Å)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--fraction", p->fraction_type0, "share of the first element")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_option("--jitter", p->jitter, "random displacement per component (Å)")->capture_default_str();
  sub->add_option("--seed", p->seed, "random seed")->capture_default_str();
  sub->add_option("--elements", *names, "the two element names")->expected(2)->capture_default_str();
  sub->add_option("--out", *out_file, "LAMMPS data file to write")->required();
  sub->callback([&out, status, p, out_file, names] {
    p->type_names = *names;
    Configuration c = make_alloy_lattice(*p);
    write_lammps_data(*out_file, c, "betarelax lattice " + p->lattice);
    out << "wrote " << c.n_atoms() << " atoms to " << *out_file << "\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
