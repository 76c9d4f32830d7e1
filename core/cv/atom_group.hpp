#pragma once
/// The boosted atom group of the paper (§II, §III): a central Cu atom and
/// every atom within the cutoff r_c of it in the reference structure.
#include <string>
#include <vector>

#include "core/system/system.hpp"

namespace betarelax {

struct AtomGroup {
  int center_id = 0;        ///< atom id of the central atom
  double cutoff = 0;        ///< Å
  std::vector<int> ids;     ///< the group's atom ids, central atom first, then by id
  std::vector<int> rows;    ///< their rows in the reference configuration
};

/// The group around atom `center_id` (minimum image); throws InputError when
/// the id is absent or the cutoff exceeds half a box edge.
AtomGroup select_group(const Configuration& ref, int center_id, double cutoff);

/// The fixed rule for the central atom when none is named: the atom of type
/// `type` nearest the box centre of the reference (ties: lowest id). It does
/// not look at any sampling result.
int central_atom_by_rule(const Configuration& ref, int type);

/// Squared minimum-image distance (Å²) of the atom in `row` from the box centre.
double distance_sq_to_box_centre(const Configuration& ref, int row);

/// Row of each atom id in `conf` (throws InputError naming a missing id).
std::vector<int> rows_of_ids(const Configuration& conf, const std::vector<int>& ids);

}  // namespace betarelax
