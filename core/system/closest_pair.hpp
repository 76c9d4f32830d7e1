#pragma once
/// The two closest atoms of a configuration (minimum image, periodic box):
/// the check that refuses a data file with overlapping or doubled atoms
/// before a force call turns them into a plausible-looking explosion.
#include "core/system/system.hpp"

namespace betarelax {

/// No two atoms of a condensed Cu–Zr phase come closer than ~2 Å (the Cu–Cu
/// first RDF peak is 2.5 Å; the melt at 2000 K reaches ~2.0 Å). A pair at
/// 1 Å has an eam/fs pair energy of tens of eV: a doubled atom, a unit or
/// column mix-up, not physics.
inline constexpr double kMinPairDistance_A = 1.0;

struct ClosestPair {
  int i = -1, j = -1;  ///< rows of the two atoms (-1 if fewer than two atoms)
  double r = 0.0;      ///< their distance (Å)
};

/// The closest pair among those nearer than `within` Å (cell list, O(N));
/// r = `within` and i = j = -1 when there is none.
ClosestPair closest_pair(const Configuration& conf, double within);

}  // namespace betarelax
