#pragma once
/// Several sites of one glass (issue 21): what the paper's single group
/// could not show.
///  - site_spread: each site's spectrum per temperature and, with two or
///    more temperatures, its own fit ΔF_eff(T) = ΔQ − TΔS (Eqs. 5–7, as
///    analyze_spectra); then the distribution over sites of the mean ΔF per
///    T, of ΔQ and ΔS of each average (eff; para and seq, the bounds of
///    Eqs. 4–5, beside it): mean, sample std, range and the 95%
///    Student-t interval of the mean over sites (sites are independent
///    draws of the glass's environments; the interval is on their mean).
///  - crosstalk: the series "alone" paired with the same (T, cutoff, sample
///    index, site) run together (same seed): the mean of ΔF_together −
///    ΔF_alone per site and over all pairs, with its standard error. Zero
///    within its error means the sites do not feel each other at the
///    campaign's separation.
/// Rows are samples.csv rows (column → cell); a file without a `site`
/// column is one site, site 0.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/analysis.hpp"

namespace betarelax::validation {

using SampleRows = std::vector<std::map<std::string, std::string>>;

/// The site of a row (0 without a `site` column).
int site_of(const std::map<std::string, std::string>& row);

/// null when the rows hold one site.
nlohmann::json site_spread(const SampleRows& rows, const AnalysisOptions& options);

/// null when the rows hold no "alone" series.
nlohmann::json crosstalk(const SampleRows& rows);

/// The two-sided 95% quantile of Student's t with `dof` degrees of freedom
/// (tabulated; 1.96 beyond 120).
double student_t975(int dof);

}  // namespace betarelax::validation
