#pragma once
/// The static part of the cross-talk between sites (issue 21): how far a
/// rearrangement at one site moves the campaign's other sites through the
/// glass in between. A sample run alone (series "alone") biases its own
/// site only; when it has a transition, sample.json records each other
/// site's group RMSD between the inherent structures before and after it
/// (transition.neighbour_sites). Those sites carried no bias, so what moved
/// them is this site's rearrangement (or, rarely, one of their own at T).
/// Set beside the hill width and the moving site's own RMSD, it says how
/// much a neighbour's transition shifts a site's collective variable.
#include <string>

#include <nlohmann/json.hpp>

#include "validation/site_spread.hpp"

namespace betarelax::validation {

/// From the "alone" rows with a confirmed transition and their
/// samples/<id>/sample.json under `campaign_dir`; null when none recorded
/// neighbours (one site, or no alone series). Throws InputError naming a
/// sample.json that is missing or lacks the fields.
nlohmann::json neighbour_response(const std::string& campaign_dir, const SampleRows& rows);

}  // namespace betarelax::validation
