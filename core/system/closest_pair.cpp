#include "core/system/closest_pair.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace betarelax {

ClosestPair closest_pair(const Configuration& conf, double within) {
  ClosestPair best;
  best.r = within;
  const int n = conf.n_atoms();
  // Cells at least `within` wide: a closer pair is in the same or an adjacent cell.
  int nb[3];
  for (int d = 0; d < 3; ++d) nb[d] = std::max(1, static_cast<int>(std::floor(conf.len[d] / within)));
  const auto cell_of = [&](int a, int d) {
    double s = (conf.x[3 * a + d] - conf.lo[d]) / conf.len[d];
    s -= std::floor(s);
    return std::min(nb[d] - 1, static_cast<int>(s * nb[d]));
  };
  std::vector<std::vector<int>> cells(size_t(nb[0]) * nb[1] * nb[2]);
  for (int a = 0; a < n; ++a) cells[(size_t(cell_of(a, 2)) * nb[1] + cell_of(a, 1)) * nb[0] + cell_of(a, 0)].push_back(a);
  const auto distance = [&](int a, int b) {
    double rsq = 0;
    for (int d = 0; d < 3; ++d) {
      double dx = conf.x[3 * a + d] - conf.x[3 * b + d];
      dx -= conf.len[d] * std::round(dx / conf.len[d]);
      rsq += dx * dx;
    }
    return std::sqrt(rsq);
  };
  for (int a = 0; a < n; ++a) {
    const int c[3] = {cell_of(a, 0), cell_of(a, 1), cell_of(a, 2)};
    // With fewer than 3 cells along an axis every cell is adjacent: scan each once.
    int span[3][2];
    for (int d = 0; d < 3; ++d) {
      span[d][0] = nb[d] < 3 ? 0 : c[d] - 1;
      span[d][1] = nb[d] < 3 ? nb[d] - 1 : c[d] + 1;
    }
    for (int z = span[2][0]; z <= span[2][1]; ++z) {
      for (int y = span[1][0]; y <= span[1][1]; ++y) {
        for (int x = span[0][0]; x <= span[0][1]; ++x) {
          const size_t cell = (size_t((z + nb[2]) % nb[2]) * nb[1] + (y + nb[1]) % nb[1]) * nb[0] + (x + nb[0]) % nb[0];
          for (const int b : cells[cell]) {
            if (b <= a) continue;
            const double r = distance(a, b);
            if (r < best.r) best = {a, b, r};
          }
        }
      }
    }
  }
  return best;
}

}  // namespace betarelax
