#include "validation/barrier_fits.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "support/counter_hash.hpp"
#include "support/units.hpp"
#include "validation/effective_barriers.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

using units::kB;

double pick(const EffectiveBarriers& b, Barrier x) {
  return x == Barrier::para ? b.para : (x == Barrier::seq ? b.seq : b.eff);
}

}  // namespace

std::vector<double> bootstrap_draw(const std::vector<double>& v, uint64_t seed, int b, size_t ti) {
  std::vector<double> re(v.size());
  for (size_t i = 0; i < v.size(); ++i) re[i] = v[rng::hash(seed, rng::kBootstrap, b, ti, i) % v.size()];
  return re;
}

std::vector<double> permutation_draw(std::vector<double> pooled, uint64_t seed, int b) {
  for (size_t i = pooled.size(); i > 1; --i) std::swap(pooled[i - 1], pooled[rng::hash(seed, rng::kPermutation, b, 0, i) % i]);
  return pooled;
}

LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = x.size();
  if (n < 2 || y.size() != n) throw std::invalid_argument("a line fit needs at least two points");
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (!(sxx > 0)) throw std::invalid_argument("a line fit needs at least two distinct x");
  LineFit f;
  f.slope = sxy / sxx;
  f.intercept = my - f.slope * mx;
  if (n < 3) {
    f.se_slope = f.se_intercept = std::numeric_limits<double>::quiet_NaN();
    return f;
  }
  double rss = 0;
  for (size_t i = 0; i < n; ++i) {
    const double r = y[i] - f.intercept - f.slope * x[i];
    rss += r * r;
  }
  const double s2 = rss / (n - 2);
  f.se_slope = std::sqrt(s2 / sxx);
  f.se_intercept = std::sqrt(s2 * (1.0 / n + mx * mx / sxx));
  return f;
}

std::map<Barrier, BarrierFit> fit_effective_barriers(const std::map<double, std::vector<double>>& samples, int resamples,
                                                     uint64_t seed) {
  if (samples.size() < 2) throw std::invalid_argument("the fits of Eq. 7 need at least two temperatures");
  std::vector<double> temps;
  for (const auto& [t, v] : samples) temps.push_back(t);
  auto fit_all = [&](const std::vector<EffectiveBarriers>& b, Barrier x) {
    std::vector<double> y;
    for (const auto& e : b) y.push_back(pick(e, x));
    return fit_line(temps, y);
  };
  std::vector<EffectiveBarriers> point;
  for (const auto& [t, v] : samples) point.push_back(effective_barriers(v, t));

  std::map<Barrier, std::vector<double>> boot_q, boot_s;
  for (int b = 0; b < resamples; ++b) {
    std::vector<EffectiveBarriers> draw;
    size_t ti = 0;
    for (const auto& [t, v] : samples) {
      draw.push_back(effective_barriers(bootstrap_draw(v, seed, b, ti), t));
      ++ti;
    }
    for (Barrier x : {Barrier::para, Barrier::seq, Barrier::eff}) {
      const LineFit f = fit_all(draw, x);
      boot_q[x].push_back(f.intercept);
      boot_s[x].push_back(-f.slope / kB);
    }
  }
  std::map<Barrier, BarrierFit> out;
  for (Barrier x : {Barrier::para, Barrier::seq, Barrier::eff}) {
    const LineFit f = fit_all(point, x);
    BarrierFit r;
    r.dQ_eV = f.intercept;
    r.dS_kB = -f.slope / kB;
    r.se_dQ_eV = f.se_intercept;
    r.se_dS_kB = f.se_slope / kB;
    r.temperatures = static_cast<long>(temps.size());
    if (resamples > 0) {
      std::sort(boot_q[x].begin(), boot_q[x].end());
      std::sort(boot_s[x].begin(), boot_s[x].end());
      r.ci_dQ_eV[0] = quantile_sorted(boot_q[x], 0.025);
      r.ci_dQ_eV[1] = quantile_sorted(boot_q[x], 0.975);
      r.ci_dS_kB[0] = quantile_sorted(boot_s[x], 0.025);
      r.ci_dS_kB[1] = quantile_sorted(boot_s[x], 0.975);
    }
    out[x] = r;
  }
  return out;
}

}  // namespace betarelax::validation
