#include "experiments/art/art_engine.hpp"

#include <cmath>

namespace betarelax::experiments {

std::vector<double> unwrapped_positions(const Configuration& conf) {
  std::vector<double> x(conf.x);
  if (!conf.image.empty())
    for (size_t k = 0; k < x.size(); ++k) x[k] += conf.image[k] * conf.len[k % 3];
  return x;
}

EnergyForce engine_energy_force(System& sys, ForceField& ff) {
  auto hx = Kokkos::create_mirror_view(sys.x);
  auto hf = Kokkos::create_mirror_view(sys.f);
  auto himage = Kokkos::create_mirror_view(sys.image);
  auto hlen = Kokkos::create_mirror_view(sys.box_len);
  auto hpe = Kokkos::create_mirror_view(ff.work.totals.result());
  return [&sys, &ff, hx, hf, himage, hlen, hpe](const std::vector<double>& u, std::vector<double>& f) {
    const int n = sys.n_atoms;
    Kokkos::deep_copy(himage, sys.image);
    Kokkos::deep_copy(hlen, sys.box_len);
    for (int i = 0; i < n; ++i)
      for (int d = 0; d < 3; ++d) hx(i, d) = u[3 * size_t(i) + d] - himage(i, d) * hlen(0, d);
    Kokkos::deep_copy(sys.x, hx);
    compute_forces(ff, sys, Tally::totals);
    Kokkos::deep_copy(hf, sys.f);
    f.resize(3 * size_t(n));
    for (int i = 0; i < n; ++i)
      for (int d = 0; d < 3; ++d) f[3 * size_t(i) + d] = hf(i, d);
    Kokkos::deep_copy(hpe, ff.work.totals.result());
    return hpe(0, 0);
  };
}

Configuration at_positions(const Configuration& conf, const std::vector<double>& x) {
  Configuration c = conf;
  c.x = x;
  c.image.assign(x.size(), 0);
  for (size_t k = 0; k < x.size(); ++k) {
    const int d = k % 3;
    const double shift = std::floor((x[k] - conf.lo[d]) / conf.len[d]);
    c.image[k] = static_cast<int>(shift);
    c.x[k] = x[k] - shift * conf.len[d];
  }
  c.v.clear();
  return c;
}

}  // namespace betarelax::experiments
