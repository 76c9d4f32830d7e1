#include "experiments/common/group_rule.hpp"

#include <algorithm>

#include "support/input_error.hpp"

namespace betarelax::experiments {

long read_group_center(const ExperimentConfig& c) {
  const std::string centre = c.text("group.center");
  if (centre == "rule") return 0;
  try {
    return std::stol(centre);
  } catch (const std::exception&) {
    throw InputError(c.path() + ": group.center: \"rule\" or an atom id, not \"" + centre + "\"");
  }
}

int group_center(long center_id, const std::string& center_element, const Configuration& ref, const std::string& where) {
  if (center_id > 0) return static_cast<int>(center_id);
  const auto element = std::find(ref.type_names.begin(), ref.type_names.end(), center_element);
  if (element == ref.type_names.end()) throw InputError(where + ": no element " + center_element + " for the group centre");
  return central_atom_by_rule(ref, static_cast<int>(element - ref.type_names.begin()));
}

AtomGroup reference_group(long center_id, const std::string& center_element, const GlassFolder& glass, double t_ref,
                          double cutoff) {
  const Configuration inherent = glass.read_inherent(t_ref, "the group is chosen in the reference temperature's inherent structure");
  return select_group(inherent, group_center(center_id, center_element, inherent, glass.inherent(t_ref)), cutoff);
}

}  // namespace betarelax::experiments
