#pragma once
/// Counter-based random numbers: a value is a pure function of (seed, stream,
/// replica, atom, counter), so results do not depend on thread count, backend
/// or the order in which kernels visit atoms, and no generator state is kept.
/// The mixer is SplitMix64's finaliser (Steele, Lea, Flood 2014), applied in
/// a chain over the key words.
#include <Kokkos_Core.hpp>
#include <cstdint>

#include "kmath.hpp"

namespace betarelax::rng {

/// Named streams keep independent uses of one seed apart.
enum Stream : uint64_t {
  kVelocityInit = 1,
  kLattice = 2,
  kArtPush = 3,
  kCampaign = 4,
  kBootstrap = 5,
  kPermutation = 6,
};

KOKKOS_INLINE_FUNCTION uint64_t mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

KOKKOS_INLINE_FUNCTION uint64_t hash(uint64_t seed, uint64_t stream, uint64_t replica, uint64_t atom,
                                     uint64_t counter) {
  uint64_t h = mix(seed);
  h = mix(h ^ stream);
  h = mix(h ^ replica);
  h = mix(h ^ atom);
  return mix(h ^ counter);
}

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
