#include "core/bias/wt_metad.hpp"

#include <cmath>
#include <stdexcept>

#include "core/system/kmath.hpp"

namespace betarelax {

WtMetad make_wt_metad(int n_replicas, const WtMetadParams& p) {
  if (!(p.sigma > 0)) throw std::invalid_argument("metadynamics: sigma must be positive");
  if (!(p.height0 > 0)) throw std::invalid_argument("metadynamics: initial hill height must be positive");
  if (!(p.bias_temperature > 0)) throw std::invalid_argument("metadynamics: bias temperature must be positive");
  if (p.pace < 1) throw std::invalid_argument("metadynamics: pace must be at least one step");
  if (!(p.grid_spacing > 0) || !(p.grid_max > 4 * p.grid_spacing)) {
    throw std::invalid_argument("metadynamics: grid spacing must be positive and well below the grid's extent");
  }
  if (p.grid_spacing > 0.5 * p.sigma) {
    throw std::invalid_argument("metadynamics: grid spacing must be at most sigma/2 for the splines to hold the hills");
  }
  if (p.wall_position < 0 || p.wall_position > p.grid_max || p.wall_constant < 0) {
    throw std::invalid_argument("metadynamics: wall must lie on the grid with a non-negative constant");
  }
  WtMetad m;
  m.params = p;
  m.n_points = static_cast<int>(std::lround(p.grid_max / p.grid_spacing)) + 1;
  m.bias = BiasGrid("metad::bias", n_replicas, m.n_points);
  m.slope = BiasGrid("metad::slope", n_replicas, m.n_points);
  m.energy = RealView("metad::energy", n_replicas);
  m.dv_ds = RealView("metad::dv_ds", n_replicas);
  m.height = RealView("metad::height", n_replicas);
  m.center = RealView("metad::center", n_replicas);
  m.height0 = RealView("metad::height0", n_replicas);
  Kokkos::deep_copy(m.height0, p.height0);
  return m;
}

namespace {

/// Cubic Hermite value and derivative of the gridded bias at s (flat beyond the ends).
KOKKOS_INLINE_FUNCTION void hermite(const BiasGrid& v, const BiasGrid& dv,
                                    int r, int n, double h, double s, double& value, double& slope) {
  if (s != s) {
    // A replica that blew up: NaN must reach its V and dV/ds (the driver
    // then fails that sample alone), never index the grid.
    value = slope = s;
    return;
  }
  if (s <= 0) {
    value = v(r, 0);
    slope = 0;
    return;
  }
  if (s >= (n - 1) * h) {
    value = v(r, n - 1);
    slope = 0;
    return;
  }
  const int i = static_cast<int>(s / h);
  const int j = i + 1 < n ? i + 1 : n - 1;
  const double t = s / h - i;
  const double t2 = t * t, t3 = t2 * t;
  const double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
  value = h00 * v(r, i) + h10 * h * dv(r, i) + h01 * v(r, j) + h11 * h * dv(r, j);
  const double d00 = 6 * t2 - 6 * t, d10 = 3 * t2 - 4 * t + 1, d01 = -6 * t2 + 6 * t, d11 = 3 * t2 - 2 * t;
  slope = (d00 * v(r, i) + d01 * v(r, j)) / h + d10 * dv(r, i) + d11 * dv(r, j);
}

}  // namespace

void wt_metad_evaluate(WtMetad& m, const RealView& s) {
  auto v = m.bias, dv = m.slope;
  auto energy = m.energy, dv_ds = m.dv_ds;
  const int n = m.n_points;
  const double h = m.params.grid_spacing, wall = m.params.wall_position, k = m.params.wall_constant;
  Kokkos::parallel_for(
      "wt_metad::evaluate", Kokkos::RangePolicy<ExecSpace>(0, static_cast<int>(v.extent(0))), KOKKOS_LAMBDA(const int r) {
        double e, g;
        hermite(v, dv, r, n, h, s(r), e, g);
        if (wall > 0 && s(r) > wall) {  // harmonic upper wall
          const double d = s(r) - wall;
          e += k * d * d;
          g += 2 * k * d;
        }
        energy(r) = e;
        dv_ds(r) = g;
      });
}

void wt_metad_deposit(WtMetad& m, const RealView& s) {
  auto v = m.bias, dv = m.slope;
  auto height = m.height, center = m.center, w0 = m.height0;
  const int n = m.n_points, nr = static_cast<int>(v.extent(0));
  const double h = m.params.grid_spacing, sigma = m.params.sigma;
  const double kdt = units::kB * m.params.bias_temperature;
  Kokkos::parallel_for(
      "wt_metad::hill_height", Kokkos::RangePolicy<ExecSpace>(0, nr), KOKKOS_LAMBDA(const int r) {
        double e, g;
        hermite(v, dv, r, n, h, s(r), e, g);
        height(r) = w0(r) * kmath::exp(-e / kdt);  // well-tempering
        center(r) = s(r);
      });
  Kokkos::parallel_for(
      "wt_metad::add_hill", Kokkos::RangePolicy<ExecSpace>(0, size_t(nr) * n), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n), i = static_cast<int>(k - size_t(r) * n);
        const double x = (i * h - center(r)) / sigma;
        if (x * x > 46.0) return;  // below 1e-10 of the hill's height
        const double gauss = height(r) * kmath::exp(-0.5 * x * x);
        v(r, i) += gauss;
        dv(r, i) -= gauss * x / sigma;
      });
  ++m.hills;
}

void wt_metad_clear(WtMetad& m, int r, double height0) {
  Kokkos::deep_copy(Kokkos::subview(m.height0, r), height0 > 0 ? height0 : m.params.height0);
  Kokkos::deep_copy(Kokkos::subview(m.bias, r, Kokkos::ALL), 0.0);
  Kokkos::deep_copy(Kokkos::subview(m.slope, r, Kokkos::ALL), 0.0);
  for (const RealView& v : {m.energy, m.dv_ds, m.height, m.center}) Kokkos::deep_copy(Kokkos::subview(v, r), 0.0);
}

void wt_metad_freeze(WtMetad& m, int r) { Kokkos::deep_copy(Kokkos::subview(m.height0, r), 0.0); }

std::vector<double> wt_metad_bias(const WtMetad& m, int r) {
  auto v = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(m.bias, r, Kokkos::ALL));
  return std::vector<double>(v.data(), v.data() + m.n_points);
}

std::vector<double> wt_metad_grid(const WtMetad& m) {
  std::vector<double> s(m.n_points);
  for (int i = 0; i < m.n_points; ++i) s[i] = i * m.params.grid_spacing;
  return s;
}

}  // namespace betarelax
