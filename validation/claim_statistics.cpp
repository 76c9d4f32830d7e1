#include "validation/claim_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/special_functions/gamma.hpp>

#include "support/units.hpp"
#include "validation/barrier_fits.hpp"
#include "validation/effective_barriers.hpp"
#include "validation/spectrum_stats.hpp"

namespace betarelax::validation {
namespace {

/// The per-temperature numbers every statistic here is built from.
struct PerT {
  double mean = 0, std = 0;
  EffectiveBarriers b;
};

PerT per_t(const std::vector<double>& df, double t) {
  const SpectrumSummary s = summarize(df);
  return {s.mean, s.std, effective_barriers(df, t)};
}

/// The statistics of one set of spectra (the samples, or one bootstrap draw).
struct Point {
  double mean_slope = 0, std_slope = 0, ds_eff_para = 0;
};

Point statistics_of(const std::vector<double>& temps, const std::vector<PerT>& p) {
  std::vector<double> mean, sd, para, eff;
  for (const PerT& e : p) {
    mean.push_back(e.mean);
    sd.push_back(e.std);
    para.push_back(e.b.para);
    eff.push_back(e.b.eff);
  }
  // ΔS_x = −slope of ΔF_x(T) (Eq. 7), in k_B.
  const double ds_para = -fit_line(temps, para).slope / units::kB, ds_eff = -fit_line(temps, eff).slope / units::kB;
  return {fit_line(temps, mean).slope, fit_line(temps, sd).slope, ds_eff - ds_para};
}

Interval interval(double value, std::vector<double> draws) {
  std::sort(draws.begin(), draws.end());
  return {value, quantile_sorted(draws, 0.025), quantile_sorted(draws, 0.975)};
}

}  // namespace

ClaimStatistics claim_statistics(const std::map<double, std::vector<double>>& samples, int resamples, uint64_t seed) {
  if (samples.size() < 2) throw std::invalid_argument("the temperature dependence needs at least two temperatures");
  if (resamples < 2) throw std::invalid_argument("the intervals need at least two bootstrap draws");
  std::vector<double> temps;
  std::vector<PerT> point;
  for (const auto& [t, v] : samples) {
    if (v.size() < 2) throw std::invalid_argument("each temperature needs at least two samples");
    temps.push_back(t);
    point.push_back(per_t(v, t));
  }
  const Point p = statistics_of(temps, point);
  std::vector<double> d_mean, d_std, d_eff_para;
  std::vector<std::vector<double>> eff_draws(temps.size());
  for (int b = 0; b < resamples; ++b) {
    std::vector<PerT> draw;
    size_t ti = 0;
    for (const auto& [t, v] : samples) {
      draw.push_back(per_t(bootstrap_draw(v, seed, b, ti), t));  // the fits' draws
      eff_draws[ti].push_back(draw.back().b.eff);
      ++ti;
    }
    const Point q = statistics_of(temps, draw);
    d_mean.push_back(q.mean_slope);
    d_std.push_back(q.std_slope);
    d_eff_para.push_back(q.ds_eff_para);
  }
  ClaimStatistics c;
  c.mean_slope_eV_per_K = interval(p.mean_slope, d_mean);
  c.std_slope_eV_per_K = interval(p.std_slope, d_std);
  c.dS_eff_minus_para_kB = interval(p.ds_eff_para, d_eff_para);
  c.temperatures_K = temps;
  std::vector<double> eff;
  for (size_t i = 0; i < temps.size(); ++i) {
    c.se_eff_eV.push_back(summarize(eff_draws[i]).std);
    eff.push_back(point[i].b.eff);
  }
  // Permutations: the samples of all temperatures shuffled and dealt back
  // in the same counts.
  std::vector<double> pooled;
  for (const auto& [t, v] : samples) pooled.insert(pooled.end(), v.begin(), v.end());
  const auto ds_eff = [&](const std::vector<double>& values) {
    std::vector<double> eff_t;
    size_t at = 0;
    for (const auto& [t, v] : samples) {
      eff_t.push_back(effective_barriers(std::vector<double>(values.begin() + at, values.begin() + at + v.size()), t).eff);
      at += v.size();
    }
    return -fit_line(temps, eff_t).slope / units::kB;
  };
  const double observed = ds_eff(pooled);
  long as_large = 0;
  double null_sum = 0;
  for (int b = 0; b < resamples; ++b) {
    const double ds = ds_eff(permutation_draw(pooled, seed, b));
    as_large += ds >= observed ? 1 : 0;
    null_sum += ds;
  }
  c.dS_eff_permutation_p = (1.0 + as_large) / (1.0 + resamples);
  c.dS_eff_null_mean_kB = null_sum / resamples;
  // Eq. 7 says ΔF_eff is linear in T: residuals against their errors.
  c.linearity_dof = static_cast<long>(temps.size()) - 2;
  if (c.linearity_dof > 0) {
    const LineFit f = fit_line(temps, eff);
    bool errors = true;
    for (size_t i = 0; i < temps.size(); ++i) {
      if (!(c.se_eff_eV[i] > 0)) {
        errors = false;
        break;
      }
      const double r = (eff[i] - f.intercept - f.slope * temps[i]) / c.se_eff_eV[i];
      c.linearity_chi2 += r * r;
    }
    c.linearity_p = errors ? boost::math::gamma_q(0.5 * c.linearity_dof, 0.5 * c.linearity_chi2) : 1.0;  // P(χ²_dof ≥ χ²)
    if (!errors) c.linearity_dof = 0;  // a spectrum of identical samples has no error to weigh by
  }
  return c;
}

}  // namespace betarelax::validation
