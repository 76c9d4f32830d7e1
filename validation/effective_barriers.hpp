#pragma once
/// Effective barriers of a spectrum of ΔF samples at temperature T (paper
/// §IV.B, Eqs. 4–6):
///   ΔF_para = −k_BT ln⟨e^{−ΔF/k_BT}⟩   (parallel events: the fastest dominate),
///   ΔF_seq  = +k_BT ln⟨e^{+ΔF/k_BT}⟩   (sequential events: the slowest dominate),
///   ΔF_eff  = (ΔF_para + ΔF_seq) / 2,
/// averaged over the empirical spectrum with log-sum-exp, so ΔF/k_BT of a
/// few hundred neither overflows nor loses the spectrum's tail. By Jensen's
/// inequality ΔF_para ≤ ⟨ΔF⟩ ≤ ΔF_seq.
///
/// Eq. 4 also has a log-normal version (the paper fits log-normals): for
/// ΔF ~ LN(μ, σ), ⟨e^{−ΔF/k_BT}⟩ = ∫ LN(x) e^{−x/k_BT} dx is finite and is
/// integrated numerically. Eq. 5 is not: a log-normal's tail falls slower than
/// any exponential grows (it has no moment-generating function for positive
/// arguments), so ⟨e^{+ΔF/k_BT}⟩ diverges and ΔF_seq exists only for the
/// empirical (finite) spectrum, or a truncated fit stated as such.
#include <string>
#include <vector>

namespace betarelax::validation {

/// ln((1/n) Σ e^{x_i}), stable for any magnitude of x.
double log_mean_exp(const std::vector<double>& x);

struct EffectiveBarriers {
  double para = 0, seq = 0, eff = 0;  ///< eV
};

/// Eqs. 4–6 on the empirical spectrum (eV, K); throws std::invalid_argument when empty.
EffectiveBarriers effective_barriers(const std::vector<double>& df_eV, double temperature_K);

/// Eq. 4 over a log-normal LN(μ, σ) of ΔF in eV (tanh-sinh quadrature in ln ΔF).
double lognormal_para(double mu, double sigma, double temperature_K);

/// Why Eq. 5 has no log-normal version (written into every analysis).
const std::string& lognormal_seq_diverges();

}  // namespace betarelax::validation
