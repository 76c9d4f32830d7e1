#include "core/structure/bond_order.hpp"

#include <cmath>
#include <complex>
#include <stdexcept>
#include <vector>

namespace betarelax {
namespace {

/// √((2l+1)/(4π) (l−m)!/(l+m)!) for m ≥ 0: makes P_l^m(cos θ) e^{imφ} the
/// orthonormal Y_lm (the Condon–Shortley phase drops out of |·|²).
double ylm_norm(int l, int m) {
  double ratio = 1.0;
  for (int k = l - m + 1; k <= l + m; ++k) ratio /= k;
  return std::sqrt((2 * l + 1) / (4 * M_PI) * ratio);
}

}  // namespace

BondOrder steinhardt(const Configuration& conf, int l, double cutoff) {
  if (l < 0 || !(cutoff > 0)) throw std::invalid_argument("steinhardt: need l >= 0 and a positive cutoff");
  const int n = conf.n_atoms();
  for (int d = 0; d < 3; ++d) {
    if (!(conf.len[d] > 2 * cutoff)) throw std::invalid_argument("steinhardt: box smaller than twice the cutoff");
  }
  std::vector<double> norm(l + 1);
  for (int m = 0; m <= l; ++m) norm[m] = ylm_norm(l, m);
  // Per atom, q_lm for m = 0..l; m < 0 follows from q_l,−m = (−1)^m conj(q_lm).
  std::vector<std::complex<double>> q(size_t(n) * (l + 1), 0.0), total(l + 1, 0.0);
  std::vector<int> bonds(n, 0);
  const double cutsq = cutoff * cutoff;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      double d[3], rsq = 0;
      for (int a = 0; a < 3; ++a) {
        d[a] = conf.x[3 * j + a] - conf.x[3 * i + a];
        d[a] -= conf.len[a] * std::round(d[a] / conf.len[a]);
        rsq += d[a] * d[a];
      }
      if (rsq >= cutsq || rsq == 0) continue;
      const double r = std::sqrt(rsq);
      const double cos_theta = std::max(-1.0, std::min(1.0, d[2] / r));
      const double phi = std::atan2(d[1], d[0]);
      for (int m = 0; m <= l; ++m) {
        const std::complex<double> y = norm[m] * std::assoc_legendre(l, m, cos_theta) * std::polar(1.0, m * phi);
        q[size_t(i) * (l + 1) + m] += y;
        total[m] += y;
      }
      ++bonds[i];
    }
  }
  const auto invariant = [&](const std::complex<double>* qlm, double count) {
    double s = std::norm(qlm[0]);
    for (int m = 1; m <= l; ++m) s += 2 * std::norm(qlm[m]);
    return std::sqrt(4 * M_PI / (2 * l + 1) * s) / count;
  };
  BondOrder out;
  out.l = l;
  long all_bonds = 0;
  int bonded = 0;
  for (int i = 0; i < n; ++i) {
    all_bonds += bonds[i];
    if (bonds[i] == 0) continue;
    out.mean_local += invariant(&q[size_t(i) * (l + 1)], bonds[i]);
    ++bonded;
  }
  if (bonded > 0) out.mean_local /= bonded;
  out.mean_bonds = n > 0 ? double(all_bonds) / n : 0;
  if (all_bonds > 0) out.global = invariant(total.data(), double(all_bonds));
  return out;
}

}  // namespace betarelax
