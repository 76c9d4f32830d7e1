#include "core/system/alloy_lattice.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "core/system/counter_rng.hpp"

namespace betarelax {

Configuration make_alloy_lattice(const AlloyLatticeParams& p) {
  std::vector<std::array<double, 3>> basis;
  if (p.lattice == "fcc") {
    basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  } else if (p.lattice == "bcc") {
    basis = {{0, 0, 0}, {0.5, 0.5, 0.5}};
  } else {
    throw std::invalid_argument("alloy lattice: unknown lattice '" + p.lattice + "' (fcc or bcc)");
  }
  if (p.cells < 1 || !(p.a > 0) || p.fraction_type0 < 0 || p.fraction_type0 > 1) {
    throw std::invalid_argument("alloy lattice: cells >= 1, a > 0 and 0 <= fraction <= 1 are required");
  }
  Configuration c;
  c.n_types = static_cast<int>(p.type_names.size());
  c.type_names = p.type_names;
  const int n = p.cells * p.cells * p.cells * static_cast<int>(basis.size());
  for (int d = 0; d < 3; ++d) c.len[d] = p.cells * p.a;
  int k = 0;
  for (int iz = 0; iz < p.cells; ++iz)
    for (int iy = 0; iy < p.cells; ++iy)
      for (int ix = 0; ix < p.cells; ++ix)
        for (const auto& b : basis) {
          const double cell[3] = {double(ix), double(iy), double(iz)};
          for (int d = 0; d < 3; ++d) {
            const double u = rng::uniform(p.seed, rng::kLattice, 0, k, d);
            double xd = (cell[d] + b[d]) * p.a + p.jitter * (2.0 * u - 1.0);
            xd -= std::floor(xd / c.len[d]) * c.len[d];
            c.x.push_back(xd);
          }
          c.id.push_back(k + 1);
          ++k;
        }
  // Exact composition: the first round(f N) sites of a random permutation.
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> keys(n);
  for (int i = 0; i < n; ++i) keys[i] = rng::uniform(p.seed, rng::kLattice, 1, i, 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return keys[a] < keys[b]; });
  const int n0 = static_cast<int>(std::lround(p.fraction_type0 * n));
  c.type.assign(n, 1);
  for (int i = 0; i < n0; ++i) c.type[order[i]] = 0;
  c.image.assign(3 * n, 0);
  return c;
}

}  // namespace betarelax
