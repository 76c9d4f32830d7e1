#include "validation/lognormal_fit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>

namespace betarelax::validation {

double anderson_darling_p(double a) {
  if (a >= 0.6) return std::exp(1.2937 - 5.709 * a + 0.0186 * a * a);
  if (a >= 0.34) return std::exp(0.9177 - 4.279 * a - 1.38 * a * a);
  if (a >= 0.2) return 1 - std::exp(-8.318 + 42.796 * a - 59.938 * a * a);
  return 1 - std::exp(-13.436 + 101.14 * a - 223.73 * a * a);
}

LognormalFit fit_lognormal(const std::vector<double>& x) {
  if (x.size() < 3) throw std::invalid_argument("a log-normal fit needs at least 3 samples");
  std::vector<double> y;
  for (double v : x) {
    if (!(v > 0)) throw std::invalid_argument("a log-normal fit needs positive samples");
    y.push_back(std::log(v));
  }
  const double n = static_cast<double>(y.size());
  LognormalFit fit;
  fit.n = static_cast<long>(y.size());
  for (double v : y) fit.mu += v / n;
  double ss = 0;
  for (double v : y) ss += (v - fit.mu) * (v - fit.mu);
  fit.sigma = std::sqrt(ss / n);
  // The test standardises with the sample standard deviation (divisor n − 1).
  const double s = std::sqrt(ss / (n - 1));
  if (!(s > 0)) throw std::invalid_argument("a log-normal fit needs samples that are not all equal");
  std::sort(y.begin(), y.end());
  const boost::math::normal phi;
  double sum = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    const double lo = boost::math::cdf(phi, (y[i] - fit.mu) / s);
    const double hi = boost::math::cdf(boost::math::complement(phi, (y[y.size() - 1 - i] - fit.mu) / s));
    sum += (2.0 * i + 1) * (std::log(lo) + std::log(hi));
  }
  const double a2 = -n - sum / n;
  fit.ad_statistic = a2 * (1 + 0.75 / n + 2.25 / (n * n));
  fit.p_value = std::clamp(anderson_darling_p(fit.ad_statistic), 0.0, 1.0);
  fit.rejected_at_5_percent = fit.p_value < 0.05;
  return fit;
}

}  // namespace betarelax::validation
