#pragma once
/// The activation-energy spectrum of an ART campaign (paper §IV.C, Fig. 4b)
/// from its events.csv rows: counts by status, duplicates, and the
/// statistics of ΔQ over the distinct verified saddles — the only ones that
/// count (failed and duplicate searches are reported, never mixed
/// into the spectrum).
///
/// Duplicates: events are taken in id order; a verified event whose saddle
/// energy and final-minimum energy both agree with an earlier distinct
/// verified event's to `duplicate_eV`, and whose most displaced atom is the
/// same, is that event found again. Energies of two saddles converged to
/// 0.01 eV/Å differ by ~f²/|λ| ≲ 1e-4 eV, distinct saddles in a glass by far
/// more, hence the default 1e-3 eV.
///
/// Classes (paper §IV.C compares like with like): `all` is every distinct
/// verified saddle; `metad` those whose final minimum WT-MetaD's transition
/// rule would count as a rearrangement (experiments/art/metad_class.hpp, the
/// rule recorded in art.json). ⟨ΔQ⟩ of a class comes with its standard error
/// and a 95 % Student-t interval over its distinct saddles.
///
/// Exploration: the number of distinct saddles (and of MetaD-class ones)
/// after each search in id order, the fraction of the last quarter's
/// searches that found a new one, and ⟨ΔQ⟩ of each class in the first and
/// second half of the searches (each half de-duplicated on its own).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/art/metad_class.hpp"

namespace betarelax::validation {

struct ArtSpectrumOptions {
  double duplicate_eV = 1e-3;
  double histogram_bin = 0.1;  ///< eV
  std::optional<experiments::MetadClassRule> metad_class;  ///< absent in runs of the earlier protocol
};

nlohmann::json to_json(const ArtSpectrumOptions& o);
ArtSpectrumOptions art_options_from_json(const nlohmann::json& j);

/// summary: searches, by_status, verified, duplicates [{id, of}], distinct,
/// dQ {n, mean, std, quartiles, histogram, values}, mean_dQ_eV,
/// classes {all, metad: {n, mean_dQ_eV, sem_dQ_eV, interval95_eV, dQ, ids}},
/// metad_class (= classes.metad, what the paper checks read), saturation,
/// halves, converged_not_verified [{id, status, dQ_eV}],
/// force_calls {total, per_search, per_distinct_saddle, median_per_verified,
/// median_search_per_verified}, wall_s,
/// harmonic {n, log10_nu_star_Hz mean/std, dS_harm_kB mean/std/median}.
/// Throws InputError naming the column and id of a malformed row.
nlohmann::json art_summary(const ArtSpectrumOptions& options, const std::vector<std::map<std::string, std::string>>& rows);

/// A few lines for the terminal.
std::string art_summary_text(const nlohmann::json& summary);

}  // namespace betarelax::validation
