#pragma once
/// Math functions callable in device code on every Kokkos version we support
/// (3.4 keeps them in Kokkos::Experimental, 4.x in Kokkos).
#include <Kokkos_Core.hpp>

namespace betarelax::kmath {
#if KOKKOS_VERSION >= 40000
using Kokkos::cos;
using Kokkos::exp;
using Kokkos::fabs;
using Kokkos::fmax;
using Kokkos::floor;
using Kokkos::log;
using Kokkos::sqrt;
#else
using Kokkos::Experimental::cos;
using Kokkos::Experimental::exp;
using Kokkos::Experimental::fabs;
using Kokkos::Experimental::fmax;
using Kokkos::Experimental::floor;
using Kokkos::Experimental::log;
using Kokkos::Experimental::sqrt;
#endif

/// A hint that `p` will be read soon (host CPUs only; a no-op in device code,
/// where the GPU hides latency with other warps instead).
KOKKOS_INLINE_FUNCTION void prefetch(const void* p) {
#if defined(__GNUC__) && !defined(__CUDA_ARCH__) && !defined(__HIP_DEVICE_COMPILE__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/// Minimum-image difference along one periodic axis of length `len`.
KOKKOS_INLINE_FUNCTION double min_image(double d, double len, double inv_len) {
  return d - len * floor(d * inv_len + 0.5);
}

/// The same for |d| < 1.5 len, with one comparison instead of a floor: the
/// force kernels' case, where every atom lies within skin/2 of its box (the
/// neighbour list is rebuilt, and atoms wrapped, before that can change).
KOKKOS_INLINE_FUNCTION double near_image(double d, double len) {
  const double half = 0.5 * len;
  return d > half ? d - len : (d < -half ? d + len : d);
}
}  // namespace betarelax::kmath
