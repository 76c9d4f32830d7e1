// `betarelax energy`: potential energy, pressure and per-atom forces of one
// configuration, the quantities LAMMPS's `run 0` prints.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/engine_input.hpp"
#include "core/integrate/thermo.hpp"
#include "support/atomic_write.hpp"

namespace betarelax::cli {

CLI::App* add_energy_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("energy", "energy, pressure and per-atom forces of a LAMMPS data file");
  auto in = std::make_shared<EngineInput>();
  auto forces_csv = std::make_shared<std::string>();
  add_engine_options(*sub, *in);
  sub->add_option("--forces", *forces_csv, "write id,fx,fy,fz,pe per atom (eV/Å, eV) to this CSV file");
  sub->callback([&out, status, in, forces_csv] {
    Engine e = load_engine(*in);
    compute_forces(e.ff, e.sys, Tally::per_atom);
    ReplicaSum<1> ke(1, e.sys.n_atoms);
    const ThermoRow t = thermo_rows(e.sys, e.ff, ke).front();
    // The potential's virial W = Σ r ⊗ F over pairs (eV): the pressure's
    // configurational part, as LAMMPS's compute pressure virial.
    auto totals = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), e.ff.work.totals.result());
    const std::vector<double> virial = {totals(0, 1), totals(0, 2), totals(0, 3), totals(0, 4), totals(0, 5), totals(0, 6)};
    const nlohmann::json j = {{"natoms", e.sys.n_atoms},
                              {"virial_eV", virial},
                              {"virial_components", {"xx", "yy", "zz", "xy", "xz", "yz"}},
                              {"energy_eV", t.potential},
                              {"energy_per_atom_eV", t.potential / e.sys.n_atoms},
                              {"pressure_bar", t.pressure},
                              {"temperature_K", t.temperature},
                              {"volume_A3", t.volume},
                              {"potential", {{"path", e.ff.potential.file.path}, {"sha256", e.ff.potential.file.sha256}}},
                              {"data", in->data}};
    out << std::setprecision(17) << j.dump(2) << "\n";
    if (!forces_csv->empty()) {
      auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), e.sys.f);
      auto pe = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), e.ff.work.pe_atom);
      auto id = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), e.sys.id);
      atomic_write(*forces_csv, [&](std::ostream& os) {
        os << "id,fx,fy,fz,pe\n" << std::setprecision(17);
        for (int i = 0; i < e.sys.n_atoms; ++i) {
          os << id(i) << "," << f(i, 0) << "," << f(i, 1) << "," << f(i, 2) << "," << pe(i) << "\n";
        }
      });
    }
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
