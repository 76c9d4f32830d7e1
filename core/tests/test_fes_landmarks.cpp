// Reading ΔF off a free-energy profile (core/bias/fes_landmarks.hpp) whose
// landmarks are known by construction.
#include <gtest/gtest.h>

#include <vector>

#include "core/bias/fes_landmarks.hpp"

using namespace betarelax;

TEST(FesLandmarks, FindsMinimaSaddleAndBarrierOfAKnownProfile) {
  // F(s) through the paper's Fig. 1b landmarks: minima at 0.25 and 1.46 Å,
  // saddle at 1.05 Å; cubic Hermite pieces with flat ends (F = 0, 0.8, 0.6
  // eV), harmonic walls of curvature 7.5 eV/Å² (the cubic's at its foot) outside.
  std::vector<double> s, f;
  const auto piece = [](double x, double x0, double x1, double f0, double f1) {
    const double t = (x - x0) / (x1 - x0);
    return f0 + (f1 - f0) * (3 * t * t - 2 * t * t * t);
  };
  for (int i = 0; i <= 500; ++i) {
    const double x = 0.005 * i;
    s.push_back(x);
    f.push_back(x < 0.25 ? 3.75 * (x - 0.25) * (x - 0.25)
                         : x < 1.05 ? piece(x, 0.25, 1.05, 0.0, 0.8)
                                    : x < 1.46 ? piece(x, 1.05, 1.46, 0.8, 0.6) : 0.6 + 3.75 * (x - 1.46) * (x - 1.46));
  }
  const FesLandmarks lm = fes_landmarks(s, f, 0.05, 0.9, 2.2);
  ASSERT_TRUE(lm.found) << lm.why;
  EXPECT_NEAR(lm.s_initial, 0.25, 0.006);
  EXPECT_NEAR(lm.s_product, 1.46, 0.006);
  EXPECT_NEAR(lm.s_saddle, 1.05, 0.006);
  EXPECT_NEAR(lm.delta_f, 0.8, 1e-9);
  EXPECT_NEAR(lm.curvature, 7.0, 0.7);  // 7.5 at the foot, softening over the ±0.1 Å fit
  // A profile that only rises (no product basin) has no barrier to read.
  std::vector<double> rising(s.size());
  for (size_t i = 0; i < s.size(); ++i) rising[i] = s[i] * s[i];
  EXPECT_FALSE(fes_landmarks(s, rising, 0.05, 0.9, 2.2).found);
  // The product basin lies 0.2 eV below the saddle: resolved at a 0.1 eV depth, not at 0.3.
  EXPECT_TRUE(fes_landmarks(s, f, 0.05, 0.9, 2.2, 0.1).found);
  EXPECT_FALSE(fes_landmarks(s, f, 0.05, 0.9, 2.2, 0.3).found);
}
