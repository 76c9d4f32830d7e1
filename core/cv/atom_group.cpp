#include "core/cv/atom_group.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "support/input_error.hpp"

namespace betarelax {

std::vector<int> rows_of_ids(const Configuration& conf, const std::vector<int>& ids) {
  std::unordered_map<int, int> row;
  for (int i = 0; i < conf.n_atoms(); ++i) row[conf.id[i]] = i;
  std::vector<int> out;
  for (int id : ids) {
    auto it = row.find(id);
    if (it == row.end()) throw InputError("atom id " + std::to_string(id) + " is not in the configuration");
    out.push_back(it->second);
  }
  return out;
}

AtomGroup select_group(const Configuration& ref, int center_id, double cutoff) {
  for (int d = 0; d < 3; ++d) {
    if (!(cutoff > 0) || !(2 * cutoff < ref.len[d])) {
      throw InputError("group cutoff " + std::to_string(cutoff) + " Å must be positive and below half the box edge");
    }
  }
  const int c = rows_of_ids(ref, {center_id})[0];
  AtomGroup g;
  g.center_id = center_id;
  g.cutoff = cutoff;
  std::vector<int> others;
  for (int i = 0; i < ref.n_atoms(); ++i) {
    if (i == c) continue;
    double rsq = 0;
    for (int d = 0; d < 3; ++d) {
      double dx = ref.x[3 * i + d] - ref.x[3 * c + d];
      dx -= ref.len[d] * std::round(dx / ref.len[d]);
      rsq += dx * dx;
    }
    if (rsq < cutoff * cutoff) others.push_back(ref.id[i]);
  }
  std::sort(others.begin(), others.end());
  g.ids.push_back(center_id);
  g.ids.insert(g.ids.end(), others.begin(), others.end());
  g.rows = rows_of_ids(ref, g.ids);
  return g;
}

double distance_sq_to_box_centre(const Configuration& ref, int row) {
  double d2 = 0;
  for (int d = 0; d < 3; ++d) {
    double dx = ref.x[3 * row + d] - (ref.lo[d] + 0.5 * ref.len[d]);
    dx -= ref.len[d] * std::round(dx / ref.len[d]);
    d2 += dx * dx;
  }
  return d2;
}

int central_atom_by_rule(const Configuration& ref, int type) {
  int best = -1;
  double best_d = std::numeric_limits<double>::max();
  for (int i = 0; i < ref.n_atoms(); ++i) {
    if (ref.type[i] != type) continue;
    const double d2 = distance_sq_to_box_centre(ref, i);
    if (d2 < best_d || (d2 == best_d && ref.id[i] < ref.id[best])) {
      best_d = d2;
      best = i;
    }
  }
  if (best < 0) throw InputError("no atom of type " + std::to_string(type + 1) + " to centre the group on");
  return ref.id[best];
}

}  // namespace betarelax
