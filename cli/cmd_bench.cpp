// `betarelax bench`: the engine's speed on a data file, as a user would time
// LAMMPS on it: NVT steps/s and atom-steps/s for R = 1, 2, 4, ... copies of the
// system run as one batch (the campaigns' inner loop), the force call and the
// neighbour build, and with --lammps the same NVT run by `mpirun -np T lmp`
// in the same invocation with pair_style eam/fs and with eam/fs/opt (LAMMPS's
// fastest CPU style for it; the same skin), as two ratios. With --metad, the
// campaigns' step as well: the same NVT with the RMSD CV of the group the
// campaigns' rule picks and its WT-MetaD bias on every replica, a hill every 50 steps.
// Numbers are measured and written to OUT/bench.json with provenance; nothing
// is asserted (speed is never a test).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <memory>
#include <ostream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/engine_input.hpp"
#include "core/bias/wt_metad.hpp"
#include "core/cv/atom_group.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/io/build_info.hpp"
#include "core/io/lammps_data.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"

namespace betarelax::cli {
namespace {

struct BenchOptions {
  EngineInput in;
  double temperature = 300;
  long steps = 200, warmup = 20, force_calls = 20;
  std::vector<int> replicas = {1};
  bool lammps = false;
  bool metad = false;
  std::string out_dir = "bench_out";
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  Kokkos::fence();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The biased group of --metad, by the campaigns' own rule: the atom of the
/// first type nearest the box centre and every atom within the paper's 4.0 Å.
constexpr double kBenchGroupCutoff_A = 4.0;

/// R copies of the data file, NVT at the bench temperature (with the
/// WT-MetaD bias when `metad`): `warmup` steps, then `steps` timed steps, then
/// `force_calls` timed force calls and one timed neighbour build.
nlohmann::json time_replicas(const BenchOptions& o, int replicas, bool metad) {
  Engine e = load_engine(o.in, replicas);
  if (e.conf.v.empty()) create_velocities(e.sys, {o.temperature}, 12345);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {o.temperature};
  p.t_stop = {o.temperature};
  MdIntegrator md = make_md(e.sys, e.ff, p);
  WtMetadParams wp;
  wp.height0 = 0.05;
  wp.pace = 50;
  wp.wall_position = 3.0;  // as the campaigns: keeps the biased group on the grid
  std::unique_ptr<RmsdCv> cv;
  std::unique_ptr<WtMetad> bias;
  if (metad) {
    const std::vector<int> group = select_group(e.conf, central_atom_by_rule(e.conf, 0), kBenchGroupCutoff_A).rows;
    std::vector<double> ref;
    for (int a : group)
      for (int d = 0; d < 3; ++d) ref.push_back(e.conf.x[3 * a + d]);
    cv = std::make_unique<RmsdCv>(make_rmsd_cv(e.sys, {group}, {ref}));
    bias = std::make_unique<WtMetad>(make_wt_metad(replicas, wp));
    md.post_force = [&](System& sys) {
      compute_rmsd_cv(*cv, sys);
      wt_metad_evaluate(*bias, cv->value);
      apply_cv_force(*cv, sys, bias->dv_ds);
    };
  }
  auto steps = [&](long n) {
    for (long k = 0; k < n; ++k) {
      md_step(md, e.sys, e.ff, 0.0, false);
      if (metad && md.step % wp.pace == 0) wt_metad_deposit(*bias, cv->value);
    }
  };
  steps(o.warmup);
  const long builds_before = e.ff.list.builds;
  auto t0 = std::chrono::steady_clock::now();
  steps(o.steps);
  const double md_wall = seconds_since(t0);
  const long builds = e.ff.list.builds - builds_before;
  t0 = std::chrono::steady_clock::now();
  for (long c = 0; c < o.force_calls; ++c) compute_forces(e.ff, e.sys, Tally::forces);
  const double force_wall = seconds_since(t0) / double(o.force_calls);
  t0 = std::chrono::steady_clock::now();
  build_neighbor_list(e.ff.list, e.sys);
  const double build_wall = seconds_since(t0);
  const double atoms = double(e.sys.n_atoms) * replicas;
  return {{"step", metad ? "nvt+wt_metad" : "nvt"},
          {"replicas", replicas},
          {"atoms", atoms},
          {"steps", o.steps},
          {"wall_time_s", md_wall},
          {"steps_per_s", o.steps / md_wall},
          {"atom_steps_per_s", atoms * o.steps / md_wall},
          {"neighbor_builds", builds},
          {"force_call_ms", force_wall * 1e3},
          {"neighbor_build_ms", build_wall * 1e3}};
}

/// LAMMPS pair styles timed with --lammps: the plain one and the OPT package's.
const char* const kLammpsStyles[] = {"eam/fs", "eam/fs/opt"};

/// The same NVT run by LAMMPS over `ranks` MPI ranks with pair style `style`;
/// steps/s from its "Loop time". Its input and log are named after the style.
nlohmann::json time_lammps(const BenchOptions& o, const std::filesystem::path& dir, int ranks, const std::string& style) {
  const Engine e = load_engine(o.in, 1);
  std::string elements;
  for (const auto& el : type_elements(o.in, e.conf, e.ff.potential.file)) elements += " " + el;
  const auto data = std::filesystem::absolute(o.in.data).string();
  const auto potential = std::filesystem::absolute(o.in.potential).string();
  std::string tag = style;
  for (char& c : tag) c = c == '/' ? '_' : c;
  {
    std::ofstream in(dir / ("in." + tag + ".lammps"));
    in << "units metal\natom_style atomic\nboundary p p p\nread_data " << data << "\n"
       << "pair_style " << style << "\npair_coeff * * " << potential << elements << "\n"
       << "neighbor " << o.in.skin << " bin\nneigh_modify every 1 delay 0 check yes\ntimestep 0.002\n"
       << (e.conf.v.empty() ? "velocity all create " + std::to_string(o.temperature) + " 12345 dist gaussian\n" : "")
       << "fix 1 all nvt temp " << o.temperature << " " << o.temperature << " 0.2\nthermo 0\n"
       << "run " << o.warmup << "\nrun " << o.steps << "\n";
  }
  const std::string log = (dir / (tag + ".log")).string();
  const std::string cmd = "cd '" + dir.string() + "' && OMP_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -np " +
                          std::to_string(ranks) + " lmp -in in." + tag + ".lammps -log " + tag + ".log -screen none > " +
                          tag + ".out 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    throw InputError("bench --lammps: `" + cmd + "` failed; see " + log + " and " + (dir / (tag + ".out")).string());
  }
  std::ifstream is(log);
  std::string line;
  double loop = -1;  // the second run's loop time: the timed steps after the warm-up
  while (std::getline(is, line)) {
    if (line.rfind("Loop time of ", 0) == 0) std::istringstream(line.substr(13)) >> loop;
  }
  if (!(loop > 0)) throw InputError(log + ": no \"Loop time of\" line");
  return {{"pair_style", style}, {"ranks", ranks}, {"steps", o.steps}, {"loop_time_s", loop}, {"steps_per_s", o.steps / loop},
          {"atom_steps_per_s", double(e.sys.n_atoms) * o.steps / loop}};
}

}  // namespace

CLI::App* add_bench_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand(
      "bench", "speed of the engine on a data file: NVT atom-steps/s vs batched replicas R, force call, "
               "neighbour build, and the ratio to mpirun lmp (--lammps)");
  auto o = std::make_shared<BenchOptions>();
  add_engine_options(*sub, o->in);
  sub->add_option("--temperature", o->temperature, "NVT temperature (K)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--steps", o->steps, "timed NVT steps")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--warmup", o->warmup, "NVT steps before the timing")->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--force-calls", o->force_calls, "timed force calls")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--replicas", o->replicas, "numbers of replicas to time, e.g. 1,2,4,8,16")
      ->delimiter(',')
      ->check(CLI::PositiveNumber);
  sub->add_flag("--lammps", o->lammps,
                "also time `mpirun -np T lmp` (T = this run's threads) on the same file with eam/fs and eam/fs/opt "
                "and print both ratios");
  sub->add_flag("--metad", o->metad,
                "also time the campaigns' step: NVT with the RMSD CV and WT-MetaD bias of the atoms within 4 A of "
                "the type-1 atom nearest the box centre on every replica, a hill every 50 steps");
  sub->add_option("--out", o->out_dir, "output directory (bench.json, and LAMMPS inputs and logs with --lammps)")
      ->capture_default_str();
  sub->callback([&out, status, o] {
    const std::filesystem::path dir(o->out_dir);
    std::filesystem::create_directories(dir);
    const nlohmann::json prov = to_json(build_info());
    nlohmann::json runs = nlohmann::json::array();
    out << "bench: " << o->in.data << ", NVT " << o->temperature << " K, " << o->steps << " steps after " << o->warmup
        << " (" << prov["execution_space"].get<std::string>() << ", " << prov["concurrency"].get<int>()
        << " threads, " << prov["device"].get<std::string>() << ")\n";
    out << "   R       atoms     steps/s  atom-steps/s  x(R=1)  force call (ms)  build (ms)  builds  step\n";
    for (const bool metad : {false, true}) {
      if (metad && !o->metad) break;
      double base = 0;
      for (const int r : o->replicas) {
        nlohmann::json run = time_replicas(*o, r, metad);
        const double rate = run["atom_steps_per_s"].get<double>();
        if (base == 0) base = rate;
        run["ratio_to_first"] = rate / base;
        out << std::setw(4) << r << std::setw(12) << run["atoms"].get<double>() << std::fixed << std::setprecision(1)
            << std::setw(12) << run["steps_per_s"].get<double>() << std::scientific << std::setprecision(3)
            << std::setw(14) << rate << std::fixed << std::setprecision(2) << std::setw(8) << rate / base
            << std::setw(17) << run["force_call_ms"].get<double>() << std::setw(12)
            << run["neighbor_build_ms"].get<double>() << std::setw(8) << run["neighbor_builds"].get<long>() << "  "
            << run["step"].get<std::string>() << "\n"
            << std::defaultfloat;
        runs.push_back(run);
      }
    }
    nlohmann::json result = {{"data", o->in.data},     {"potential", o->in.potential}, {"skin_A", o->in.skin},
                             {"temperature_K", o->temperature}, {"runs", runs}, {"provenance", prov}};
    if (o->lammps) {
      const int ranks = prov["concurrency"].get<int>();
      const double ours = runs.at(0)["steps_per_s"].get<double>() / runs.at(0)["replicas"].get<int>();
      nlohmann::json lammps = nlohmann::json::array();
      for (const char* style : kLammpsStyles) {
        nlohmann::json lmp = time_lammps(*o, dir, ranks, style);
        lmp["ratio_betarelax_to_lammps"] = ours / lmp["steps_per_s"].get<double>();
        out << "LAMMPS " << style << " (mpirun -np " << ranks << " lmp): " << std::setprecision(4)
            << lmp["steps_per_s"].get<double>() << " steps/s; betarelax R = " << runs.at(0)["replicas"].get<int>()
            << ": " << ours << " steps/s per replica; ratio " << std::setprecision(3)
            << lmp["ratio_betarelax_to_lammps"].get<double>() << "\n";
        lammps.push_back(lmp);
      }
      result["lammps"] = lammps;
    }
    atomic_write((dir / "bench.json").string(), [&](std::ostream& os) { os << result.dump(2) << "\n"; });
    out << "wrote " << (dir / "bench.json").string() << "\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
