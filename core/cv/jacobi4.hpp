#pragma once
/// Eigen-decomposition of a symmetric 4×4 matrix by cyclic Jacobi rotations,
/// callable in device code (the quaternion key matrix of the RMSD
/// collective variable, Eq. 1, is evaluated inside kernels; no Eigen there).
#include <Kokkos_Core.hpp>

#include "core/system/kmath.hpp"

namespace betarelax {

/// Diagonalises `a` in place (its upper triangle is destroyed) and returns the
/// largest eigenvalue with its unit eigenvector in `v`. Converges to round-off
/// in at most a dozen sweeps for 4×4 matrices.
KOKKOS_INLINE_FUNCTION double jacobi4_largest(double a[4][4], double v[4]) {
  double e[4][4] = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
  for (int sweep = 0; sweep < 50; ++sweep) {
    double off = 0.0, diag = 0.0;
    for (int p = 0; p < 4; ++p) {
      diag += a[p][p] * a[p][p];
      for (int q = p + 1; q < 4; ++q) off += a[p][q] * a[p][q];
    }
    if (off <= 1e-30 * (diag + 1e-300)) break;
    for (int p = 0; p < 3; ++p) {
      for (int q = p + 1; q < 4; ++q) {
        if (a[p][q] == 0.0) continue;
        // Rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
        const double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (kmath::fabs(theta) + kmath::sqrt(theta * theta + 1.0));
        const double c = 1.0 / kmath::sqrt(t * t + 1.0), s = t * c;
        for (int k = 0; k < 4; ++k) {  // A ← Jᵀ A J, on the full symmetric matrix
          const double akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < 4; ++k) {
          const double apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < 4; ++k) {
          const double ekp = e[k][p], ekq = e[k][q];
          e[k][p] = c * ekp - s * ekq;
          e[k][q] = s * ekp + c * ekq;
        }
      }
    }
  }
  int best = 0;
  for (int p = 1; p < 4; ++p)
    if (a[p][p] > a[best][best]) best = p;
  for (int k = 0; k < 4; ++k) v[k] = e[k][best];
  return a[best][best];
}

}  // namespace betarelax
