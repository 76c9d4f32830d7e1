#include "validation/effective_barriers.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/quadrature/tanh_sinh.hpp>

#include "support/units.hpp"

namespace betarelax::validation {
namespace {
using units::kB;
}

double log_mean_exp(const std::vector<double>& x) {
  if (x.empty()) throw std::invalid_argument("log_mean_exp of an empty set");
  const double m = *std::max_element(x.begin(), x.end());
  double s = 0;
  for (double v : x) s += std::exp(v - m);
  return m + std::log(s / x.size());
}

EffectiveBarriers effective_barriers(const std::vector<double>& df, double t) {
  if (df.empty()) throw std::invalid_argument("effective barriers of an empty spectrum");
  if (!(t > 0)) throw std::invalid_argument("effective barriers need a positive temperature");
  const double kt = kB * t;
  std::vector<double> down, up;
  for (double x : df) {
    down.push_back(-x / kt);
    up.push_back(x / kt);
  }
  EffectiveBarriers b;
  b.para = -kt * log_mean_exp(down);
  b.seq = kt * log_mean_exp(up);
  b.eff = 0.5 * (b.para + b.seq);
  return b;
}

double lognormal_para(double mu, double sigma, double t) {
  if (!(sigma > 0) || !(t > 0)) throw std::invalid_argument("lognormal_para: sigma and T must be positive");
  const double kt = kB * t;
  // In y = ln ΔF the log-normal is a Gaussian: ⟨e^{−ΔF/kT}⟩ = ∫ φ((y−μ)/σ)/σ e^{−e^y/kT} dy,
  // a smooth integrand over ±12σ (the rest is below 1e-30 of the mass).
  boost::math::quadrature::tanh_sinh<double> integrator;
  const auto f = [&](double y) {
    const double z = (y - mu) / sigma;
    return std::exp(-0.5 * z * z - std::exp(y) / kt) / (sigma * std::sqrt(2 * M_PI));
  };
  const double mean = integrator.integrate(f, mu - 12 * sigma, mu + 12 * sigma);
  return -kt * std::log(mean);
}

const std::string& lognormal_seq_diverges() {
  static const std::string text =
      "Eq. 5 over a log-normal diverges: its density falls as exp(-(ln x)^2 / 2 sigma^2), slower than exp(x/kT) "
      "grows, so a log-normal has no moment-generating function for positive arguments; dF_seq is evaluated on "
      "the empirical spectrum only";
  return text;
}

}  // namespace betarelax::validation
