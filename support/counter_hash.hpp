#pragma once
/// Counter-based random numbers: a value is a pure function of (seed, stream,
/// replica, atom, counter), so results do not depend on thread count, backend
/// or the order in which kernels visit atoms, and no generator state is kept.
/// The mixer is SplitMix64's finaliser (Steele, Lea, Flood 2014), applied in
/// a chain over the key words. Free of Kokkos, so the host-only statistics
/// (bootstrap, permutations) draw from the very same function as the kernels.
#include <cstdint>

// Callable from device code too: the one annotation the kernels need, spelt
// as CUDA and HIP spell it (Kokkos's KOKKOS_INLINE_FUNCTION expands to this).
#if defined(__CUDACC__) || defined(__HIPCC__)
#define BETARELAX_HOST_DEVICE __host__ __device__ inline
#else
#define BETARELAX_HOST_DEVICE inline
#endif

namespace betarelax::rng {

/// Named streams keep independent uses of one seed apart.
enum Stream : uint64_t {
  kVelocityInit = 1,
  kLattice = 2,
  kArtPush = 3,
  kCampaign = 4,
  kBootstrap = 5,
  kPermutation = 6,
  kSiteApart = 7,    ///< the seed of site k > 0 run on its own, from its point's seed
  kRealisation = 8,  ///< the glass seed of realisation N > 0, from the configured seed
};

BETARELAX_HOST_DEVICE uint64_t mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

BETARELAX_HOST_DEVICE uint64_t hash(uint64_t seed, uint64_t stream, uint64_t replica, uint64_t atom, uint64_t counter) {
  uint64_t h = mix(seed);
  h = mix(h ^ stream);
  h = mix(h ^ replica);
  h = mix(h ^ atom);
  return mix(h ^ counter);
}

}  // namespace betarelax::rng
