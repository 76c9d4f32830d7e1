#include "core/neighbor/spatial_sort.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace betarelax {

Configuration spatially_sorted(const Configuration& conf, double cell) {
  if (!(cell > 0)) throw std::invalid_argument("spatially_sorted: cell edge must be positive");
  const int n = conf.n_atoms();
  int nc[3];
  for (int d = 0; d < 3; ++d) nc[d] = std::max(1, static_cast<int>(conf.len[d] / cell));
  std::vector<long> key(n);
  for (int i = 0; i < n; ++i) {
    long k = 0;
    for (int d = 2; d >= 0; --d) {
      // Positions may lie outside the box (unwrapped input): fold them in.
      double s = (conf.x[3 * i + d] - conf.lo[d]) / conf.len[d];
      s -= std::floor(s);
      const int c = std::min(nc[d] - 1, static_cast<int>(s * nc[d]));
      k = k * nc[d] + c;
    }
    key[i] = k;
  }
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return key[a] != key[b] ? key[a] < key[b] : conf.id[a] < conf.id[b]; });
  return reordered(conf, order);
}

Configuration reordered(const Configuration& conf, const std::vector<int>& rows) {
  Configuration out = conf;
  for (size_t q = 0; q < rows.size(); ++q) {
    const int i = rows[q];
    out.id[q] = conf.id[i];
    out.type[q] = conf.type[i];
    for (int d = 0; d < 3; ++d) {
      out.x[3 * q + d] = conf.x[3 * i + d];
      if (!conf.v.empty()) out.v[3 * q + d] = conf.v[3 * i + d];
      if (!conf.image.empty()) out.image[3 * q + d] = conf.image[3 * i + d];
    }
  }
  return out;
}

}  // namespace betarelax
