#pragma once
/// Verlet neighbour lists by cell binning, one per replica, with
/// minimum-image distances (no ghost atoms: every box edge must exceed twice
/// the list cutoff, cutoff + skin). Each atom's neighbours are sorted by
/// index, so forces sum in an order that depends only on which atoms are
/// within reach: not on the thread count, the bin grid or the other replicas.
///
/// Replicas are rebuilt one by one: a replica's list is rebuilt (and its
/// atoms wrapped into the box) only when its own atoms moved more than skin/2.
/// A replica's trajectory then depends on nothing but its own state, so a
/// sample run as one of R replicas is bit for bit the sample run alone.
///
/// Each pair's physics is computed once, by the atom that owns it (an
/// index-parity rule that balances the work over atoms), which adds its own
/// share at once and leaves the partner's share in a pair slot; every atom then
/// adds the shares left for it, in its full-list order. That halves the spline
/// work of a full list without the atomics (and the thread-dependent rounding)
/// of a half-list scatter: an atom's sum runs over its own pairs in half-list
/// order, then the others in full-list order, whatever the thread count.
#include <type_traits>

#include "core/system/system.hpp"
#include "core/system/types.hpp"

namespace betarelax {

/// Where the pair slots of a row's half-list entries lie: entry c of row k is
/// slot k·row + c·entry. CPU threads walk one atom's pairs, so its slots are
/// adjacent (by atom: row = max_half, entry = 1); GPU threads take adjacent
/// atoms at the same entry, so slots of the same entry are adjacent (by entry:
/// row = 1, entry = rows) and a warp's loads coalesce. The half and reverse
/// tables follow the execution space's default layout the same way. The order
/// changes where a number is stored, never which numbers are summed in which
/// order: forces are bit for bit the same either way (a test holds it).
enum class SlotOrder { by_atom, by_entry };
constexpr SlotOrder kDefaultSlotOrder =
    std::is_same<ExecSpace::array_layout, Kokkos::LayoutLeft>::value ? SlotOrder::by_entry : SlotOrder::by_atom;

struct PairSlots {
  size_t row = 0, entry = 0;
  KOKKOS_INLINE_FUNCTION size_t operator()(size_t k, int c) const { return k * row + size_t(c) * entry; }
};

/// The same index with the order fixed at compile time, for the pair kernels:
/// a runtime stride per entry cost the CPU's force call 7 % (9.5 → 10.2 ms,
/// 4000 atoms), a contiguous walk the compiler no longer saw.
template <SlotOrder O>
struct SlotIndex {
  size_t stride;  ///< max_half by atom, rows by entry
  KOKKOS_INLINE_FUNCTION size_t operator()(size_t k, int c) const {
    return O == SlotOrder::by_atom ? k * stride + size_t(c) : size_t(c) * stride + k;
  }
};

struct NeighborList {
  double cutoff = 0.0;  ///< interaction cutoff (Å)
  double skin = 1.0;    ///< Verlet skin (Å); rebuild when an atom moved > skin/2
  int max_neighbors = 0;
  long builds = 0;  ///< number of builds so far (diagnostics)

  Kokkos::View<int**, MemSpace> neighbors;  ///< (R*N, max_neighbors): local index j in [0, N)
  IntView count;                            ///< (R*N) neighbours of each atom
  int max_half = 0;
  Kokkos::View<int**, MemSpace> half;  ///< (R*N, max_half): the neighbours this atom owns, inside the cutoff first
  IntView half_count;                  ///< (R*N)
  IntView half_inside;                 ///< (R*N): how many of them were inside the cutoff at the build
  SlotOrder slot_order = kDefaultSlotOrder;
  PairSlots slot;  ///< slot(k, c): the pair slot of half-list entry c of row k
  /// (R*N, max_reverse): the slots of the pairs this atom does not own, in
  /// full-list order (the partner's row and the entry of this atom there).
  int max_reverse = 0;
  Kokkos::View<int**, MemSpace> reverse;
  IntView reverse_count;  ///< (R*N)
  Vec3View x_at_build;                      ///< positions at the last build
  Kokkos::View<double* [3], MemSpace> lo_at_build;   ///< box corners at the last build
  Kokkos::View<double* [3], MemSpace> len_at_build;  ///< box edges at the last build

  // binning scratch, reused between builds
  IntView atom_bin, bin_count, bin_offset, bin_fill, bin_atoms;
  Vec3View bin_x;  ///< positions in bin_atoms order: the build scans candidates contiguously
  IntView rebuild;  ///< (R): 1 for the replicas the next build covers
};

/// A list for `sys` with the given cutoff and skin; throws InputError if a box
/// edge of any replica is not larger than 2 (cutoff + skin).
NeighborList make_neighbor_list(const System& sys, double cutoff, double skin);

/// Wraps atoms into their box (updating image flags) and rebuilds all lists.
void build_neighbor_list(NeighborList& list, System& sys);

/// True when some atom of some replica moved more than skin/2 since the last
/// build, or a box edge shrank so much that the list could miss a pair; marks
/// those replicas in list.rebuild (and keeps replicas marked by
/// invalidate_replica).
bool neighbor_list_stale(NeighborList& list, const System& sys);

/// Rebuilds the lists of the stale replicas; returns whether it did.
bool update_neighbor_list(NeighborList& list, System& sys);

/// Replica r's atoms were replaced from outside (a new sample in its slot):
/// its list is rebuilt at the next update.
void invalidate_replica(NeighborList& list, int r);

}  // namespace betarelax
