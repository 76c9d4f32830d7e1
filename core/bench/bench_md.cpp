// Benchmarks of the engine, each reporting atom-steps/s (atoms × calls per
// second): the force kernel, the neighbour build, one NVT step, and the
// batched step versus the number of replicas R. The system is a 4000-atom
// Cu50Zr50 configuration (fcc sites at glass density, random species; the
// ci/bench_vs_lammps.sh script times a quenched glass against LAMMPS).
#include <benchmark/benchmark.h>

#include <cmath>

#include "core/bias/wt_metad.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/potential/eam_fs.hpp"
#include "core/potential/force_field.hpp"
#include "core/system/alloy_lattice.hpp"

using namespace betarelax;

namespace {

constexpr const char* kPotential = BETARELAX_BENCH_POTENTIAL;  // found by CMake (LAMMPS's CuZr_mm.eam.fs)

Configuration cuzr_lattice(int cells) {
  AlloyLatticeParams p;
  p.cells = cells;  // 4 cells^3 atoms
  p.a = 4.2;
  p.jitter = 0.2;
  p.seed = 1;
  return make_alloy_lattice(p);
}

struct Setup {
  System sys;
  ForceField ff;
};

Setup make_setup(int replicas, int cells = 10) {
  Setup s;
  s.sys = make_system(cuzr_lattice(cells), replicas);
  s.ff = make_force_field(kPotential, {"Cu", "Zr"}, s.sys, 1.0);
  create_velocities(s.sys, {300.0}, 1);
  return s;
}

void rate(benchmark::State& state, double atoms) {
  state.counters["atom-steps/s"] =
      benchmark::Counter(atoms * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

static void BM_ForceKernel(benchmark::State& state) {
  Setup s = make_setup(1);
  for (auto _ : state) {
    compute_eam_fs(s.ff.potential, s.sys, s.ff.list, s.ff.work, Tally::forces);
    Kokkos::fence();
  }
  rate(state, s.sys.n_atoms);
}
BENCHMARK(BM_ForceKernel)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_NeighborBuild(benchmark::State& state) {
  Setup s = make_setup(1);
  for (auto _ : state) {
    build_neighbor_list(s.ff.list, s.sys);
    Kokkos::fence();
  }
  rate(state, s.sys.n_atoms);
}
BENCHMARK(BM_NeighborBuild)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_NvtStep(benchmark::State& state) {
  Setup s = make_setup(static_cast<int>(state.range(0)));
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {300.0};
  MdIntegrator md = make_md(s.sys, s.ff, p);
  for (auto _ : state) {
    md_step(md, s.sys, s.ff, 0.0, false);
    Kokkos::fence();
  }
  rate(state, double(s.sys.n_atoms) * s.sys.n_replicas);
  state.counters["replicas"] = s.sys.n_replicas;
}
BENCHMARK(BM_NvtStep)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The campaign's step: NVT with the RMSD CV of a 13-atom group and its
/// WT-MetaD bias on every replica, a hill every 50 steps (the smoke pace),
/// R replicas of the 500-atom (smoke) or 4000-atom (paper) system.
static void BM_MetadBatchStep(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0)), replicas = static_cast<int>(state.range(1));
  Setup s = make_setup(replicas, cells);
  const Configuration c = cuzr_lattice(cells);
  std::vector<int> group;
  std::vector<double> ref;
  for (int i = 0; i < 13; ++i) {
    group.push_back(i);
    for (int d = 0; d < 3; ++d) ref.push_back(c.x[3 * i + d]);
  }
  RmsdCv cv = make_rmsd_cv(s.sys, {group}, {ref});
  WtMetadParams wp;
  wp.height0 = 0.05;
  wp.pace = 50;
  wp.wall_position = 3.0;  // as the campaigns' TOMLs: without it the bias pushed the group apart until NaN
  WtMetad metad = make_wt_metad(replicas, wp);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {300.0};
  MdIntegrator md = make_md(s.sys, s.ff, p);
  md.post_force = [&](System& sys) {
    compute_rmsd_cv(cv, sys);
    wt_metad_evaluate(metad, cv.value);
    apply_cv_force(cv, sys, metad.dv_ds);
  };
  long step = 0;
  for (auto _ : state) {
    md_step(md, s.sys, s.ff, 0.0, false);
    if (++step % wp.pace == 0) wt_metad_deposit(metad, cv.value);
    Kokkos::fence();
  }
  // A time of NaN arithmetic is not a time of the campaign's step.
  auto sv = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cv.value);
  for (int r = 0; r < replicas; ++r)
    if (!std::isfinite(sv(r))) state.SkipWithError("the CV of a replica went non-finite");
  rate(state, double(s.sys.n_atoms) * s.sys.n_replicas);
  state.counters["replicas"] = replicas;
  state.counters["atoms"] = s.sys.n_atoms;
}
BENCHMARK(BM_MetadBatchStep)
    ->ArgsProduct({{5, 10}, {1, 2, 4, 8, 16}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// The metadynamics part of a step alone: the RMSD CV of a 15-atom group,
/// the bias and its force on the atoms, on the 4000-atom system (one
/// replica). Divided by BM_NvtStep/1's time it is the overhead of WT-MetaD
/// on a step (ci/bench.sh prints it; issue #10's target: <= 2 %).
static void BM_CvAndBias(benchmark::State& state) {
  Setup s = make_setup(1);
  const Configuration c = cuzr_lattice(10);
  std::vector<int> group;
  std::vector<double> ref;
  for (int i = 0; i < 15; ++i) {
    group.push_back(i);
    for (int d = 0; d < 3; ++d) ref.push_back(c.x[3 * i + d]);
  }
  RmsdCv cv = make_rmsd_cv(s.sys, {group}, {ref});
  WtMetadParams wp;
  wp.height0 = 0.01;
  wp.pace = 1000;
  WtMetad metad = make_wt_metad(1, wp);
  compute_rmsd_cv(cv, s.sys);
  for (int h = 0; h < 200; ++h) wt_metad_deposit(metad, cv.value);  // a bias grid with history
  long step = 0;
  for (auto _ : state) {
    compute_rmsd_cv(cv, s.sys);
    wt_metad_evaluate(metad, cv.value);
    apply_cv_force(cv, s.sys, metad.dv_ds);
    if (++step % wp.pace == 0) wt_metad_deposit(metad, cv.value);
    Kokkos::fence();
  }
  rate(state, s.sys.n_atoms);
}
BENCHMARK(BM_CvAndBias)->Unit(benchmark::kMicrosecond)->UseRealTime();
