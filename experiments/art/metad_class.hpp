#pragma once
/// The events WT-MetaD would count as a rearrangement (paper §IV.C compares
/// ART's ⟨ΔQ⟩ with ΔQ_eff on them), judged at 0 K by WT-MetaD's own
/// transition rule (experiments/metadynamics/transition.hpp, its numbers read
/// from experiments/shared/metad_sample.toml at the run's profile):
///  - the group's inherent structures differ by more than inherent_change_A
///    in the CV of Eq. (1) (the rule's quench check), and
///  - the product lies at least jump_A from the initial minimum in that CV.
///    At temperature T the sampled s of a basin is about √(d² + s_T²) with d
///    its inherent-structure distance and s_T the thermal spread, so a jump
///    of the running mean by jump_A needs d ≥ jump_A: the 0 K form of the
///    rule is necessary, not sufficient (an event just above it may still be
///    missed at finite T, which counts it into the class a little too often).
#include <string>

#include <nlohmann/json.hpp>

namespace betarelax::experiments {

struct MetadClassRule {
  double jump_A = 0.5;
  double inherent_change_A = 0.3;
  std::string source;  ///< where the numbers were read

  /// The final minimum's group RMSD from the initial one (Å).
  bool counts(double group_rmsd_final_A) const {
    return group_rmsd_final_A > inherent_change_A && group_rmsd_final_A >= jump_A;
  }
};

inline nlohmann::json to_json(const MetadClassRule& r) {
  return {{"jump_A", r.jump_A}, {"inherent_change_A", r.inherent_change_A}, {"source", r.source}};
}

inline MetadClassRule metad_class_from_json(const nlohmann::json& j) {
  MetadClassRule r;
  r.jump_A = j.at("jump_A").get<double>();
  r.inherent_change_A = j.at("inherent_change_A").get<double>();
  r.source = j.value("source", "");
  return r;
}

}  // namespace betarelax::experiments
