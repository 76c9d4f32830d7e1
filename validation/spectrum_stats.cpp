#include "validation/spectrum_stats.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace betarelax::validation {

double quantile_sorted(const std::vector<double>& v, double p) {
  if (v.empty()) throw std::invalid_argument("quantile of an empty spectrum");
  const double h = (v.size() - 1) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

SpectrumSummary summarize(const std::vector<double>& values) {
  SpectrumSummary s;
  s.n = static_cast<long>(values.size());
  if (values.empty()) return s;
  std::vector<double> v = values;
  std::sort(v.begin(), v.end());
  const std::vector<RunningPoint> run = running_statistics(values);
  s.mean = run.back().mean;
  s.std = run.back().std;
  s.min = v.front();
  s.max = v.back();
  s.q1 = quantile_sorted(v, 0.25);
  s.median = quantile_sorted(v, 0.5);
  s.q3 = quantile_sorted(v, 0.75);
  const double iqr = s.q3 - s.q1;
  s.whisker_low = s.q1;
  s.whisker_high = s.q3;
  for (double x : v) {
    if (x >= s.q1 - 1.5 * iqr) s.whisker_low = std::min(s.whisker_low, x);
    if (x <= s.q3 + 1.5 * iqr) s.whisker_high = std::max(s.whisker_high, x);
    if (x < s.q1 - 1.5 * iqr || x > s.q3 + 1.5 * iqr) ++s.outliers;
  }
  return s;
}

Histogram histogram(const std::vector<double>& values, double width) {
  if (!(width > 0)) throw std::invalid_argument("histogram bin width must be positive");
  Histogram h;
  h.width = width;
  if (values.empty()) return h;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  const long first = static_cast<long>(std::floor(*lo / width));
  const long last = static_cast<long>(std::floor(*hi / width));
  h.low = first * width;
  h.counts.assign(last - first + 1, 0);
  for (double x : values) ++h.counts[static_cast<long>(std::floor(x / width)) - first];
  return h;
}

std::vector<RunningPoint> running_statistics(const std::vector<double>& values) {
  std::vector<RunningPoint> out;
  double mean = 0, m2 = 0;
  long n = 0;
  for (double x : values) {
    ++n;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
    out.push_back({n, mean, n > 1 ? std::sqrt(m2 / (n - 1)) : 0.0});
  }
  return out;
}

}  // namespace betarelax::validation
