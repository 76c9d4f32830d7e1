#pragma once
/// Uniform and Gaussian draws from the counter hash (support/counter_hash.hpp)
/// for device kernels.
#include <Kokkos_Core.hpp>
#include <cstdint>

#include "core/system/kmath.hpp"
#include "support/counter_hash.hpp"

namespace betarelax::rng {

/// Uniform in the open interval (0, 1), 53 random bits.
KOKKOS_INLINE_FUNCTION double uniform(uint64_t seed, uint64_t stream, uint64_t replica, uint64_t atom,
                                      uint64_t counter) {
  return ((hash(seed, stream, replica, atom, counter) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/// Standard normal by Box–Muller from two uniforms of counters 2c and 2c+1.
KOKKOS_INLINE_FUNCTION double gaussian(uint64_t seed, uint64_t stream, uint64_t replica, uint64_t atom,
                                       uint64_t counter) {
  const double u1 = uniform(seed, stream, replica, atom, 2 * counter);
  const double u2 = uniform(seed, stream, replica, atom, 2 * counter + 1);
  return kmath::sqrt(-2.0 * kmath::log(u1)) * kmath::cos(6.283185307179586 * u2);
}

}  // namespace betarelax::rng
