#pragma once
/// The paper's boosted group as every sampling stage chooses it (§II, §III):
/// the centre (a configured id, or the rule's atom of an element nearest the
/// box centre) and every atom within the cutoff of it, chosen once in the
/// inherent structure of the glass at the reference temperature. Every
/// temperature, the deposition-rate control and the ART stage sample exactly
/// these ids: the paper's ΔS is the T-dependence of one event of one group,
/// and a group re-selected in each thermal glass changes size with T.
#include <string>

#include "core/cv/atom_group.hpp"
#include "experiments/common/experiment_config.hpp"
#include "experiments/common/glass_folder.hpp"

namespace betarelax::experiments {

/// group.center: "rule" (0: the rule's atom) or an atom id (InputError otherwise).
long read_group_center(const ExperimentConfig& config);

/// The group's central atom in `ref`: `center_id` when given (> 0), else the
/// rule's atom of `center_element`; `where` names the file for the error.
int group_center(long center_id, const std::string& center_element, const Configuration& ref, const std::string& where);

/// The group chosen in the inherent structure at `t_ref` of `glass`.
AtomGroup reference_group(long center_id, const std::string& center_element, const GlassFolder& glass, double t_ref,
                          double cutoff);

}  // namespace betarelax::experiments
