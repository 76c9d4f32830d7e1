// `betarelax rmsd`: the collective variable of Eq. (1) between two
// configurations of the same atoms, for a group centred on an atom.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

#include "cli/cli.hpp"
#include "core/cv/atom_group.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/io/lammps_data.hpp"
#include "support/input_error.hpp"

namespace betarelax::cli {

CLI::App* add_rmsd_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("rmsd", "the RMSD collective variable (Eq. 1) of a group between two configurations");
  struct Options {
    std::string ref, current, element = "Cu";
    long center = 0;
    double cutoff = 4.0;
  };
  auto o = std::make_shared<Options>();
  sub->add_option("--ref", o->ref, "reference configuration (LAMMPS data); the group is chosen here")->required();
  sub->add_option("--current", o->current, "current configuration of the same atoms (LAMMPS data)")->required();
  sub->add_option("--center", o->center, "id of the central atom (default: the rule, nearest the box centre)");
  sub->add_option("--center-element", o->element, "element of the central atom for the rule")->capture_default_str();
  sub->add_option("--cutoff", o->cutoff, "group cutoff r_c (Å)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->callback([&out, status, o] {
    const Configuration ref = read_lammps_data(o->ref), cur = read_lammps_data(o->current);
    if (ref.n_atoms() != cur.n_atoms()) {
      throw InputError(o->current + " has " + std::to_string(cur.n_atoms()) + " atoms, " + o->ref + " has " +
                       std::to_string(ref.n_atoms()));
    }
    int center = static_cast<int>(o->center);
    if (center <= 0) {
      const auto e = std::find(ref.type_names.begin(), ref.type_names.end(), o->element);
      if (e == ref.type_names.end()) throw InputError(o->ref + ": no element " + o->element + " (name it in Masses comments)");
      center = central_atom_by_rule(ref, static_cast<int>(e - ref.type_names.begin()));
    }
    AtomGroup g;
    std::vector<int> rows_cur;
    try {
      g = select_group(ref, center, o->cutoff);
    } catch (const InputError& e) {
      throw InputError(o->ref + ": " + e.what());
    }
    try {
      rows_cur = rows_of_ids(cur, g.ids);
    } catch (const InputError& e) {
      throw InputError(o->current + ": " + e.what());
    }
    std::vector<double> x_ref, x_cur;
    for (size_t i = 0; i < g.ids.size(); ++i)
      for (int d = 0; d < 3; ++d) {
        x_ref.push_back(ref.x[3 * g.rows[i] + d]);
        x_cur.push_back(cur.x[3 * rows_cur[i] + d]);
      }
    const double s = rmsd_host(x_cur, x_ref, cur.len);
    const nlohmann::json j = {{"center_id", center}, {"cutoff_A", o->cutoff}, {"count", g.ids.size()},
                              {"ids", g.ids}, {"rmsd_A", s}};
    out << j.dump(2) << "\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
