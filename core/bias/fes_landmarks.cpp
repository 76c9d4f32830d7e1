#include "core/bias/fes_landmarks.hpp"

#include <algorithm>
#include <cmath>

namespace betarelax {

std::vector<double> free_energy_profile(const std::vector<double>& bias, double t, double dt) {
  std::vector<double> f(bias.size());
  for (size_t i = 0; i < bias.size(); ++i) f[i] = -(t + dt) / dt * bias[i];
  if (!f.empty()) {
    const double lowest = *std::min_element(f.begin(), f.end());
    for (double& x : f) x -= lowest;
  }
  return f;
}

FesLandmarks fes_landmarks(const std::vector<double>& s, const std::vector<double>& f, double s_lo, double s_split,
                           double s_hi, double min_depth, double fit_half_width) {
  FesLandmarks out;
  const auto index = [&](double x) {
    return static_cast<size_t>(std::lower_bound(s.begin(), s.end(), x) - s.begin());
  };
  const size_t lo = std::min(index(s_lo), s.size() - 1), split = std::min(index(s_split), s.size() - 1),
               hi = std::min(index(s_hi), s.size() - 1);
  if (s.size() < 5 || !(lo < split && split < hi)) {
    out.why = "the visited range does not straddle the crossing point";
    return out;
  }
  const size_t a = static_cast<size_t>(std::min_element(f.begin() + lo, f.begin() + split + 1) - f.begin());
  const size_t b = static_cast<size_t>(std::min_element(f.begin() + split + 1, f.begin() + hi + 1) - f.begin());
  const size_t t = static_cast<size_t>(std::max_element(f.begin() + a, f.begin() + b + 1) - f.begin());
  out.s_initial = s[a];
  out.f_initial = f[a];
  out.s_product = s[b];
  out.f_product = f[b];
  out.s_saddle = s[t];
  out.f_saddle = f[t];
  out.delta_f = f[t] - f[a];
  if (!(t > a && t < b && f[t] > f[a] + min_depth && f[t] > f[b] + min_depth)) {
    out.why = "no free-energy maximum between the two minima standing above both by the minimum depth";
    return out;
  }
  out.curvature = curvature_at(s, f, s[a], fit_half_width);
  out.found = true;
  return out;
}

double curvature_at(const std::vector<double>& s, const std::vector<double>& f, double s0_at, double half_width) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, y0 = 0, y1 = 0, y2 = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const double x = s[i] - s0_at;
    if (std::fabs(x) > half_width) continue;
    const double y = f[i];
    s0 += 1;
    s1 += x;
    s2 += x * x;
    s3 += x * x * x;
    s4 += x * x * x * x;
    y0 += y;
    y1 += x * y;
    y2 += x * x * y;
  }
  // Normal equations for y = c0 + c1 x + c2 x², solved by Cramer's rule.
  const double det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s2 * s3) + s2 * (s1 * s3 - s2 * s2);
  if (s0 < 3 || !(std::fabs(det) > 0)) return 0;
  const double c2 = (s0 * (s2 * y2 - s3 * y1) - s1 * (s1 * y2 - s2 * y1) + y0 * (s1 * s3 - s2 * s2)) / det;
  return 2 * c2;
}

FesLandmarks crossing_barrier(const std::vector<double>& s, const std::vector<double>& f, double s_lo, double s_crossing,
                              double fit_half_width) {
  FesLandmarks out;
  out.s_saddle = s_crossing;
  if (s.size() < 5 || f.size() != s.size() || !(s_crossing > s_lo) || !(s_crossing < s.back())) {
    out.why = "the crossing point lies outside the visited range";
    return out;
  }
  const size_t lo = static_cast<size_t>(std::lower_bound(s.begin(), s.end(), s_lo) - s.begin());
  const size_t c = static_cast<size_t>(std::upper_bound(s.begin(), s.end(), s_crossing) - s.begin());  // s[c-1] <= s_c < s[c]
  if (c < 1 || lo + 1 >= c) {
    out.why = "the crossing point lies at the low end of the visited range";
    return out;
  }
  const size_t a = static_cast<size_t>(std::min_element(f.begin() + lo, f.begin() + c) - f.begin());
  // F at the crossing, linear between its grid neighbours.
  const double w = (s_crossing - s[c - 1]) / (s[c] - s[c - 1]);
  out.f_saddle = (1 - w) * f[c - 1] + w * f[c];
  out.s_initial = s[a];
  out.f_initial = f[a];
  out.delta_f = out.f_saddle - out.f_initial;
  if (!(out.delta_f > 0)) {
    out.why = "F at the crossing is not above the initial minimum";
    return out;
  }
  out.curvature = curvature_at(s, f, s[a], fit_half_width);
  out.found = true;
  return out;
}

double harmonic_frequency(double curvature, double mass_amu) {
  if (!(curvature > 0) || !(mass_amu > 0)) return 0;
  // eV/(Å² amu) → s⁻²: 1.602176634e-19 J / (1e-20 m² · 1.66053907e-27 kg)
  constexpr double kToSiSquared = 1.602176634e-19 / (1e-20 * 1.66053906660e-27);
  return std::sqrt(curvature / mass_amu * kToSiSquared) / (2 * M_PI);
}

}  // namespace betarelax
