// Structure measures with known answers: RDF shells and coordination of a B2
// crystal, g(r) → 1 for an ideal gas and a liquid, Steinhardt Q_l of perfect
// lattices, RDF landmarks of a synthetic curve, box rescaling.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/integrate/md.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/structure/bond_order.hpp"
#include "core/structure/rdf.hpp"
#include "core/structure/rdf_landmarks.hpp"
#include "core/tests/test_support.hpp"

using namespace betarelax;

namespace {

/// A cubic crystal of `cells`³ cells with the given basis (fractions) and types.
Configuration crystal(double a, int cells, const std::vector<std::array<double, 3>>& basis, const std::vector<int>& types) {
  Configuration c;
  c.n_types = 2;
  c.type_names = {"Cu", "Zr"};
  c.mass = {63.546, 91.224};
  int id = 1;
  for (int k = 0; k < cells; ++k)
    for (int j = 0; j < cells; ++j)
      for (int i = 0; i < cells; ++i)
        for (size_t b = 0; b < basis.size(); ++b) {
          c.id.push_back(id++);
          c.type.push_back(types[b]);
          c.x.push_back((i + basis[b][0]) * a);
          c.x.push_back((j + basis[b][1]) * a);
          c.x.push_back((k + basis[b][2]) * a);
        }
  for (int d = 0; d < 3; ++d) c.len[d] = cells * a;
  return c;
}

Configuration b2(double a, int cells) { return crystal(a, cells, {{0, 0, 0}, {0.5, 0.5, 0.5}}, {0, 1}); }

double cn_at(const RdfTable& t, int a, int b, double r) {
  const size_t bin = static_cast<size_t>(r / t.dr);
  return t.coordination[size_t(a) * 2 + b][bin];
}

}  // namespace

TEST(Rdf, B2CrystalHasItsAnalyticShellsAndCoordination) {
  const double a = 3.2;
  System sys = make_system(b2(a, 6), 1);
  RdfAccumulator acc(sys, 9.0, 900);
  acc.add_frame(sys);
  const RdfTable t = acc.table(0);
  // B2 shells: a√3/2 (8, unlike), a (6, like), a√2 (12, like), a√11/2 (24,
  // unlike), a√3 (8, like), 2a (6, like), a√19/2 (24, unlike), a√5 (24, like).
  const std::vector<double> shells = {a * std::sqrt(3.0) / 2, a, a * std::sqrt(2.0), a * std::sqrt(11.0) / 2,
                                      a * std::sqrt(3.0), 2 * a, a * std::sqrt(19.0) / 2, a * std::sqrt(5.0),
                                      a * std::sqrt(6.0), a * std::sqrt(27.0) / 2};
  for (size_t bin = 0; bin < t.r.size(); ++bin) {
    if (t.total[bin] == 0) continue;
    const double lo = bin * t.dr, hi = lo + t.dr;
    bool on_shell = false;
    for (double s : shells) on_shell |= s >= lo - 1e-9 && s < hi + 1e-9;
    EXPECT_TRUE(on_shell) << "pair density at r = " << t.r[bin] << " Å, between B2 shells";
  }
  const double mid12 = 0.5 * (shells[0] + shells[1]), mid23 = 0.5 * (shells[1] + shells[2]);
  EXPECT_NEAR(cn_at(t, 0, 1, mid12), 8.0, 1e-12);  // Zr around Cu
  EXPECT_NEAR(cn_at(t, 1, 0, mid12), 8.0, 1e-12);
  EXPECT_NEAR(cn_at(t, 0, 0, mid12), 0.0, 1e-12);
  EXPECT_NEAR(cn_at(t, 0, 0, mid23), 6.0, 1e-12);
  EXPECT_NEAR(cn_at(t, 1, 1, mid23), 6.0, 1e-12);
  const RdfLandmarks lm = rdf_landmarks(t.r, t.total, {0.0, 0.02});
  ASSERT_TRUE(lm.found);
  EXPECT_NEAR(lm.first_peak, shells[0], t.dr);
  EXPECT_EQ(t.part_names, (std::vector<std::string>{"Cu-Cu", "Cu-Zr", "Zr-Zr"}));
}

TEST(Rdf, IdealGasIsOneAtEveryDistance) {
  Configuration c = b2(4.0, 5);  // 250 atoms in a 20 Å box, positions replaced below
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 20.0);
  System sys = make_system(c, 1);
  RdfAccumulator acc(sys, 9.5, 19);
  for (int frame = 0; frame < 400; ++frame) {
    for (double& x : c.x) x = u(rng);
    set_replica(sys, 0, c);
    acc.add_frame(sys);
  }
  const RdfTable t = acc.table(0);
  // Poisson noise of each bin's pair count sets the tolerance: 4 σ.
  const double n = c.n_atoms(), volume = 8000.0;
  for (size_t bin = 2; bin < t.r.size(); ++bin) {
    const double lo = bin * t.dr, hi = lo + t.dr;
    const double expected_pairs = 400 * n * (n - 1) / volume * 4 * M_PI / 3 * (hi * hi * hi - lo * lo * lo);
    EXPECT_NEAR(t.total[bin], 1.0, 4.0 / std::sqrt(expected_pairs)) << "r = " << t.r[bin];
  }
}

TEST(Rdf, MeltedLiquidDecaysToOneAtLargeDistance) {
  System sys = make_system(test::cuzr_config(5, 11), 1);
  ForceField ff = test::force_field(sys);
  create_velocities(sys, {2000.0}, 5);
  MdParams p;
  p.ensemble = Ensemble::nvt;
  p.t_start = {2000.0};
  MdIntegrator md = make_md(sys, ff, p);
  run_md(md, sys, ff, 1500, 0, nullptr);  // 3 ps: the fcc sites are forgotten
  RdfAccumulator acc(sys, 10.0, 50);
  for (int frame = 0; frame < 20; ++frame) {
    run_md(md, sys, ff, 50, 0, nullptr);
    acc.add_frame(sys);
  }
  const RdfTable t = acc.table(0);
  // A metallic liquid's correlations decay within ~1 nm: between 8 and 10 Å
  // the oscillation left is a few percent, the frame noise about 2%.
  double mean = 0;
  int count = 0;
  for (size_t bin = 0; bin < t.r.size(); ++bin) {
    if (t.r[bin] < 8.0) continue;
    EXPECT_NEAR(t.total[bin], 1.0, 0.08) << "r = " << t.r[bin];
    mean += t.total[bin];
    ++count;
  }
  EXPECT_NEAR(mean / count, 1.0, 0.03);
  // And it is a liquid, not the lattice: no pair closer than 1.8 Å, a first peak near 2.7 Å.
  const RdfLandmarks lm = rdf_landmarks(t.r, t.total);
  ASSERT_TRUE(lm.found);
  EXPECT_GT(lm.first_peak, 2.4);
  EXPECT_LT(lm.first_peak, 3.1);
}

TEST(BondOrder, PerfectLatticesHaveTheirTextbookValues) {
  // Steinhardt et al. (1983), Table I: fcc Q4 0.19094, Q6 0.57452; simple
  // cubic Q4 0.76376, Q6 0.35355; bcc with its 14 first+second neighbours
  // Q4 0.03637, Q6 0.51069.
  const Configuration fcc = crystal(4.0, 5, {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}}, {0, 1, 0, 1});
  EXPECT_NEAR(steinhardt(fcc, 4, 3.2).global, 0.19094, 1e-4);
  EXPECT_NEAR(steinhardt(fcc, 6, 3.2).global, 0.57452, 1e-4);
  EXPECT_NEAR(steinhardt(fcc, 6, 3.2).mean_local, 0.57452, 1e-4);
  EXPECT_NEAR(steinhardt(fcc, 6, 3.2).mean_bonds, 12.0, 1e-12);
  const Configuration sc = crystal(3.0, 6, {{0, 0, 0}}, {0});
  EXPECT_NEAR(steinhardt(sc, 4, 3.5).global, 0.76376, 1e-4);
  EXPECT_NEAR(steinhardt(sc, 6, 3.5).global, 0.35355, 1e-4);
  const Configuration bcc = b2(3.2, 6);
  EXPECT_NEAR(steinhardt(bcc, 6, 3.5).mean_bonds, 14.0, 1e-12);
  EXPECT_NEAR(steinhardt(bcc, 4, 3.5).global, 0.03637, 1e-4);
  EXPECT_NEAR(steinhardt(bcc, 6, 3.5).global, 0.51069, 1e-4);
}

TEST(BondOrder, RandomPositionsHaveNoGlobalOrder) {
  Configuration c = b2(4.0, 5);
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> u(0.0, 20.0);
  for (double& x : c.x) x = u(rng);
  // 250 atoms with ~8 bonds each: random orientations give Q6 ~ 1/√2000.
  EXPECT_LT(steinhardt(c, 6, 3.5).global, 0.08);
}

TEST(RdfLandmarks, FindsPeakMinimumAndTheSplitSecondPeak) {
  std::vector<double> r, g;
  for (double x = 0.01; x < 10; x += 0.02) {
    r.push_back(x);
    const auto bump = [&](double c, double h, double w) { return h * std::exp(-0.5 * (x - c) * (x - c) / (w * w)); };
    // A glass-like g(r): nothing below 2 Å, first peak 2.7, split second peak 4.6 / 5.3.
    g.push_back(x < 2.0 ? 0.0 : 1.0 - bump(3.7, 0.5, 0.3) + bump(2.7, 2.2, 0.18) + bump(4.6, 0.5, 0.2) + bump(5.3, 0.35, 0.2));
  }
  const RdfLandmarks lm = rdf_landmarks(r, g, {0.02, 0.02});
  ASSERT_TRUE(lm.found);
  EXPECT_NEAR(lm.first_peak, 2.7, 0.03);
  EXPECT_GT(lm.first_minimum, 3.3);
  EXPECT_LT(lm.first_minimum, 3.9);
  ASSERT_EQ(lm.second_peaks.size(), 2u);
  EXPECT_NEAR(lm.second_peaks[0], 4.6, 0.08);
  EXPECT_NEAR(lm.second_peaks[1], 5.3, 0.08);
}

TEST(System, SetBoxVolumesScalesBoxAndAtomsAboutTheCentre) {
  System sys = make_system(test::cuzr_config(5, 2), 2);
  const Configuration before = extract_replica(sys, 1);
  const double v0 = before.len[0] * before.len[1] * before.len[2];
  set_box_volumes(sys, {v0, 1.1 * v0});
  const Configuration same = extract_replica(sys, 0), after = extract_replica(sys, 1);
  EXPECT_NEAR(after.len[0] * after.len[1] * after.len[2], 1.1 * v0, 1e-9 * v0);
  const double s = std::cbrt(1.1);
  for (int d = 0; d < 3; ++d) {
    EXPECT_NEAR(same.len[d], before.len[d], 1e-12);
    const double c = before.lo[d] + 0.5 * before.len[d];
    EXPECT_NEAR(after.lo[d] + 0.5 * after.len[d], c, 1e-12);
    for (int i = 0; i < before.n_atoms(); i += 37)
      EXPECT_NEAR(after.x[3 * i + d], c + (before.x[3 * i + d] - c) * s, 1e-12);
  }
}
