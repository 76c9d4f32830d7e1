// `betarelax md`: NVE / NVT / NPT molecular dynamics of one data file, with
// thermo CSV, the final configuration and a timing line.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <ostream>

#include "atomic_write.hpp"
#include "cli.hpp"
#include "engine_input.hpp"
#include "lammps_data.hpp"
#include "md.hpp"
#include "provenance.hpp"
#include "thermo_csv.hpp"
#include "velocity_init.hpp"

namespace betarelax::cli {

CLI::App* add_md_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("md", "molecular dynamics (NVE, NVT, NPT) of a LAMMPS data file");
  struct Options {
    EngineInput in;
    std::string ensemble = "nvt";
    double temperature = 300, t_stop = -1, t_damp = 0.2, pressure = 0, p_damp = 2.0, dt = 0.002;
    long steps = 0, thermo = 100;
    uint64_t seed = 12345;
    std::string velocities = "auto";
    std::string out_dir = "md_out";
  };
  auto o = std::make_shared<Options>();
  add_engine_options(*sub, o->in);
  sub->add_option("--ensemble", o->ensemble, "nve | nvt | npt (isotropic)")
      ->check(CLI::IsMember({"nve", "nvt", "npt"}))
      ->capture_default_str();
  sub->add_option("--temperature", o->temperature, "target temperature, start of a ramp (K)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--temperature-stop", o->t_stop, "end of a temperature ramp (K); default: no ramp")
      ->check(CLI::PositiveNumber);
  sub->add_option("--tdamp", o->t_damp, "thermostat damping time (ps)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--pressure", o->pressure, "target pressure for npt (bar)")->capture_default_str();
  sub->add_option("--pdamp", o->p_damp, "barostat damping time (ps)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--dt", o->dt, "time step (ps)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--steps", o->steps, "number of steps")->required()->check(CLI::NonNegativeNumber);
  sub->add_option("--thermo", o->thermo, "thermo output every N steps")->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--seed", o->seed, "seed of the velocity creation")->capture_default_str();
  sub->add_option("--velocities", o->velocities,
                  "create: Maxwell-Boltzmann at --temperature; keep: from the data file; auto: keep if present")
      ->check(CLI::IsMember({"auto", "create", "keep"}))
      ->capture_default_str();
  sub->add_option("--out", o->out_dir, "output directory (thermo.csv, final.data, run.json)")->capture_default_str();
  sub->callback([&out, status, o] {
    Engine e = load_engine(o->in);
    const bool create = o->velocities == "create" || (o->velocities == "auto" && e.conf.v.empty());
    if (create) create_velocities(e.sys, {o->temperature}, o->seed);
    std::filesystem::create_directories(o->out_dir);
    MdParams p;
    p.ensemble = parse_ensemble(o->ensemble);
    p.dt = o->dt;
    p.t_start = {o->temperature};
    p.t_stop = {o->t_stop > 0 ? o->t_stop : o->temperature};
    p.t_damp = o->t_damp;
    p.p_start = {o->pressure};
    p.p_damp = o->p_damp;
    MdIntegrator md = make_md(e.sys, e.ff, p);
    ThermoCsv csv((std::filesystem::path(o->out_dir) / "thermo.csv").string(), p.dt);
    const auto start = std::chrono::steady_clock::now();
    run_md(md, e.sys, e.ff, o->steps, o->thermo, [&](long step, const std::vector<ThermoRow>& rows) {
      csv.write(step, rows);
      out << "step " << step << "  T " << std::setprecision(6) << rows[0].temperature << " K  PE "
          << std::setprecision(10) << rows[0].potential << " eV  P " << std::setprecision(6) << rows[0].pressure
          << " bar  V " << rows[0].volume << " A^3\n";
    });
    Kokkos::fence();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double steps_per_s = o->steps / wall;
    write_lammps_data((std::filesystem::path(o->out_dir) / "final.data").string(), extract_replica(e.sys, 0),
                      "betarelax md final state (" + o->ensemble + ")");
    const BuildInfo info = build_info();
    const nlohmann::json run = {
        {"ensemble", o->ensemble}, {"steps", o->steps}, {"dt_ps", o->dt}, {"temperature_K", o->temperature},
        {"seed", o->seed}, {"velocities", create ? "created" : "from data file"},
        {"wall_time_s", wall}, {"steps_per_s", steps_per_s}, {"atom_steps_per_s", steps_per_s * e.sys.n_atoms},
        {"neighbor_builds", e.ff.list.builds},
        {"potential", {{"path", e.ff.potential.file.path}, {"sha256", e.ff.potential.file.sha256}}},
        {"data", o->in.data},
        {"provenance", {{"git_revision", info.git_revision}, {"execution_space", info.execution_space},
                        {"concurrency", info.concurrency}, {"kokkos", info.kokkos_version}, {"device", info.device}}}};
    atomic_write((std::filesystem::path(o->out_dir) / "run.json").string(),
                 [&](std::ostream& os) { os << run.dump(2) << "\n"; });
    out << "timing: " << o->steps << " steps in " << std::setprecision(4) << wall << " s: " << steps_per_s
        << " steps/s, " << steps_per_s * e.sys.n_atoms << " atom-steps/s (" << info.execution_space << ", "
        << info.concurrency << " threads)\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
