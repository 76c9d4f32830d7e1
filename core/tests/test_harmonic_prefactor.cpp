// Vineyard's prefactor against a harmonic model whose answer is known in
// closed form: E = ½ Σ k_i x_i² (one coordinate may have k < 0: a saddle),
// masses per atom. The partial Hessian must reproduce the spring constants,
// the normal modes ω_i = sqrt(k_i/m_i) (SI), and ν* = Π ω(min) / Π' ω(saddle) / 2π.
#include <gtest/gtest.h>

#include <cmath>

#include "core/saddle/harmonic_prefactor.hpp"
#include "support/units.hpp"

using namespace betarelax;

namespace {

EnergyForce springs(const std::vector<double>& k) {
  return [k](const std::vector<double>& x, std::vector<double>& f) {
    f.resize(x.size());
    double e = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      e += 0.5 * k[i] * x[i] * x[i] + 0.1 * x[i] * x[i] * x[i] * x[i];  // quartic: not a pure parabola away from 0
      f[i] = -(k[i] * x[i] + 0.4 * x[i] * x[i] * x[i]);
    }
    return e;
  };
}

double omega(double k_eV_A2, double m_amu) { return std::sqrt(k_eV_A2 / m_amu * units::kEv_J / (1e-20 * units::kAmu_kg)); }

}  // namespace

TEST(HarmonicPrefactor, VineyardOnSpringsMatchesTheClosedForm) {
  // Two atoms (6 coordinates), masses 63.546 and 91.224 amu.
  const std::vector<double> masses = {63.546, 91.224};
  const std::vector<double> k_min = {2.0, 3.0, 4.0, 5.0, 6.0, 7.0};
  std::vector<double> k_sad = k_min;
  k_sad[4] = -1.5;  // the unstable direction: y of atom 2
  k_sad[0] = 1.0;   // and a softer mode across it
  const std::vector<double> x0(6, 0.0);
  long calls = 0;
  const std::vector<double> h = partial_hessian(springs(k_min), x0, {0, 1}, 1e-3, &calls);
  EXPECT_EQ(calls, 12);
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c < 6; ++c) EXPECT_NEAR(h[6 * r + c], r == c ? k_min[r] : 0.0, 1e-6);  // central differences: the quartic adds 0.4 h^2 = 4e-7
  const NormalModes at_min = normal_modes(h, masses);
  const NormalModes at_sad = normal_modes(partial_hessian(springs(k_sad), x0, {0, 1}, 1e-3, nullptr), masses);
  EXPECT_EQ(at_min.negative, 0);
  EXPECT_EQ(at_sad.negative, 1);
  double log_nu = 0;
  for (int i = 0; i < 6; ++i) log_nu += std::log(omega(k_min[i], masses[i / 3]));
  for (int i = 0; i < 6; ++i)
    if (k_sad[i] > 0) log_nu -= std::log(omega(k_sad[i], masses[i / 3]));
  const double nu = std::exp(log_nu) / (2 * M_PI);
  const Vineyard v = vineyard_prefactor(at_min, at_sad, 2e12);
  ASSERT_TRUE(v.valid);
  EXPECT_NEAR(v.nu_star_Hz / nu, 1.0, 1e-6);
  EXPECT_NEAR(v.dS_kB, std::log(nu / 2e12), 1e-6);
  // A second negative mode, or one at the minimum, makes ν* meaningless.
  std::vector<double> k_second = k_sad;
  k_second[1] = -0.5;
  EXPECT_FALSE(vineyard_prefactor(at_min, normal_modes(partial_hessian(springs(k_second), x0, {0, 1}, 1e-3, nullptr), masses), 2e12).valid);
  EXPECT_FALSE(vineyard_prefactor(at_sad, at_sad, 2e12).valid);
}

TEST(HarmonicPrefactor, PartialHessianHoldsTheOtherAtomsFixed) {
  // Three atoms coupled by a spring between atoms 0 and 2 along x: the
  // partial Hessian of atom 0 alone sees k, not the coupled modes.
  const double k = 3.0;
  EnergyForce coupled = [k](const std::vector<double>& x, std::vector<double>& f) {
    f.assign(x.size(), 0.0);
    const double d = x[0] - x[6];
    f[0] = -k * d;
    f[6] = k * d;
    return 0.5 * k * d * d;
  };
  const std::vector<double> h = partial_hessian(coupled, std::vector<double>(9, 0.0), {0}, 1e-3, nullptr);
  ASSERT_EQ(h.size(), 9u);
  EXPECT_NEAR(h[0], k, 1e-9);
  const std::vector<double> both = partial_hessian(coupled, std::vector<double>(9, 0.0), {0, 2}, 1e-3, nullptr);
  EXPECT_NEAR(both[0 * 6 + 3], -k, 1e-9);  // x of atom 0 with x of atom 2
  const NormalModes m = normal_modes(both, {1.0, 1.0});
  EXPECT_EQ(m.zero, 5);  // the pair's centre of mass along x, and y, z of both
  EXPECT_EQ(m.negative, 0);
}
