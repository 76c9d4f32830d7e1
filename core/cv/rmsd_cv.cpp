#include "core/cv/rmsd_cv.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "core/cv/jacobi4.hpp"
#include "core/system/kmath.hpp"

namespace betarelax {
namespace {

/// Eq. (1) for one group: value, and the gradient into `grad` when given.
/// `u` holds the unwrapped current positions on entry (overwritten by the
/// gradient when it is the same array). Device code: no Eigen, no allocation.
template <class Pos, class Ref, class Grad>
KOKKOS_INLINE_FUNCTION double rmsd_kernel(const int m, const Pos& u, const Ref& ref, const Grad& grad) {
  double cu[3] = {0, 0, 0}, cr[3] = {0, 0, 0};
  for (int i = 0; i < m; ++i)
    for (int d = 0; d < 3; ++d) {
      cu[d] += u(i, d);
      cr[d] += ref(i, d);
    }
  for (int d = 0; d < 3; ++d) {
    cu[d] /= m;
    cr[d] /= m;
  }
  double c[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  for (int i = 0; i < m; ++i)
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b) c[a][b] += (u(i, a) - cu[a]) * (ref(i, b) - cr[b]);
  // Horn's key matrix: its top eigenvector is the quaternion of the rotation
  // U that takes the centred current positions onto the centred reference.
  double k[4][4] = {
      {c[0][0] + c[1][1] + c[2][2], c[1][2] - c[2][1], c[2][0] - c[0][2], c[0][1] - c[1][0]},
      {c[1][2] - c[2][1], c[0][0] - c[1][1] - c[2][2], c[0][1] + c[1][0], c[2][0] + c[0][2]},
      {c[2][0] - c[0][2], c[0][1] + c[1][0], -c[0][0] + c[1][1] - c[2][2], c[1][2] + c[2][1]},
      {c[0][1] - c[1][0], c[2][0] + c[0][2], c[1][2] + c[2][1], -c[0][0] - c[1][1] + c[2][2]}};
  double q[4];
  jacobi4_largest(k, q);
  const double q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3];
  const double rot[3][3] = {
      {q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3, 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2)},
      {2 * (q1 * q2 + q0 * q3), q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3, 2 * (q2 * q3 - q0 * q1)},
      {2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3}};
  // s² from the residuals themselves (accurate at small s, unlike Σ|x|²+Σ|y|²−2λ).
  double s2 = 0;
  for (int i = 0; i < m; ++i)
    for (int a = 0; a < 3; ++a) {
      double ux = 0;
      for (int b = 0; b < 3; ++b) ux += rot[a][b] * (u(i, b) - cu[b]);
      const double r = ux - (ref(i, a) - cr[a]);
      s2 += r * r;
    }
  const double s = kmath::sqrt(s2 / m);
  const double scale = s > 1e-12 ? 1.0 / (m * s) : 0.0;
  for (int i = 0; i < m; ++i) {
    double g[3];
    for (int a = 0; a < 3; ++a) {
      double utr = 0;  // (Uᵀ (r_i − r̄))_a
      for (int b = 0; b < 3; ++b) utr += rot[b][a] * (ref(i, b) - cr[b]);
      g[a] = scale * ((u(i, a) - cu[a]) - utr);
    }
    grad(i, 0) = g[0];
    grad(i, 1) = g[1];
    grad(i, 2) = g[2];
  }
  return s;
}

/// A (rows, 3) accessor over one channel's slice of a (channel, M, 3) View.
template <class V>
struct Slice {
  V v;
  int r;
  KOKKOS_INLINE_FUNCTION double& operator()(int i, int d) const { return v(r, i, d); }
};

/// Host arrays as (i, d) accessors.
struct HostArray {
  double* p;
  double& operator()(int i, int d) const { return p[3 * i + d]; }
};

}  // namespace

namespace {

/// One channel's group and reference into the host mirrors at row c.
template <class A, class R, class L>
void fill_channel(const A& a_h, const R& r_h, const L& len, int c, int r, int n_atoms, int max_atoms,
                  const std::vector<int>& g, const std::vector<double>& x) {
  if (g.size() < 2 || x.size() != 3 * g.size()) throw std::invalid_argument("rmsd_cv: a group needs 2+ atoms and 3 coordinates each");
  if (int(g.size()) > max_atoms) {
    throw std::invalid_argument("rmsd_cv: a group of " + std::to_string(g.size()) + " atoms exceeds the capacity of " +
                                std::to_string(max_atoms));
  }
  for (size_t i = 0; i < g.size(); ++i) {
    if (g[i] < 0 || g[i] >= n_atoms) throw std::invalid_argument("rmsd_cv: atom index out of range");
    a_h(c, i) = g[i];
    // The reference is made whole around its first (central) atom, so a
    // group cut by a box face is one connected cluster.
    for (int d = 0; d < 3; ++d) {
      const double l = len(r, d);
      r_h(c, i, d) = x[d] + kmath::min_image(x[3 * i + d] - x[d], l, 1.0 / l);
    }
  }
}

/// Groups of one replica share no atom: each site's force is its own.
void check_disjoint(const std::vector<std::vector<int>>& groups, int n_atoms) {
  std::vector<int> owner(n_atoms, -1);
  for (size_t k = 0; k < groups.size(); ++k)
    for (int a : groups[k]) {
      if (a < 0 || a >= n_atoms) throw std::invalid_argument("rmsd_cv: atom index out of range");
      if (owner[a] >= 0 && owner[a] != int(k)) {
        throw std::invalid_argument("rmsd_cv: sites " + std::to_string(owner[a]) + " and " + std::to_string(k) +
                                    " of one replica share atom index " + std::to_string(a));
      }
      owner[a] = int(k);
    }
}

}  // namespace

RmsdCv make_rmsd_cv(const System& sys, const std::vector<std::vector<int>>& atoms,
                    const std::vector<std::vector<double>>& reference, int capacity, int sites) {
  const int nr = sys.n_replicas;
  if (sites < 1) throw std::invalid_argument("rmsd_cv: at least one site per replica");
  const int nc = nr * sites;
  const bool per_channel = int(atoms.size()) == nc;
  if (atoms.empty() || (!per_channel && int(atoms.size()) > sites) || atoms.size() != reference.size()) {
    throw std::invalid_argument("rmsd_cv: give the groups (and references) of one replica's sites, or one per channel");
  }
  RmsdCv cv;
  cv.n_replicas = nr;
  cv.sites = sites;
  cv.max_atoms = capacity;
  for (const auto& g : atoms) cv.max_atoms = std::max(cv.max_atoms, int(g.size()));
  cv.atoms = Kokkos::View<int**, MemSpace>("rmsd::atoms", nc, cv.max_atoms);
  cv.count = IntView("rmsd::count", nc);
  cv.ref = Kokkos::View<double** [3], MemSpace>("rmsd::ref", nc, cv.max_atoms);
  cv.grad = Kokkos::View<double** [3], MemSpace>("rmsd::grad", nc, cv.max_atoms);
  cv.value = RealView("rmsd::value", nc);
  for (int r = 0; r < nr; ++r) {
    if (!per_channel) {
      set_rmsd_cv_sites(cv, sys, r, atoms, reference);
      continue;
    }
    const auto first = size_t(r) * sites, last = first + sites;
    set_rmsd_cv_sites(cv, sys, r, {atoms.begin() + first, atoms.begin() + last}, {reference.begin() + first, reference.begin() + last});
  }
  return cv;
}

void set_rmsd_cv_sites(RmsdCv& cv, const System& sys, int r, const std::vector<std::vector<int>>& groups,
                       const std::vector<std::vector<double>>& x) {
  if (groups.empty() || int(groups.size()) > cv.sites || groups.size() != x.size()) {
    throw std::invalid_argument("rmsd_cv: " + std::to_string(groups.size()) + " groups for a replica of " +
                                std::to_string(cv.sites) + " sites");
  }
  check_disjoint(groups, sys.n_atoms);
  const auto rows = std::make_pair(r * cv.sites, (r + 1) * cv.sites);
  auto a_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(cv.atoms, rows, Kokkos::ALL));
  auto r_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(cv.ref, rows, Kokkos::ALL, Kokkos::ALL));
  auto n_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(cv.count, rows));
  auto len = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  for (int k = 0; k < cv.sites; ++k) {
    n_h(k) = 0;  // a site this run leaves empty: no atoms, s = 0, no force
    if (k >= int(groups.size())) continue;
    fill_channel(a_h, r_h, len, k, r, sys.n_atoms, cv.max_atoms, groups[k], x[k]);
    n_h(k) = int(groups[k].size());
  }
  Kokkos::deep_copy(Kokkos::subview(cv.atoms, rows, Kokkos::ALL), a_h);
  Kokkos::deep_copy(Kokkos::subview(cv.ref, rows, Kokkos::ALL, Kokkos::ALL), r_h);
  Kokkos::deep_copy(Kokkos::subview(cv.count, rows), n_h);
}

void compute_rmsd_cv(const RmsdCv& cv, const System& sys) {
  auto x = sys.x;
  auto len = sys.box_len;
  auto atoms = cv.atoms;
  auto count = cv.count;
  auto ref = cv.ref;
  auto grad = cv.grad;
  auto value = cv.value;
  const int n = sys.n_atoms, sites = cv.sites;
  // One thread per channel: a group is a dozen to a few dozen atoms.
  Kokkos::parallel_for(
      "rmsd_cv::value_and_gradient", Kokkos::RangePolicy<ExecSpace>(0, cv.channels()), KOKKOS_LAMBDA(const int c) {
        const int m = count(c), r = c / sites;
        if (m == 0) {  // an empty site
          value(c) = 0;
          return;
        }
        // Unwrapped current positions go to grad first (overwritten by the gradient).
        for (int i = 0; i < m; ++i) {
          const size_t k = size_t(r) * n + atoms(c, i);
          for (int d = 0; d < 3; ++d) {
            const double l = len(r, d);
            grad(c, i, d) = ref(c, i, d) + kmath::min_image(x(k, d) - ref(c, i, d), l, 1.0 / l);
          }
        }
        using G = decltype(grad);
        using R = decltype(ref);
        value(c) = rmsd_kernel(m, Slice<G>{grad, c}, Slice<R>{ref, c}, Slice<G>{grad, c});
      });
}

void apply_cv_force(const RmsdCv& cv, System& sys, const RealView& dv_ds) {
  auto f = sys.f;
  auto atoms = cv.atoms;
  auto count = cv.count;
  auto grad = cv.grad;
  const int n = sys.n_atoms, ma = cv.max_atoms, sites = cv.sites;
  // Groups of one replica are disjoint (set_rmsd_cv_sites): no two threads write one atom.
  Kokkos::parallel_for(
      "rmsd_cv::bias_force", Kokkos::RangePolicy<ExecSpace>(0, size_t(cv.channels()) * ma), KOKKOS_LAMBDA(const size_t ci) {
        const int c = static_cast<int>(ci / ma), i = static_cast<int>(ci - size_t(c) * ma);
        if (i >= count(c)) return;
        const size_t k = size_t(c / sites) * n + atoms(c, i);
        for (int d = 0; d < 3; ++d) f(k, d) -= dv_ds(c) * grad(c, i, d);
      });
}

double rmsd_host(const std::vector<double>& current, const std::vector<double>& reference, const double box_len[3]) {
  if (current.size() != reference.size() || current.size() < 6) throw std::invalid_argument("rmsd_host: sizes differ");
  const int m = int(current.size() / 3);
  std::vector<double> u(current.size()), ref = reference, g(current.size());
  for (int i = 0; i < m; ++i)
    for (int d = 0; d < 3; ++d)
      ref[3 * i + d] = reference[d] + kmath::min_image(reference[3 * i + d] - reference[d], box_len[d], 1.0 / box_len[d]);
  for (int i = 0; i < m; ++i)
    for (int d = 0; d < 3; ++d)
      u[3 * i + d] = ref[3 * i + d] + kmath::min_image(current[3 * i + d] - ref[3 * i + d], box_len[d], 1.0 / box_len[d]);
  return rmsd_kernel(m, HostArray{u.data()}, HostArray{ref.data()}, HostArray{g.data()});
}

}  // namespace betarelax
