#pragma once
/// Descriptive statistics of a spectrum of ΔF samples (paper §IV.A,
/// Figs. 3–4): mean, sample standard deviation, the quantiles and whiskers of
/// a box-and-whisker plot, a histogram, and the running mean and standard
/// deviation as samples accumulate.
#include <vector>

namespace betarelax::validation {

struct SpectrumSummary {
  long n = 0;
  double mean = 0, std = 0;  ///< std with n − 1 (0 for n < 2)
  double min = 0, q1 = 0, median = 0, q3 = 0, max = 0;
  /// Tukey's whiskers: the most extreme samples within 1.5 IQR of the box.
  double whisker_low = 0, whisker_high = 0;
  long outliers = 0;  ///< samples beyond the whiskers
};

/// Quantile p ∈ [0, 1] of sorted values by linear interpolation between
/// order statistics (Hyndman & Fan type 7, numpy's and R's default).
double quantile_sorted(const std::vector<double>& sorted, double p);

SpectrumSummary summarize(const std::vector<double>& values);

struct Histogram {
  double low = 0, width = 0;  ///< first bin [low, low + width)
  std::vector<long> counts;
};

/// Bins of `width` aligned to multiples of the width, spanning the values.
Histogram histogram(const std::vector<double>& values, double width);

struct RunningPoint {
  long n = 0;
  double mean = 0, std = 0;
};

/// Mean and standard deviation of the first n values for n = 1 … N
/// (Welford's update: no cancellation however many samples).
std::vector<RunningPoint> running_statistics(const std::vector<double>& values);

}  // namespace betarelax::validation
