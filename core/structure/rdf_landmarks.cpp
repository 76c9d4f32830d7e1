#include "core/structure/rdf_landmarks.hpp"

#include <algorithm>
#include <cmath>

namespace betarelax {
namespace {

/// Vertex of the parabola through bins i−1, i, i+1 (i itself at the ends).
double refine(const std::vector<double>& r, const std::vector<double>& y, size_t i) {
  if (i == 0 || i + 1 >= y.size()) return r[i];
  const double denom = y[i - 1] - 2 * y[i] + y[i + 1];
  if (denom == 0) return r[i];
  const double shift = 0.5 * (y[i - 1] - y[i + 1]) / denom;
  return r[i] + std::clamp(shift, -1.0, 1.0) * (r[1] - r[0]);
}

bool is_max(const std::vector<double>& y, size_t i) { return y[i] > y[i - 1] && y[i] >= y[i + 1]; }
bool is_min(const std::vector<double>& y, size_t i) { return y[i] < y[i - 1] && y[i] <= y[i + 1]; }

}  // namespace

std::vector<double> smooth_gaussian(const std::vector<double>& y, double dx, double sigma) {
  if (!(sigma > 0) || y.size() < 3) return y;
  const int half = static_cast<int>(std::ceil(3 * sigma / dx));
  std::vector<double> w(2 * half + 1);
  for (int k = -half; k <= half; ++k) w[k + half] = std::exp(-0.5 * (k * dx / sigma) * (k * dx / sigma));
  const int n = static_cast<int>(y.size());
  std::vector<double> out(n, 0.0);
  for (int i = 0; i < n; ++i) {
    double s = 0, ws = 0;
    for (int k = -half; k <= half; ++k) {
      int j = i + k;
      j = j < 0 ? -j : (j >= n ? 2 * (n - 1) - j : j);  // reflect
      if (j < 0 || j >= n) continue;
      s += w[k + half] * y[j];
      ws += w[k + half];
    }
    out[i] = s / ws;
  }
  return out;
}

double first_peak_position(const std::vector<double>& r, const std::vector<double>& g, double smoothing) {
  if (r.size() < 3) return 0;
  const std::vector<double> s = smooth_gaussian(g, r[1] - r[0], smoothing);
  const size_t i = static_cast<size_t>(std::max_element(s.begin(), s.end()) - s.begin());
  return refine(r, s, i);
}

RdfLandmarks rdf_landmarks(const std::vector<double>& r, const std::vector<double>& g, const RdfLandmarkParams& p) {
  RdfLandmarks out;
  const size_t n = g.size();
  if (n < 5 || r.size() != n) return out;
  const std::vector<double> s = smooth_gaussian(g, r[1] - r[0], p.smoothing);
  const size_t peak = static_cast<size_t>(std::max_element(s.begin(), s.end()) - s.begin());
  // First minimum: lowest point before g climbs back above 1.
  size_t back_above = peak + 1;
  while (back_above < n && s[back_above] >= 1.0) ++back_above;  // leave the peak
  while (back_above < n && s[back_above] < 1.0) ++back_above;   // the first valley
  if (back_above >= n || peak + 1 >= n) return out;
  const size_t min1 = static_cast<size_t>(std::min_element(s.begin() + peak, s.begin() + back_above) - s.begin());
  out.first_peak = refine(r, s, peak);
  out.first_peak_height = s[peak];
  out.first_minimum = refine(r, s, min1);
  out.first_minimum_height = s[min1];
  out.found = true;

  // Second shell: up to the first local minimum below 1 after g rose above 1.
  size_t end = back_above;
  while (end + 1 < n && !(is_min(s, end) && s[end] < 1.0)) ++end;
  if (end + 1 < n) out.second_minimum = refine(r, s, end);
  // Local maxima inside, kept when prominent against the minima beside them.
  std::vector<size_t> maxima;
  for (size_t i = min1 + 1; i < end && i + 1 < n; ++i)
    if (is_max(s, i)) maxima.push_back(i);
  std::vector<size_t> kept;
  for (size_t m = 0; m < maxima.size(); ++m) {
    const size_t lo = m == 0 ? min1 : maxima[m - 1];
    const size_t hi = m + 1 == maxima.size() ? end : maxima[m + 1];
    const double left = *std::min_element(s.begin() + lo, s.begin() + maxima[m] + 1);
    const double right = *std::min_element(s.begin() + maxima[m], s.begin() + hi + 1);
    if (s[maxima[m]] - std::max(left, right) >= p.prominence) kept.push_back(maxima[m]);
  }
  for (size_t i : kept) {
    out.second_peaks.push_back(refine(r, s, i));
    out.second_peak_heights.push_back(s[i]);
  }
  return out;
}

}  // namespace betarelax
