// Integrators that know their answers: energy conservation and time
// reversibility of velocity Verlet, the canonical temperature distribution of
// the Nosé–Hoover chain, NPT relaxing the volume to zero pressure, exact
// velocity creation, determinism.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <tuple>

#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/integrate/velocity_verlet.hpp"
#include "core/tests/test_support.hpp"

using namespace betarelax;
using namespace betarelax::test;

// Device lambdas may not live in a test body (a private member function for
// nvcc): kernels of the tests are free functions.
namespace betarelax::test {
void negate_velocities(System& sys) {
  auto v = sys.v;
  Kokkos::parallel_for(
      "test::negate_velocities", Kokkos::RangePolicy<ExecSpace>(0, v.extent(0)), KOKKOS_LAMBDA(const size_t k) {
        for (int d = 0; d < 3; ++d) v(k, d) = -v(k, d);
      });
}
}  // namespace betarelax::test

namespace {

/// 500 Cu50Zr50 atoms at 300 K after 1 ps of NVT (a dense, disordered start).
System equilibrated_system(int replicas, double temperature, ForceField* ff_out = nullptr, uint64_t seed = 3) {
  System sys = make_system(cuzr_config(5, seed, 0.2), replicas);
  ForceField ff = force_field(sys);
  create_velocities(sys, {temperature}, seed);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {temperature};
  MdIntegrator md = make_md(sys, ff, p);
  run_md(md, sys, ff, 500, 0, nullptr);
  if (ff_out) *ff_out = std::move(ff);
  return sys;
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / v.size(); }
double stddev(const std::vector<double>& v) {
  const double m = mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / (v.size() - 1));
}

}  // namespace

TEST(VelocityInit, ExactTemperatureZeroMomentumSeedDependent) {
  System sys = make_system(cuzr_config(5, 1), 3);
  ForceField ff = force_field(sys);
  create_velocities(sys, {100.0, 300.0, 300.0}, 42);
  ReplicaSum<1> ke(3, sys.n_atoms);
  compute_forces(ff, sys, Tally::totals);
  const auto rows = thermo_rows(sys, ff, ke);
  EXPECT_NEAR(rows[0].temperature, 100.0, 1e-9);
  EXPECT_NEAR(rows[1].temperature, 300.0, 1e-9);
  auto v = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.v);
  auto mass = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.mass);
  auto type = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.type);
  const int n = sys.n_atoms;
  for (int r = 0; r < 3; ++r) {
    double p[3] = {0, 0, 0};
    for (int i = 0; i < n; ++i) {
      for (int d = 0; d < 3; ++d) p[d] += mass(type(i)) * v(size_t(r) * n + i, d);
    }
    for (int d = 0; d < 3; ++d) EXPECT_NEAR(p[d], 0.0, 1e-10) << "replica " << r;
  }
  // Replicas 1 and 2 differ (their own random streams) ...
  EXPECT_NE(v(size_t(1) * n, 0), v(size_t(2) * n, 0));
  // ... and replica r equals the single-replica draw at offset r.
  System one = make_system(cuzr_config(5, 1), 1);
  ForceField ff1 = force_field(one);
  create_velocities(one, {300.0}, 42, 2);
  auto v1 = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), one.v);
  for (int i = 0; i < n; ++i) ASSERT_EQ(v1(i, 1), v(size_t(2) * n + i, 1));
}

TEST(VelocityVerlet, ConservesEnergyOverTenPicoseconds) {
  // Velocity Verlet is symplectic: the total energy fluctuates by O(dt²) with
  // no secular drift. Bounds (500 atoms, 300 K, dt = 2 fs, 10 ps): the
  // linear-fit drift must stay below 1e-5 eV/atom/ps (a non-conservative force
  // or a wrong kick factor drifts by 1e-3 or more), fluctuations below
  // 2e-4 eV/atom (about 1% of k_B T).
  ForceField ff;
  System sys = equilibrated_system(1, 300.0, &ff);
  MdParams p;
  p.ensemble = Ensemble::nve;
  MdIntegrator md = make_md(sys, ff, p);
  std::vector<double> t, e;
  run_md(md, sys, ff, 5000, 50, [&](long step, const std::vector<ThermoRow>& rows) {
    t.push_back(step * p.dt);
    e.push_back((rows[0].potential + rows[0].kinetic) / sys.n_atoms);
  });
  const double tm = mean(t), em = mean(e);
  double sxy = 0, sxx = 0, dev = 0;
  for (size_t k = 0; k < t.size(); ++k) {
    sxy += (t[k] - tm) * (e[k] - em);
    sxx += (t[k] - tm) * (t[k] - tm);
    dev = std::max(dev, std::abs(e[k] - e[0]));
  }
  const double drift = sxy / sxx;
  std::cout << "[nve] 10 ps: drift " << drift << " eV/atom/ps, max |E - E0| " << dev << " eV/atom\n";
  EXPECT_LT(std::abs(drift), 1e-5);
  EXPECT_LT(dev, 2e-4);
}

TEST(VelocityVerlet, RunsBackwardsToTheStart) {
  ForceField ff;
  System sys = equilibrated_system(1, 300.0, &ff);
  const Configuration start = extract_replica(sys, 0);
  MdParams p;
  p.ensemble = Ensemble::nve;
  MdIntegrator md = make_md(sys, ff, p);
  run_md(md, sys, ff, 200, 0, nullptr);
  negate_velocities(sys);
  run_md(md, sys, ff, 200, 0, nullptr);
  const Configuration end = extract_replica(sys, 0);
  double worst = 0;
  for (int i = 0; i < start.n_atoms(); ++i) {
    for (int d = 0; d < 3; ++d) {
      const double a = start.x[3 * i + d] + start.image[3 * i + d] * start.len[d];
      const double b = end.x[3 * i + d] + end.image[3 * i + d] * end.len[d];
      worst = std::max(worst, std::abs(a - b));
    }
  }
  std::cout << "[reversibility] 0.4 ps there and back: max |dx| = " << worst << " A\n";
  // Round-off (1e-16) grows by the Lyapunov factor of 0.8 ps of dynamics.
  EXPECT_LT(worst, 1e-7);
}

TEST(NoseHooverChain, SamplesTheCanonicalKineticEnergy) {
  // Canonical ensemble: <T> = T0 and std(T)/T0 = sqrt(2/dof) (the kinetic
  // energy is Gamma-distributed with dof/2 degrees). Four replicas, 4 ps each
  // after equilibration, samples every 0.1 ps (about the thermostat's Tdamp,
  // so nearly independent): ~160 samples. Mean within 5 standard errors;
  // the spread within 25% (its relative standard error is ~1/sqrt(2·160) ≈ 6%).
  // At 1200 K the system is a liquid that forgets its fcc start within the
  // 1 ps equilibration; a glass at 300 K would still release energy.
  const double t0 = 1200.0;
  ForceField ff;
  System sys = equilibrated_system(4, t0, &ff);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {t0};
  MdIntegrator md = make_md(sys, ff, p);
  std::vector<double> temps;
  run_md(md, sys, ff, 2000, 50, [&](long step, const std::vector<ThermoRow>& rows) {
    if (step == 0) return;
    for (const auto& r : rows) temps.push_back(r.temperature);
  });
  const double expected_sd = t0 * std::sqrt(2.0 / temperature_dof(sys.n_atoms));
  const double m = mean(temps), sd = stddev(temps);
  std::cout << "[nvt] <T> = " << m << " K (expect " << t0 << "), sd = " << sd << " K (expect " << expected_sd
            << "), n = " << temps.size() << "\n";
  EXPECT_NEAR(m, t0, 5.0 * expected_sd / std::sqrt(double(temps.size())));
  EXPECT_NEAR(sd / expected_sd, 1.0, 0.25);
}

TEST(NoseHooverChain, RampsTheTargetTemperature) {
  ForceField ff;
  System sys = equilibrated_system(1, 300.0, &ff);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {300.0};
  p.t_stop = {600.0};
  MdIntegrator md = make_md(sys, ff, p);
  std::vector<double> late;
  run_md(md, sys, ff, 2000, 20, [&](long step, const std::vector<ThermoRow>& rows) {
    if (step > 1800) late.push_back(rows[0].temperature);
  });
  EXPECT_NEAR(mean(late), 585.0, 40.0) << "the last 0.4 ps of a 300 -> 600 K ramp averages ~585 K";
}

TEST(MtkBarostat, RelaxesTheVolumeToZeroPressure) {
  // Compressed start (a = 4.0 Å, ~+100 kbar): NPT at 0 bar must expand the box
  // and hold the mean pressure near zero. 500 atoms fluctuate by ~±5 kbar;
  // the mean of the last 4 ps (about two barostat periods) is checked to 3 kbar.
  System sys = make_system(cuzr_config(5, 3, 0.2, 4.0), 1);
  ForceField ff = force_field(sys, default_potential(), 0.8);
  create_velocities(sys, {300.0}, 5);
  MdParams p;
  p.ensemble = Ensemble::npt;
  p.t_start = {300.0};
  p.p_start = {0.0};
  MdIntegrator md = make_md(sys, ff, p);
  double v0 = 0, p0 = 0;
  std::vector<double> pressures, volumes;
  run_md(md, sys, ff, 4000, 20, [&](long step, const std::vector<ThermoRow>& rows) {
    if (step == 0) {
      v0 = rows[0].volume;
      p0 = rows[0].pressure;
    }
    if (step > 2000) {
      pressures.push_back(rows[0].pressure);
      volumes.push_back(rows[0].volume);
    }
  });
  std::cout << "[npt] start V = " << v0 << " A^3, P = " << p0 << " bar; last 4 ps <V> = " << mean(volumes)
            << " A^3, <P> = " << mean(pressures) << " bar (sd " << stddev(pressures) << ")\n";
  EXPECT_GT(p0, 2e4);
  EXPECT_GT(mean(volumes), 1.03 * v0);
  EXPECT_LT(std::abs(mean(pressures)), 3000.0);
}

TEST(Determinism, SameSeedSameTrajectoryBitForBit) {
  auto run = [] {
    ForceField ff;
    System sys = equilibrated_system(2, 400.0, &ff, 8);
    return extract_replica(sys, 1);
  };
  const Configuration a = run(), b = run();
  ASSERT_EQ(a.x.size(), b.x.size());
  for (size_t k = 0; k < a.x.size(); ++k) {
    ASSERT_EQ(a.x[k], b.x[k]) << k;
    ASSERT_EQ(a.v[k], b.v[k]) << k;
  }
}

TEST(FrozenReplica, StandsStillWhileTheOthersRunBitForBitAsBefore) {
  // Two replicas under NVT, one frozen after 100 steps (an empty batch slot):
  // it must not move for 400 steps (no runaway thermostat, no NaN), the other
  // must follow the trajectory it has with both running, to the bit, and a
  // new configuration thaws the frozen one.
  auto run = [](bool freeze) {
    System sys = make_system(cuzr_config(5, 4, 0.2), 2);
    ForceField ff = force_field(sys);
    create_velocities(sys, {300.0, 500.0}, 11);
    MdParams p;
    p.ensemble = Ensemble::nvt;
    p.t_start = {300.0, 500.0};
    MdIntegrator md = make_md(sys, ff, p);
    run_md(md, sys, ff, 100, 0, nullptr);
    const Configuration at_freeze = extract_replica(sys, 1);
    if (freeze) freeze_replica(sys, 1);
    run_md(md, sys, ff, 400, 0, nullptr);
    return std::make_tuple(extract_replica(sys, 0), extract_replica(sys, 1), at_freeze, std::move(sys), std::move(ff),
                           std::move(md));
  };
  auto [free0, free1, free_at, free_sys, free_ff, free_md] = run(false);
  auto [held0, held1, held_at, sys, ff, md] = run(true);
  ASSERT_EQ(sys.n_frozen, 1);
  for (size_t k = 0; k < held0.x.size(); ++k) {
    ASSERT_EQ(held0.x[k], free0.x[k]) << "running replica, coordinate " << k;
    ASSERT_EQ(held0.v[k], free0.v[k]) << "running replica, velocity " << k;
  }
  for (size_t k = 0; k < held1.x.size(); ++k) {
    ASSERT_EQ(held1.x[k], held_at.x[k]) << "frozen replica moved, coordinate " << k;
    ASSERT_EQ(held1.v[k], 0.0) << "frozen replica, velocity " << k;
  }
  EXPECT_NE(free1.x[0], held_at.x[0]) << "unfrozen, the same replica does move";

  Configuration fresh = held_at;
  set_replica(sys, 1, fresh);
  EXPECT_EQ(sys.n_frozen, 0);
  invalidate_replica(ff.list, 1);
  nose_hoover_restart_replica(md.nh, sys, 1, 500.0);
  run_md(md, sys, ff, 50, 0, nullptr);
  const Configuration thawed = extract_replica(sys, 1);
  EXPECT_NE(thawed.x[0], held_at.x[0]) << "a thawed replica moves again";
  for (double x : thawed.x) ASSERT_TRUE(std::isfinite(x));
}
