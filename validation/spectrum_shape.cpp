#include "validation/spectrum_shape.hpp"

#include <cmath>
#include <stdexcept>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace betarelax::validation {
namespace {

constexpr double kLog2Pi = 1.8378770664093453;

/// ln L of a normal fitted by maximum likelihood (variance with divisor n).
double normal_loglik(const std::vector<double>& y) {
  const double n = static_cast<double>(y.size());
  double m = 0, v = 0;
  for (double v_i : y) m += v_i / n;
  for (double v_i : y) v += (v_i - m) * (v_i - m) / n;
  if (!(v > 0)) throw std::invalid_argument("a shape fit needs samples that are not all equal");
  return -0.5 * n * (kLog2Pi + std::log(v) + 1);
}

}  // namespace

std::string ShapeFits::best() const {
  if (loglik_lognormal >= loglik_normal && loglik_lognormal >= loglik_gamma) return "lognormal";
  return loglik_gamma >= loglik_normal ? "gamma" : "normal";
}

ShapeFits fit_shapes(const std::vector<double>& x) {
  if (x.size() < 3) throw std::invalid_argument("a shape fit needs at least 3 samples");
  std::vector<double> ln_x;
  double sum_ln = 0, mean = 0;
  for (double v : x) {
    if (!(v > 0)) throw std::invalid_argument("log-normal and gamma fits need positive samples");
    ln_x.push_back(std::log(v));
    sum_ln += std::log(v);
    mean += v / x.size();
  }
  const double n = static_cast<double>(x.size());
  ShapeFits f;
  f.n = static_cast<long>(x.size());
  f.loglik_normal = normal_loglik(x);
  // x log-normal ⇔ ln x normal; the Jacobian 1/x enters ln L as −Σ ln x.
  f.loglik_lognormal = normal_loglik(ln_x) - sum_ln;
  // Gamma: the shape k solves ln k − ψ(k) = s = ln(mean) − mean(ln x) (> 0 by
  // Jensen), by Newton from Minka's closed-form start; the scale is mean/k.
  const double s = std::log(mean) - sum_ln / n;
  if (!(s > 0)) throw std::invalid_argument("a shape fit needs samples that are not all equal");
  double k = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (int it = 0; it < 100; ++it) {
    const double step = (std::log(k) - boost::math::digamma(k) - s) / (1 / k - boost::math::trigamma(k));
    k = std::max(k - step, 0.5 * k);
    if (std::fabs(step) < 1e-12 * k) break;
  }
  const double theta = mean / k;
  f.gamma_shape = k;
  f.gamma_scale_eV = theta;
  f.loglik_gamma = (k - 1) * sum_ln - n * mean / theta - n * k * std::log(theta) - n * std::lgamma(k);
  return f;
}

}  // namespace betarelax::validation
