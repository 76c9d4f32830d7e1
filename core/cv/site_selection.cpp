#include "core/cv/site_selection.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "support/input_error.hpp"

namespace betarelax {
double closest_approach(const Configuration& c, const std::vector<int>& a, const std::vector<int>& b) {
  double best = 1e300;
  for (int i : a)
    for (int j : b) {
      double r2 = 0;
      for (int d = 0; d < 3; ++d) {
        double dx = c.x[3 * i + d] - c.x[3 * j + d];
        dx -= c.len[d] * std::round(dx / c.len[d]);
        r2 += dx * dx;
      }
      best = std::min(best, r2);
    }
  return std::sqrt(best);
}

SiteSelection select_sites(const Configuration& ref, int first_center, int type, double cutoff, double separation,
                           int count) {
  if (count < 1) throw InputError("sites: the count must be at least 1");
  if (!(separation >= 0)) throw InputError("sites: the separation must be non-negative");
  SiteSelection out;
  out.sites.push_back(select_group(ref, first_center, cutoff));
  std::vector<int> order;
  for (int i = 0; i < ref.n_atoms(); ++i)
    if (ref.type[i] == type && ref.id[i] != first_center) order.push_back(i);
  std::vector<double> d2(ref.n_atoms());
  for (int i : order) d2[i] = distance_sq_to_box_centre(ref, i);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return d2[a] != d2[b] ? d2[a] < d2[b] : ref.id[a] < ref.id[b]; });
  for (int row : order) {
    if (static_cast<int>(out.sites.size()) == count) break;
    AtomGroup g = select_group(ref, ref.id[row], cutoff);
    // Distance 0 is a shared atom: sites never share one, whatever the separation.
    const bool apart = std::all_of(out.sites.begin(), out.sites.end(), [&](const AtomGroup& s) {
      const double r = closest_approach(ref, g.rows, s.rows);
      return r > 0 && r >= separation;
    });
    if (apart) out.sites.push_back(std::move(g));
  }
  if (static_cast<int>(out.sites.size()) < count) {
    throw InputError("sites: only " + std::to_string(out.sites.size()) + " of " + std::to_string(count) + " groups of cutoff " +
                     std::to_string(cutoff) + " A fit " + std::to_string(separation) + " A apart in a box of " +
                     std::to_string(ref.len[0]) + " A: fewer sites, a smaller separation, or a larger glass");
  }
  const size_t k = out.sites.size();
  out.closest.assign(k, std::vector<double>(k, 0.0));
  for (size_t i = 0; i < k; ++i)
    for (size_t j = i + 1; j < k; ++j) out.closest[i][j] = out.closest[j][i] = closest_approach(ref, out.sites[i].rows, out.sites[j].rows);
  return out;
}

}  // namespace betarelax
