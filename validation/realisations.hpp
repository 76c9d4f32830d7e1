#pragma once
/// Two realisations of one protocol (issue 35): the same profile run on two
/// glasses seeded differently. They agree (check `realisations_agree`) when
///  - ΔS_eff and ΔQ_eff differ by no more than their combined 95 %
///    intervals, sqrt(h_a² + h_b²) with h each interval's half width (an
///    asymmetric bootstrap interval counts by its mean half width): pooled
///    over sites when both runs pooled (ΔS_eff less each site's lean, as the
///    verdict reads it, and ΔQ_eff; the mean over sites and its Student-t
///    interval), else site 0's fits in both (bootstrap intervals);
///  - the censoring holds in both (each run's censored_fraction check passed);
///  - their validation verdicts are the same (both pass, or both fail a
///    required check).
/// Inputs are each run's analysis (derived.json) and validation.json.
#include <nlohmann/json.hpp>

namespace betarelax::validation {

nlohmann::json compare_realisations(const nlohmann::json& derived_a, const nlohmann::json& validation_a,
                                    const nlohmann::json& derived_b, const nlohmann::json& validation_b);

}  // namespace betarelax::validation
