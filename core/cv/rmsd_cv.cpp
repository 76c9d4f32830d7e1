#include "core/cv/rmsd_cv.hpp"

#include <stdexcept>
#include <string>

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

/// A (rows, 3) accessor over one replica's slice of a (R, M, 3) View.
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

RmsdCv make_rmsd_cv(const System& sys, const std::vector<std::vector<int>>& atoms,
                    const std::vector<std::vector<double>>& reference, int capacity) {
  const int nr = sys.n_replicas;
  if (atoms.empty() || (atoms.size() != 1 && int(atoms.size()) != nr) || atoms.size() != reference.size()) {
    throw std::invalid_argument("rmsd_cv: give one group (and reference) for all replicas or one per replica");
  }
  RmsdCv cv;
  cv.n_replicas = nr;
  cv.max_atoms = capacity;
  for (const auto& g : atoms) cv.max_atoms = std::max(cv.max_atoms, int(g.size()));
  cv.atoms = Kokkos::View<int**, MemSpace>("rmsd::atoms", nr, cv.max_atoms);
  cv.count = IntView("rmsd::count", nr);
  cv.ref = Kokkos::View<double** [3], MemSpace>("rmsd::ref", nr, cv.max_atoms);
  cv.grad = Kokkos::View<double** [3], MemSpace>("rmsd::grad", nr, cv.max_atoms);
  cv.value = RealView("rmsd::value", nr);
  for (int r = 0; r < nr; ++r) {
    set_rmsd_cv_group(cv, sys, r, atoms.size() == 1 ? atoms[0] : atoms[r],
                      reference.size() == 1 ? reference[0] : reference[r]);
  }
  return cv;
}

void set_rmsd_cv_group(RmsdCv& cv, const System& sys, int r, const std::vector<int>& g, const std::vector<double>& x) {
  if (g.size() < 2 || x.size() != 3 * g.size()) throw std::invalid_argument("rmsd_cv: a group needs 2+ atoms and 3 coordinates each");
  if (int(g.size()) > cv.max_atoms) {
    throw std::invalid_argument("rmsd_cv: a group of " + std::to_string(g.size()) + " atoms exceeds the capacity of " +
                                std::to_string(cv.max_atoms));
  }
  auto a_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(cv.atoms, r, Kokkos::ALL));
  auto r_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Kokkos::subview(cv.ref, r, Kokkos::ALL, Kokkos::ALL));
  auto len = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  for (size_t i = 0; i < g.size(); ++i) {
    if (g[i] < 0 || g[i] >= sys.n_atoms) throw std::invalid_argument("rmsd_cv: atom index out of range");
    a_h(i) = g[i];
    // The reference is made whole around its first (central) atom, so a
    // group cut by a box face is one connected cluster.
    for (int d = 0; d < 3; ++d) {
      const double l = len(r, d);
      r_h(i, d) = x[d] + kmath::min_image(x[3 * i + d] - x[d], l, 1.0 / l);
    }
  }
  Kokkos::deep_copy(Kokkos::subview(cv.atoms, r, Kokkos::ALL), a_h);
  Kokkos::deep_copy(Kokkos::subview(cv.ref, r, Kokkos::ALL, Kokkos::ALL), r_h);
  Kokkos::deep_copy(Kokkos::subview(cv.count, r), int(g.size()));
}

void compute_rmsd_cv(const RmsdCv& cv, const System& sys) {
  auto x = sys.x;
  auto len = sys.box_len;
  auto atoms = cv.atoms;
  auto count = cv.count;
  auto ref = cv.ref;
  auto grad = cv.grad;
  auto value = cv.value;
  const int n = sys.n_atoms;
  // One thread per replica: a group is a dozen to a few dozen atoms.
  Kokkos::parallel_for(
      "rmsd_cv::value_and_gradient", Kokkos::RangePolicy<ExecSpace>(0, cv.n_replicas), KOKKOS_LAMBDA(const int r) {
        const int m = count(r);
        // Unwrapped current positions go to grad first (overwritten by the gradient).
        for (int i = 0; i < m; ++i) {
          const size_t k = size_t(r) * n + atoms(r, i);
          for (int d = 0; d < 3; ++d) {
            const double l = len(r, d);
            grad(r, i, d) = ref(r, i, d) + kmath::min_image(x(k, d) - ref(r, i, d), l, 1.0 / l);
          }
        }
        using G = decltype(grad);
        using R = decltype(ref);
        value(r) = rmsd_kernel(m, Slice<G>{grad, r}, Slice<R>{ref, r}, Slice<G>{grad, r});
      });
}

void apply_cv_force(const RmsdCv& cv, System& sys, const RealView& dv_ds) {
  auto f = sys.f;
  auto atoms = cv.atoms;
  auto count = cv.count;
  auto grad = cv.grad;
  const int n = sys.n_atoms, ma = cv.max_atoms;
  Kokkos::parallel_for(
      "rmsd_cv::bias_force", Kokkos::RangePolicy<ExecSpace>(0, size_t(cv.n_replicas) * ma), KOKKOS_LAMBDA(const size_t ri) {
        const int r = static_cast<int>(ri / ma), i = static_cast<int>(ri - size_t(r) * ma);
        if (i >= count(r)) return;
        const size_t k = size_t(r) * n + atoms(r, i);
        for (int d = 0; d < 3; ++d) f(k, d) -= dv_ds(r) * grad(r, i, d);
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
