// `betarelax md`: NVE / NVT / NPT molecular dynamics of one data file, with
// thermo CSV, the final configuration and a timing line.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/engine_input.hpp"
#include "core/integrate/md.hpp"
#include "core/integrate/thermo_csv.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/io/build_info.hpp"
#include "core/io/checkpoint.hpp"
#include "core/io/extxyz.hpp"
#include "core/io/lammps_data.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"

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
    long checkpoint_every = 0;
    long stop_after = 0;
    bool resume = false;
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
  sub->add_option("--out", o->out_dir, "output directory (thermo.csv, final.data, final.xyz, run.json, state.ckpt)")
      ->capture_default_str();
  sub->add_option("--checkpoint-every", o->checkpoint_every, "write OUT/state.ckpt every N steps (0: at the end only)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--stop-after", o->stop_after,
                  "take at most N steps in this invocation, checkpoint and exit (a batch job's wall-time slice)")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--resume", o->resume,
                "continue the run in OUT from OUT/state.ckpt (same data file and options), bit for bit");
  sub->callback([&out, status, o] {
    Engine e = load_engine(o->in);
    const std::filesystem::path dir(o->out_dir);
    const std::string ckpt = (dir / "state.ckpt").string();
    const bool create = o->velocities == "create" || (o->velocities == "auto" && e.conf.v.empty());
    if (create) create_velocities(e.sys, {o->temperature}, o->seed);
    std::filesystem::create_directories(dir);
    MdParams p;
    p.ensemble = parse_ensemble(o->ensemble);
    p.dt = o->dt;
    p.t_start = {o->temperature};
    p.t_stop = {o->t_stop > 0 ? o->t_stop : o->temperature};
    p.t_damp = o->t_damp;
    p.p_start = {o->pressure};
    p.p_damp = o->p_damp;
    MdIntegrator md = make_md(e.sys, e.ff, p);
    if (o->resume) {
      read_checkpoint(ckpt, e.sys, e.ff, md);
      if (md.run_end != o->steps) {
        throw InputError(ckpt + ": the checkpointed run has " + std::to_string(md.run_end) + " steps, not --steps " +
                         std::to_string(o->steps));
      }
      truncate_thermo_csv((dir / "thermo.csv").string(), md.step);
      out << "resuming at step " << md.step << " of " << md.run_end << "\n";
    }
    ThermoCsv csv((dir / "thermo.csv").string(), p.dt, o->resume);
    auto on_thermo = [&](long step, const std::vector<ThermoRow>& rows) {
      csv.write(step, rows);
      out << "step " << step << "  T " << std::setprecision(6) << rows[0].temperature << " K  PE "
          << std::setprecision(10) << rows[0].potential << " eV  P " << std::setprecision(6) << rows[0].pressure
          << " bar  V " << rows[0].volume << " A^3\n";
    };
    const auto start = std::chrono::steady_clock::now();
    const long first_step = md.step;
    if (!o->resume) {
      md.run_begin = md.step;
      md.run_end = md.step + o->steps;
      on_thermo(md.step, thermo_rows(e.sys, e.ff, md.kinetic));
    }
    const long last = o->stop_after > 0 ? std::min(md.run_end, md.step + o->stop_after) : md.run_end;
    while (md.step < last) {
      const long slice = o->checkpoint_every > 0 ? std::min(o->checkpoint_every, last - md.step) : last - md.step;
      continue_md(md, e.sys, e.ff, o->thermo, on_thermo, slice);
      if (md.step < md.run_end) write_checkpoint(ckpt, e.sys, e.ff, md);
    }
    if (md.step == md.run_end) write_checkpoint(ckpt, e.sys, e.ff, md);
    const long timed_steps = md.step - first_step;  // a resumed run times only its own steps
    Kokkos::fence();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double steps_per_s = timed_steps / wall;
    if (md.step < md.run_end) {
      out << "stopped at step " << md.step << " of " << md.run_end << "; continue with --resume\n";
    } else {
      const Configuration final_state = extract_replica(e.sys, 0);
      write_lammps_data((dir / "final.data").string(), final_state, "betarelax md final state (" + o->ensemble + ")");
      write_extxyz((dir / "final.xyz").string(), final_state, md.step * p.dt);
    }
    const BuildInfo info = build_info();
    const nlohmann::json run = {
        {"ensemble", o->ensemble}, {"steps", md.run_end}, {"timed_steps", timed_steps}, {"dt_ps", o->dt}, {"temperature_K", o->temperature},
        {"seed", o->seed}, {"velocities", create ? "created" : "from data file"},
        {"wall_time_s", wall}, {"steps_per_s", steps_per_s}, {"atom_steps_per_s", steps_per_s * e.sys.n_atoms},
        {"neighbor_builds", e.ff.list.builds},
        {"potential", {{"path", e.ff.potential.file.path}, {"sha256", e.ff.potential.file.sha256}}},
        {"data", o->in.data},
        {"provenance", to_json(info)}};
    atomic_write((dir / "run.json").string(),
                 [&](std::ostream& os) { os << run.dump(2) << "\n"; });
    out << "timing: " << timed_steps << " steps in " << std::setprecision(4) << wall << " s: " << steps_per_s
        << " steps/s, " << steps_per_s * e.sys.n_atoms << " atom-steps/s (" << info.execution_space << ", "
        << info.concurrency << " threads)\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
