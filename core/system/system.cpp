#include "core/system/system.hpp"

#include <cmath>
#include <stdexcept>

namespace betarelax {

namespace {

/// Replica r's frozen flag, with the host count kept in step.
void set_frozen(System& sys, int r, bool on) {
  auto flag = Kokkos::subview(sys.frozen, r);
  int was = 0;
  Kokkos::deep_copy(was, flag);
  if (bool(was) == on) return;
  Kokkos::deep_copy(flag, on ? 1 : 0);
  sys.n_frozen += on ? 1 : -1;
}

}  // namespace

System make_system(const Configuration& conf, int n_replicas) {
  const int n = conf.n_atoms();
  if (n_replicas < 1) throw std::invalid_argument("make_system: need at least one replica");
  System sys;
  sys.n_atoms = n;
  sys.n_replicas = n_replicas;
  sys.n_types = conf.n_types;
  sys.type_names = conf.type_names;
  const size_t rows = size_t(n) * n_replicas;
  sys.x = Vec3View("x", rows);
  sys.v = Vec3View("v", rows);
  sys.f = Vec3View("f", rows);
  sys.image = Kokkos::View<int* [3], MemSpace>("image", rows);
  sys.type = IntView("type", n);
  sys.id = IntView("id", n);
  sys.mass = RealView("mass", conf.n_types);
  sys.box_lo = Kokkos::View<double* [3], MemSpace>("box_lo", n_replicas);
  sys.box_len = Kokkos::View<double* [3], MemSpace>("box_len", n_replicas);
  sys.frozen = IntView("frozen", n_replicas);

  auto type_h = Kokkos::create_mirror_view(sys.type);
  auto id_h = Kokkos::create_mirror_view(sys.id);
  for (int i = 0; i < n; ++i) {
    type_h(i) = conf.type[i];
    id_h(i) = conf.id[i];
  }
  Kokkos::deep_copy(sys.type, type_h);
  Kokkos::deep_copy(sys.id, id_h);
  auto mass_h = Kokkos::create_mirror_view(sys.mass);
  for (int t = 0; t < conf.n_types; ++t) mass_h(t) = t < int(conf.mass.size()) ? conf.mass[t] : 0.0;
  Kokkos::deep_copy(sys.mass, mass_h);
  for (int r = 0; r < n_replicas; ++r) set_replica(sys, r, conf);
  return sys;
}

void set_replica(System& sys, int r, const Configuration& conf) {
  const int n = sys.n_atoms;
  if (conf.n_atoms() != n) throw std::invalid_argument("set_replica: atom count differs from the system's");
  auto sub = [&](auto view) { return Kokkos::subview(view, std::make_pair(size_t(r) * n, size_t(r + 1) * n), Kokkos::ALL); };
  auto x = sub(sys.x), v = sub(sys.v);
  auto img = sub(sys.image);
  auto x_h = Kokkos::create_mirror_view(x);
  auto v_h = Kokkos::create_mirror_view(v);
  auto img_h = Kokkos::create_mirror_view(img);
  for (int i = 0; i < n; ++i) {
    for (int d = 0; d < 3; ++d) {
      x_h(i, d) = conf.x[3 * i + d];
      v_h(i, d) = conf.v.empty() ? 0.0 : conf.v[3 * i + d];
      img_h(i, d) = conf.image.empty() ? 0 : conf.image[3 * i + d];
    }
  }
  Kokkos::deep_copy(x, x_h);
  Kokkos::deep_copy(v, v_h);
  Kokkos::deep_copy(img, img_h);
  auto lo = Kokkos::subview(sys.box_lo, r, Kokkos::ALL);
  auto len = Kokkos::subview(sys.box_len, r, Kokkos::ALL);
  auto lo_h = Kokkos::create_mirror_view(lo);
  auto len_h = Kokkos::create_mirror_view(len);
  for (int d = 0; d < 3; ++d) {
    lo_h(d) = conf.lo[d];
    len_h(d) = conf.len[d];
  }
  Kokkos::deep_copy(lo, lo_h);
  Kokkos::deep_copy(len, len_h);
  if (sys.n_frozen > 0) set_frozen(sys, r, false);
}

void freeze_replica(System& sys, int r) {
  const size_t n = size_t(sys.n_atoms);
  const auto rows = std::make_pair(size_t(r) * n, size_t(r + 1) * n);
  Kokkos::deep_copy(Kokkos::subview(sys.v, rows, Kokkos::ALL), 0.0);
  Kokkos::deep_copy(Kokkos::subview(sys.f, rows, Kokkos::ALL), 0.0);
  set_frozen(sys, r, true);
}

Configuration extract_replica(const System& sys, int r) {
  const int n = sys.n_atoms;
  Configuration c;
  c.n_types = sys.n_types;
  c.type_names = sys.type_names;
  auto rows = std::make_pair(size_t(r) * n, size_t(r + 1) * n);
  auto x_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(sys.x, rows, Kokkos::ALL));
  auto v_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(sys.v, rows, Kokkos::ALL));
  auto img_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(sys.image, rows, Kokkos::ALL));
  auto type_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.type);
  auto id_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.id);
  auto mass_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.mass);
  auto lo_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_lo);
  auto len_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  c.id.resize(n);
  c.type.resize(n);
  c.x.resize(3 * n);
  c.v.resize(3 * n);
  c.image.resize(3 * n);
  for (int i = 0; i < n; ++i) {
    c.id[i] = id_h(i);
    c.type[i] = type_h(i);
    for (int d = 0; d < 3; ++d) {
      c.x[3 * i + d] = x_h(i, d);
      c.v[3 * i + d] = v_h(i, d);
      c.image[3 * i + d] = img_h(i, d);
    }
  }
  for (int t = 0; t < sys.n_types; ++t) c.mass.push_back(mass_h(t));
  for (int d = 0; d < 3; ++d) {
    c.lo[d] = lo_h(r, d);
    c.len[d] = len_h(r, d);
  }
  return c;
}

void set_box_volumes(System& sys, const std::vector<double>& volumes) {
  if (static_cast<int>(volumes.size()) != sys.n_replicas) {
    throw std::invalid_argument("set_box_volumes: one volume per replica is needed");
  }
  auto len_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  Kokkos::View<double*, Kokkos::HostSpace> factor_h("box_factor", sys.n_replicas);
  for (int r = 0; r < sys.n_replicas; ++r) {
    if (!(volumes[r] > 0)) throw std::invalid_argument("set_box_volumes: volumes must be positive");
    factor_h(r) = std::cbrt(volumes[r] / (len_h(r, 0) * len_h(r, 1) * len_h(r, 2)));
  }
  auto factor = Kokkos::create_mirror_view_and_copy(MemSpace(), factor_h);
  auto lo = sys.box_lo;
  auto len = sys.box_len;
  auto x = sys.x;
  const int n = sys.n_atoms;
  Kokkos::parallel_for(
      "system::scale_atoms", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * sys.n_replicas),
      KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        for (int d = 0; d < 3; ++d) {
          const double c = lo(r, d) + 0.5 * len(r, d);
          x(k, d) = c + (x(k, d) - c) * factor(r);
        }
      });
  Kokkos::parallel_for(
      "system::scale_box", Kokkos::RangePolicy<ExecSpace>(0, sys.n_replicas), KOKKOS_LAMBDA(const int r) {
        for (int d = 0; d < 3; ++d) {
          const double c = lo(r, d) + 0.5 * len(r, d);
          lo(r, d) = c + (lo(r, d) - c) * factor(r);
          len(r, d) *= factor(r);
        }
      });
}

double replica_mass(const System& sys) {
  auto type = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.type);
  auto mass = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.mass);
  double m = 0;
  for (int i = 0; i < sys.n_atoms; ++i) m += mass(type(i));
  return m;
}

}  // namespace betarelax
