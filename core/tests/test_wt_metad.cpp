// Well-tempered metadynamics through the engine's own bias code: exact hill
// heights, the gridded bias against analytic Gaussians, and ΔF of a
// Brownian particle in a double well with a known answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "core/bias/fes_landmarks.hpp"
#include "core/bias/wt_metad.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/tests/test_support.hpp"

using namespace betarelax;

namespace {

RealView values(const std::vector<double>& s) {
  RealView v("s", s.size());
  auto h = Kokkos::create_mirror_view(v);
  for (size_t i = 0; i < s.size(); ++i) h(i) = s[i];
  Kokkos::deep_copy(v, h);
  return v;
}

std::vector<double> host(const RealView& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  return std::vector<double>(h.data(), h.data() + h.extent(0));
}

}  // namespace

TEST(WtMetad, HillHeightsFollowTheWellTemperedRecursion) {
  // All hills at the same s: the bias there is the sum of the heights, so
  // h_{k+1} = w0 exp(−Σ_{j≤k} h_j / k_B ΔT) exactly.
  WtMetadParams p;
  p.height0 = 0.05;
  p.bias_temperature = 1000;
  WtMetad m = make_wt_metad(1, p);
  const RealView s = values({1.0});
  double sum = 0;
  for (int k = 0; k < 40; ++k) {
    wt_metad_deposit(m, s);
    const double expected = p.height0 * std::exp(-sum / (units::kB * p.bias_temperature));
    EXPECT_NEAR(host(m.height)[0], expected, 1e-12 * p.height0) << "hill " << k;
    sum += expected;
  }
  wt_metad_evaluate(m, s);
  EXPECT_NEAR(host(m.energy)[0], sum, 1e-10);
  EXPECT_NEAR(host(m.dv_ds)[0], 0.0, 1e-10);  // at the centre of every hill
}

TEST(WtMetad, ANonFiniteCvSpoilsItsOwnReplicaOnly) {
  // A replica that blew up between two checks of the driver: its NaN CV is
  // evaluated and a hill deposited at it before the driver sees it. The
  // replica's bias turns NaN (the driver fails that sample); the grid is
  // never indexed with it, and the other replica is untouched.
  WtMetadParams p;
  p.height0 = 0.05;
  WtMetad m = make_wt_metad(2, p);
  const RealView s = values({std::nan(""), 1.0});
  wt_metad_evaluate(m, s);
  wt_metad_deposit(m, s);
  wt_metad_evaluate(m, s);
  EXPECT_TRUE(std::isnan(host(m.energy)[0]));
  EXPECT_TRUE(std::isnan(host(m.dv_ds)[0]));
  EXPECT_NEAR(host(m.energy)[1], p.height0, 1e-12);  // one hill at its own s
  EXPECT_NEAR(host(m.dv_ds)[1], 0.0, 1e-12);
}

// Sites of one replica (issue 21): a channel's hills depend on its own CV
// only, and a frozen channel (its site finished) keeps its bias to the bit
// while the others go on depositing.
TEST(WtMetad, AChannelsHillsIgnoreTheOthersAndAFrozenChannelKeepsItsBias) {
  WtMetadParams p;
  p.height0 = 0.05;
  WtMetad a = make_wt_metad(3, p), b = make_wt_metad(3, p);
  const std::vector<double> s0 = {0.4, 0.55, 0.6, 0.9, 1.2}, other_a = {0.1, 2.0, 0.3, 3.3, 1.0},
                            other_b = {2.5, 0.2, 1.9, 0.7, 0.05};
  for (size_t k = 0; k < s0.size(); ++k) {
    wt_metad_deposit(a, values({s0[k], other_a[k], other_a[k]}));
    wt_metad_deposit(b, values({s0[k], other_b[k], other_b[k]}));
    if (k == 1) {
      wt_metad_freeze(a, 2);
      wt_metad_freeze(b, 2);
    }
  }
  EXPECT_EQ(wt_metad_bias(a, 0), wt_metad_bias(b, 0));  // bit for bit: channel 0 never saw 1 or 2
  EXPECT_NE(wt_metad_bias(a, 1), wt_metad_bias(b, 1));
  // Channel 2 froze after two hills: its bias is what two hills made.
  WtMetad two = make_wt_metad(1, p);
  for (size_t k = 0; k < 2; ++k) wt_metad_deposit(two, values({other_a[k]}));
  EXPECT_EQ(wt_metad_bias(a, 2), wt_metad_bias(two, 0));
  wt_metad_clear(a, 2);  // a new sample there deposits again
  wt_metad_deposit(a, values({0.0, 0.0, 1.0}));
  const std::vector<double> fresh = wt_metad_bias(a, 2);
  EXPECT_NEAR(*std::max_element(fresh.begin(), fresh.end()), p.height0, 1e-12);
}

TEST(WtMetad, GriddedBiasMatchesTheSumOfGaussians) {
  WtMetadParams p;
  p.sigma = 0.2;
  p.grid_spacing = 0.01;
  p.bias_temperature = 1e9;  // plain metadynamics: equal heights
  WtMetad m = make_wt_metad(2, p);
  const std::vector<double> c0 = {0.7, 1.1, 1.25, 2.0}, c1 = {0.3, 0.35, 3.1, 3.0};
  for (size_t k = 0; k < c0.size(); ++k) wt_metad_deposit(m, values({c0[k], c1[k]}));
  const auto analytic = [&](const std::vector<double>& c, double s, double& slope) {
    double v = 0;
    slope = 0;
    for (double x : c) {
      const double g = p.height0 * std::exp(-0.5 * (s - x) * (s - x) / (p.sigma * p.sigma));
      v += g;
      slope -= g * (s - x) / (p.sigma * p.sigma);
    }
    return v;
  };
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> u(0.05, 3.9);
  for (int t = 0; t < 50; ++t) {
    const double s0 = u(rng), s1 = u(rng);
    wt_metad_evaluate(m, values({s0, s1}));
    double g0, g1;
    const double v0 = analytic(c0, s0, g0), v1 = analytic(c1, s1, g1);
    // Cubic Hermite error per hill: h⁴/384 · max|G''''| = (h/σ)⁴ / 384 · 3 w;
    // hills overlap, so twice that times the hill count bounds it.
    const double bound = 2 * c0.size() * std::pow(p.grid_spacing / p.sigma, 4) / 384 * 3 * p.height0;
    EXPECT_NEAR(host(m.energy)[0], v0, bound) << s0;
    EXPECT_NEAR(host(m.energy)[1], v1, bound) << s1;
    EXPECT_NEAR(host(m.dv_ds)[0], g0, 1e-4 * p.height0 / p.sigma) << s0;
    EXPECT_NEAR(host(m.dv_ds)[1], g1, 1e-4 * p.height0 / p.sigma) << s1;
  }
}

TEST(WtMetad, UpperWallIsHarmonic) {
  WtMetadParams p;
  p.wall_position = 3.0;
  p.wall_constant = 5.0;
  WtMetad m = make_wt_metad(1, p);
  wt_metad_evaluate(m, values({3.2}));
  EXPECT_NEAR(host(m.energy)[0], 5.0 * 0.04, 1e-12);
  EXPECT_NEAR(host(m.dv_ds)[0], 2 * 5.0 * 0.2, 1e-12);
  p.grid_spacing = 0.5;
  EXPECT_THROW(make_wt_metad(1, p), std::invalid_argument);  // coarser than σ/2
}

TEST(WtMetad, RecoversTheBarrierOfADoubleWell) {
  // Brownian particles (one per replica, own seeds) in U(s) = h((s−2)²−1)²:
  // minima at s = 1 and 3, saddle at 2, ΔF = h exactly (the CV is the
  // coordinate). The paper's bias factor: T = 300 K, ΔT = 2700 K.
  const double temperature = 300, kt = units::kB * temperature, h = 6 * kt;
  const int replicas = 4;
  WtMetadParams p;
  p.sigma = 0.1;
  p.height0 = 0.25 * kt;
  p.bias_temperature = 2700;
  p.pace = 100;
  p.grid_spacing = 0.01;
  WtMetad m = make_wt_metad(replicas, p);
  std::mt19937_64 rng(20201104);
  std::normal_distribution<double> gauss(0, 1);
  std::vector<double> s(replicas, 1.0);
  RealView s_dev("s", replicas);
  auto s_host = Kokkos::create_mirror_view(s_dev);
  const double d_dt = 2e-4;  // diffusion coefficient × time step (Å²)
  const long steps = 2000000;
  std::vector<double> early_heights, late_heights;
  for (long step = 1; step <= steps; ++step) {
    for (int r = 0; r < replicas; ++r) s_host(r) = s[r];
    Kokkos::deep_copy(s_dev, s_host);
    wt_metad_evaluate(m, s_dev);
    const std::vector<double> dv = host(m.dv_ds);
    for (int r = 0; r < replicas; ++r) {
      const double x = s[r] - 2;
      const double du = 4 * h * (x * x - 1) * x;
      s[r] += -(du + dv[r]) / kt * d_dt + std::sqrt(2 * d_dt) * gauss(rng);
      s[r] = std::clamp(s[r], 0.0, 4.0);
    }
    if (step % p.pace == 0) {
      wt_metad_deposit(m, s_dev);
      const double mean_height = host(m.height)[0];
      if (step > steps / 10 && step <= steps / 5) early_heights.push_back(mean_height);
      if (step > 9 * steps / 10) late_heights.push_back(mean_height);
    }
  }
  const std::vector<double> grid = wt_metad_grid(m);
  for (int r = 0; r < replicas; ++r) {
    const std::vector<double> f = free_energy_profile(wt_metad_bias(m, r), temperature, p.bias_temperature);
    const FesLandmarks lm = fes_landmarks(grid, f, 0.3, 2.0, 3.7);
    ASSERT_TRUE(lm.found) << lm.why;
    std::printf("[double well] replica %d: dF = %.4f kT (exact 6), saddle %.3f, minima %.3f / %.3f\n", r,
                lm.delta_f / kt, lm.s_saddle, lm.s_initial, lm.s_product);
    EXPECT_NEAR(lm.delta_f, h, 0.5 * kt) << "replica " << r;
    EXPECT_NEAR(lm.s_saddle, 2.0, 0.15);
    EXPECT_NEAR(lm.s_initial, 1.0, 0.15);
    EXPECT_NEAR(lm.s_product, 3.0, 0.15);
    // Curvature of U at a minimum: 8h (the Brownian bias does not change it much).
    EXPECT_NEAR(lm.curvature, 8 * h, 0.35 * 8 * h);
  }
  // Well-tempering: late hills are a small and shrinking fraction of w0.
  double early = 0, late = 0;
  for (double x : early_heights) early += x / early_heights.size();
  for (double x : late_heights) late += x / late_heights.size();
  EXPECT_LT(late, early);
  EXPECT_LT(late, 0.3 * p.height0);
}

TEST(FesLandmarks, HarmonicFrequencyOfAKnownSpring) {
  // κ = 1 eV/Å², m = 1 amu: ω = √(9.6485e27) s⁻¹, ν = ω/2π = 1.5633e13 Hz.
  EXPECT_NEAR(harmonic_frequency(1.0, 1.0), 1.5633e13, 2e9);
  EXPECT_EQ(harmonic_frequency(-1.0, 1.0), 0.0);
}

namespace {

/// Deep copies seen by Kokkos's profiling hook, fills of a View with a value
/// (a kernel on the device, no transfer) left out.
struct CopyLog {
  static inline std::vector<std::string> copies;
  static void begin(Kokkos::Tools::SpaceHandle dst, const char* dst_name, const void*, Kokkos::Tools::SpaceHandle src,
                    const char* src_name, const void*, uint64_t bytes) {
    if (std::string(src_name) == "Scalar" && std::string(dst_name) != "Scalar") return;
    copies.push_back(std::string(src_name) + " (" + src.name + ") -> " + dst_name + " (" + dst.name + "), " +
                     std::to_string(bytes) + " bytes");
  }
};

}  // namespace

TEST(DeviceResidency, NoCopyBetweenHostAndDeviceInOneHundredNvtAndWtMetadSteps) {
  // A campaign's inner loop (NVT, RMSD CV, bias evaluation and force, a hill
  // every 10 steps, neighbour rebuilds) must keep its data where the kernels
  // are: one copy per step costs a GPU more than the step. Every View-to-View
  // deep_copy is counted, on any backend. On a host backend a mirror of a host
  // View is the View itself (no deep_copy to see), so there this test catches
  // explicit copies, and on a GPU mirrors as well (the GPU kit runs it).
  System sys = make_system(test::cuzr_config(5, 3, 0.2), 2);
  ForceField ff = test::force_field(sys, test::default_potential(), 0.3);  // a thin skin: rebuilds within 100 steps
  create_velocities(sys, {1500.0, 1200.0}, 5);
  const Configuration c = extract_replica(sys, 0);
  std::vector<int> group;
  std::vector<double> ref;
  for (int i = 0; i < 13; ++i) {
    group.push_back(i);
    for (int d = 0; d < 3; ++d) ref.push_back(c.x[3 * i + d]);
  }
  RmsdCv cv = make_rmsd_cv(sys, {group, group}, {ref, ref});
  WtMetadParams wp;
  wp.height0 = 0.05;
  wp.pace = 10;
  wp.wall_position = 3.0;
  WtMetad metad = make_wt_metad(2, wp);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {1500.0, 1200.0};
  MdIntegrator md = make_md(sys, ff, p);
  md.post_force = [&](System& s) {
    compute_rmsd_cv(cv, s);
    wt_metad_evaluate(metad, cv.value);
    apply_cv_force(cv, s, metad.dv_ds);
  };
  const long builds_before = ff.list.builds;
  CopyLog::copies.clear();
  Kokkos::Tools::Experimental::set_begin_deep_copy_callback(&CopyLog::begin);
  for (int step = 1; step <= 100; ++step) {
    md_step(md, sys, ff, 0.0, false);
    if (step % wp.pace == 0) wt_metad_deposit(metad, cv.value);
  }
  Kokkos::fence();
  Kokkos::Tools::Experimental::set_begin_deep_copy_callback(nullptr);
  const std::vector<std::string> seen = CopyLog::copies;
  EXPECT_GT(ff.list.builds, builds_before) << "the loop must include a neighbour rebuild";
  EXPECT_EQ(metad.hills, 10);
  for (const std::string& what : seen) ADD_FAILURE() << "copy in the step loop: " << what;

  // The hook does see a copy when there is one (the test is not blind).
  Kokkos::Tools::Experimental::set_begin_deep_copy_callback(&CopyLog::begin);
  RealView kept("kept", 2);
  Kokkos::deep_copy(kept, cv.value);
  Kokkos::Tools::Experimental::set_begin_deep_copy_callback(nullptr);
  EXPECT_EQ(CopyLog::copies.size(), seen.size() + 1);
}
