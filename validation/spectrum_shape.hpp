#pragma once
/// Which shape a spectrum of ΔF samples has (paper §IV.A: "the spectra
/// follow log-normal distributions"): normal, log-normal and gamma fitted by
/// maximum likelihood and compared by AIC. All three have two parameters, so
/// ΔAIC = −2 Δ(ln L), and summing ln L over temperatures pools independent
/// spectra. A goodness-of-fit test that "does not reject" a log-normal has
/// little power at tens of samples; a likelihood comparison says which
/// shape the data prefer.
#include <string>
#include <vector>

namespace betarelax::validation {

struct ShapeFits {
  long n = 0;
  double loglik_normal = 0, loglik_lognormal = 0, loglik_gamma = 0;
  double gamma_shape = 0, gamma_scale_eV = 0;
  /// "normal", "lognormal" or "gamma": the largest likelihood (lowest AIC).
  std::string best() const;
};

/// Needs at least 3 positive samples that are not all equal (throws
/// std::invalid_argument otherwise).
ShapeFits fit_shapes(const std::vector<double>& x);

}  // namespace betarelax::validation
