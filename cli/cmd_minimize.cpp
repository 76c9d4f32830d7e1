// `betarelax minimize`: FIRE to the inherent structure of a configuration.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/engine_input.hpp"
#include "core/io/lammps_data.hpp"
#include "core/minimize/fire.hpp"

namespace betarelax::cli {

CLI::App* add_minimize_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("minimize", "FIRE minimisation to the inherent structure");
  auto in = std::make_shared<EngineInput>();
  auto out_file = std::make_shared<std::string>();
  auto fp = std::make_shared<FireParams>();
  add_engine_options(*sub, *in);
  sub->add_option("--out", *out_file, "write the minimised configuration to this LAMMPS data file")->required();
  sub->add_option("--ftol", fp->ftol, "force tolerance on max_i |F_i| (eV/Å)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--max-steps", fp->max_steps, "FIRE step limit")->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->callback([&out, status, in, out_file, fp] {
    Engine e = load_engine(*in);
    const FireResult r = fire_minimize(e.sys, e.ff, *fp).front();
    write_lammps_data(*out_file, extract_replica(e.sys, 0), "betarelax inherent structure (FIRE)");
    const nlohmann::json j = {{"natoms", e.sys.n_atoms},
                              {"energy_eV", r.energy},
                              {"energy_per_atom_eV", r.energy / e.sys.n_atoms},
                              {"fmax_eV_per_A", r.fmax},
                              {"steps", r.steps},
                              {"converged", r.status == FireStatus::converged},
                              {"force_evaluations", e.ff.evaluations},
                              {"out", *out_file}};
    out << std::setprecision(17) << j.dump(2) << "\n";
    *status = r.status == FireStatus::converged ? kOk : kError;
  });
  return sub;
}

}  // namespace betarelax::cli
