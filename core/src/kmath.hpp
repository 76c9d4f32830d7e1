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

/// Minimum-image difference along one periodic axis of length `len`.
KOKKOS_INLINE_FUNCTION double min_image(double d, double len, double inv_len) {
  return d - len * floor(d * inv_len + 0.5);
}
}  // namespace betarelax::kmath
