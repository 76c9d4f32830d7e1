#include "core/neighbor/neighbor_list.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/system/kmath.hpp"
#include "support/input_error.hpp"

namespace betarelax {
namespace {

struct BinGrid {
  int nb[3];
  int n_bins;
};

/// Bins are at least (cutoff+skin)/kBinsPerCut wide, so the stencil reaches
/// kBinsPerCut bins each way. Half-width bins cut the candidates scanned per
/// atom to (5/6)³ ≈ 0.58 of the 3×3×3 stencil of full-width bins.
constexpr int kBinsPerCut = 2;

/// The smallest box edge along each axis over the replicas, by a reduction:
/// this runs at every rebuild, and a reduction's three numbers are all the host
/// needs (no copy of the boxes, which would be a device-to-host copy per
/// rebuild on a GPU).
struct Edges {
  double min[3];
};
Edges smallest_edges(const System& sys) {
  auto len = sys.box_len;
  Edges e{};
  Kokkos::parallel_reduce(
      "neighbor::smallest_edges", Kokkos::RangePolicy<ExecSpace>(0, sys.n_replicas),
      KOKKOS_LAMBDA(const int r, double& ex, double& ey, double& ez) {
        ex = len(r, 0) < ex ? len(r, 0) : ex;
        ey = len(r, 1) < ey ? len(r, 1) : ey;
        ez = len(r, 2) < ez ? len(r, 2) : ez;
      },
      Kokkos::Min<double>(e.min[0]), Kokkos::Min<double>(e.min[1]), Kokkos::Min<double>(e.min[2]));
  return e;
}

/// The same bin counts for every replica.
BinGrid bin_grid(const Edges& edges, double cut) {
  BinGrid g{{0, 0, 0}, 1};
  for (int d = 0; d < 3; ++d) {
    g.nb[d] = std::max(1, static_cast<int>(std::floor(edges.min[d] * kBinsPerCut / cut)));
    g.n_bins *= g.nb[d];
  }
  return g;
}

/// Throws InputError naming the replica and edge when a box edge is not
/// larger than 2 (cutoff + skin); returns the smallest edges otherwise.
Edges check_box(const System& sys, double cut) {
  const Edges edges = smallest_edges(sys);
  if (edges.min[0] > 2.0 * cut && edges.min[1] > 2.0 * cut && edges.min[2] > 2.0 * cut) return edges;
  auto len_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);  // the error path only
  for (int r = 0; r < sys.n_replicas; ++r) {
    for (int d = 0; d < 3; ++d) {
      if (!(len_h(r, d) > 2.0 * cut)) {
        throw InputError("box of replica " + std::to_string(r) + ": edge " + "xyz"[d] + " = " +
                         std::to_string(len_h(r, d)) + " Å is not larger than 2 (cutoff + skin) = " +
                         std::to_string(2.0 * cut) + " Å; use a larger system");
      }
    }
  }
  throw InputError("box: an edge is not larger than 2 (cutoff + skin) = " + std::to_string(2.0 * cut) + " Å");
}

/// Which atom of a pair evaluates it. "i < j" would give atom 0 all its
/// neighbours and atom N−1 none, so a static split of atoms over threads would
/// hand one thread three quarters of the pair work; the index-parity rule
/// gives every atom about half of its neighbours.
KOKKOS_INLINE_FUNCTION bool owns_pair(int i, int j) { return (i < j) == (((i + j) & 1) != 0); }

/// Sorts entries [0, c) of row k by insertion: the stencil's candidates come
/// in runs already sorted (bins are filled in index order and atoms are
/// spatially sorted), which Shell sort and binary insertion did not beat here.
KOKKOS_INLINE_FUNCTION void sort_row(const Kokkos::View<int**, MemSpace>& v, size_t k, int c) {
  for (int a = 1; a < c; ++a) {
    const int key = v(k, a);
    int b = a - 1;
    while (b >= 0 && v(k, b) > key) {
      v(k, b + 1) = v(k, b);
      --b;
    }
    v(k, b + 1) = key;
  }
}

/// Half lists and reverse lists (see the header), for the replicas marked in
/// list.rebuild, or for all when `all`.
void build_pair_slots(NeighborList& list, const System& sys, bool all) {
  const int n = sys.n_atoms, n_rep = sys.n_replicas;
  const size_t rows = size_t(n) * n_rep;
  auto neighbors = list.neighbors;
  auto count = list.count;
  auto rebuild = list.rebuild;
  if (list.half_count.extent(0) != rows) {
    list.half_count = IntView("half_count", rows);
    list.half_inside = IntView("half_inside", rows);
    list.reverse_count = IntView("reverse_count", rows);
    all = true;
  }
  auto half_count = list.half_count;
  auto reverse_count = list.reverse_count;
  // Counts of the rows being rebuilt; the maxima below run over every row, so
  // the lists other replicas keep from earlier builds still fit.
  Kokkos::parallel_for(
      "neighbor::half_count", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        if (!all && !rebuild(k / n)) return;
        const int i = static_cast<int>(k % n);
        int h = 0;
        for (int c = 0; c < count(k); ++c) h += owns_pair(i, neighbors(k, c)) ? 1 : 0;
        half_count(k) = h;
        reverse_count(k) = count(k) - h;
      });
  int most_half = 0, most_reverse = 0;
  Kokkos::parallel_reduce(
      "neighbor::most_half", Kokkos::RangePolicy<ExecSpace>(0, rows),
      KOKKOS_LAMBDA(const size_t k, int& mh, int& mr) {
        if (half_count(k) > mh) mh = half_count(k);
        if (reverse_count(k) > mr) mr = reverse_count(k);
      },
      Kokkos::Max<int>(most_half), Kokkos::Max<int>(most_reverse));
  if (list.max_half < most_half || list.half.extent(0) != rows) {
    list.max_half = std::max(most_half, list.max_half);
    list.half = Kokkos::View<int**, MemSpace>("half_neighbors", rows, list.max_half);
    all = true;  // slots index rows by max_half: every replica's reverse list changes
  }
  if (list.max_reverse < most_reverse || list.reverse.extent(0) != rows) {
    list.max_reverse = std::max(most_reverse, list.max_reverse);
    list.reverse = Kokkos::View<int**, MemSpace>("reverse_slots", rows, list.max_reverse);
    all = true;
  }
  const PairSlots slot = list.slot_order == SlotOrder::by_atom ? PairSlots{size_t(list.max_half), 1} : PairSlots{1, rows};
  if (slot.row != list.slot.row || slot.entry != list.slot.entry) {
    list.slot = slot;
    all = true;  // every replica's reverse list points at slots that moved
  }
  if (double(rows) * list.max_half > 2147483647.0) {
    throw InputError("neighbour list: " + std::to_string(rows) + " atoms x " + std::to_string(list.max_half) +
                     " pairs each overflow the 32-bit pair slots; use fewer replicas per batch");
  }
  auto half = list.half;
  auto half_inside = list.half_inside;
  auto reverse = list.reverse;
  // From the positions and box of each replica's own last build, even when a
  // grown table makes every replica's half lists be rewritten here: the order
  // of an atom's own pairs (and so its sums) then depends on its replica alone.
  auto x = list.x_at_build;
  auto len = list.len_at_build;
  const double cutsq = list.cutoff * list.cutoff;
  Kokkos::parallel_for(
      "neighbor::half_lists", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        const size_t r = k / n;
        if (!all && !rebuild(r)) return;
        const int i = static_cast<int>(k % n);
        const size_t base = k - i;  // row of atom 0 of this replica
        // Two passes: pairs inside the potential's cutoff at build time first,
        // then those in the skin, each in full-list order. The pair kernels'
        // cutoff test then is a well-predicted branch for the list's life
        // (atoms of a glass rarely cross the cutoff between builds).
        int h = 0;
        for (int pass = 0; pass < 2; ++pass) {
          for (int c = 0; c < count(k); ++c) {
            const int j = neighbors(k, c);
            if (!owns_pair(i, j)) continue;
            double rsq = 0.0;
            for (int d = 0; d < 3; ++d) {
              const double dd = kmath::near_image(x(k, d) - x(base + j, d), len(r, d));
              rsq += dd * dd;
            }
            if ((rsq < cutsq) != (pass == 0)) continue;
            half(k, h++) = j;
          }
          if (pass == 0) half_inside(k) = h;
        }
      });
  Kokkos::parallel_for(
      "neighbor::reverse_lists", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        if (!all && !rebuild(k / n)) return;
        const int i = static_cast<int>(k % n);
        const size_t base = k - i;  // row of atom 0 of this replica
        int e = 0;
        for (int c = 0; c < count(k); ++c) {
          const int j = neighbors(k, c);
          if (owns_pair(i, j)) continue;
          const size_t kj = base + j;
          // i is in j's half list at most once: a branch-free scan the
          // compiler vectorises (faster here than a binary search).
          int pos = -1;
          const int hc = half_count(kj);
          for (int p = 0; p < hc; ++p) pos = half(kj, p) == i ? p : pos;
          // Absent only if rounding put the pair inside cutoff + skin from one
          // end and not from the other: a pair a skin beyond the cutoff, no force.
          if (pos >= 0) reverse(k, e++) = static_cast<int>(slot(kj, pos));
        }
        reverse_count(k) = e;
      });
}

/// A wider neighbour table that keeps the lists of every row (replicas not
/// being rebuilt keep theirs).
void grow_neighbors(NeighborList& list, int most) {
  const int old_max = list.max_neighbors;
  list.max_neighbors = most + most / 8 + 4;
  auto old = list.neighbors;
  Kokkos::View<int**, MemSpace> grown("neighbors", list.count.extent(0), list.max_neighbors + 1);
  if (old.extent(0) == grown.extent(0)) {
    auto count = list.count;
    Kokkos::parallel_for(
        "neighbor::grow", Kokkos::RangePolicy<ExecSpace>(0, grown.extent(0)), KOKKOS_LAMBDA(const size_t k) {
          const int c = count(k) < old_max ? count(k) : old_max;
          for (int a = 0; a < c; ++a) grown(k, a) = old(k, a);
        });
  }
  list.neighbors = grown;
}

}  // namespace

NeighborList make_neighbor_list(const System& sys, double cutoff, double skin) {
  NeighborList list;
  list.cutoff = cutoff;
  list.skin = skin;
  check_box(sys, cutoff + skin);
  const size_t rows = size_t(sys.n_atoms) * sys.n_replicas;
  // A first guess from the number density, grown on overflow.
  auto len_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  const double volume = len_h(0, 0) * len_h(0, 1) * len_h(0, 2);
  const double rc = cutoff + skin;
  const double expected = sys.n_atoms / volume * 4.18879 * rc * rc * rc;
  list.max_neighbors = std::max(16, static_cast<int>(1.3 * expected) + 8);
  list.neighbors = Kokkos::View<int**, MemSpace>("neighbors", rows, list.max_neighbors + 1);
  list.count = IntView("neighbor_count", rows);
  list.x_at_build = Vec3View("x_at_build", rows);
  list.lo_at_build = Kokkos::View<double* [3], MemSpace>("lo_at_build", sys.n_replicas);
  list.len_at_build = Kokkos::View<double* [3], MemSpace>("len_at_build", sys.n_replicas);
  list.atom_bin = IntView("atom_bin", rows);
  list.bin_atoms = IntView("bin_atoms", rows);
  list.bin_x = Vec3View("bin_x", rows);
  list.rebuild = IntView("rebuild", sys.n_replicas);
  Kokkos::deep_copy(list.rebuild, 1);
  return list;
}

namespace {

/// Rebuilds the lists of the replicas marked in list.rebuild, then clears the marks.
void build_marked(NeighborList& list, System& sys) {
  const double cut = list.cutoff + list.skin;
  const BinGrid grid = bin_grid(check_box(sys, cut), cut);
  const int n = sys.n_atoms;
  const int n_rep = sys.n_replicas;
  const int nbx = grid.nb[0], nby = grid.nb[1], nbz = grid.nb[2], n_bins = grid.n_bins;
  if (list.bin_count.extent(0) != size_t(n_rep) * n_bins) {
    list.bin_count = IntView("bin_count", size_t(n_rep) * n_bins);
    list.bin_offset = IntView("bin_offset", size_t(n_rep) * n_bins);
    list.bin_fill = IntView("bin_fill", size_t(n_rep) * n_bins);
  }
  auto x = sys.x;
  auto image = sys.image;
  auto lo = sys.box_lo;
  auto len = sys.box_len;
  auto atom_bin = list.atom_bin;
  auto bin_count = list.bin_count;
  auto bin_offset = list.bin_offset;
  auto bin_fill = list.bin_fill;
  auto bin_atoms = list.bin_atoms;
  auto rebuild = list.rebuild;
  Kokkos::deep_copy(bin_count, 0);
  Kokkos::deep_copy(bin_fill, 0);

  const size_t rows = size_t(n) * n_rep;
  Kokkos::parallel_for(
      "neighbor::wrap_and_bin", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        if (!rebuild(r)) return;
        int b[3];
        const int nb[3] = {nbx, nby, nbz};
        for (int d = 0; d < 3; ++d) {
          const double L = len(r, d);
          const double s = kmath::floor((x(k, d) - lo(r, d)) / L);
          if (s != 0.0) {
            x(k, d) -= s * L;
            image(k, d) += static_cast<int>(s);
          }
          int bd = static_cast<int>((x(k, d) - lo(r, d)) / L * nb[d]);
          b[d] = bd < 0 ? 0 : (bd >= nb[d] ? nb[d] - 1 : bd);
        }
        const int bin = (b[2] * nby + b[1]) * nbx + b[0];
        atom_bin(k) = bin;
        Kokkos::atomic_increment(&bin_count(size_t(r) * n_bins + bin));
      });
  Kokkos::parallel_for(
      "neighbor::bin_offsets", Kokkos::RangePolicy<ExecSpace>(0, n_rep), KOKKOS_LAMBDA(const int r) {
        if (!rebuild(r)) return;
        int sum = r * n;
        for (int b = 0; b < n_bins; ++b) {
          bin_offset(size_t(r) * n_bins + b) = sum;
          sum += bin_count(size_t(r) * n_bins + b);
        }
      });
  Kokkos::parallel_for(
      "neighbor::fill_bins", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        if (!rebuild(r)) return;
        const size_t gb = size_t(r) * n_bins + atom_bin(k);
        const int slot = Kokkos::atomic_fetch_add(&bin_fill(gb), 1);
        bin_atoms(bin_offset(gb) + slot) = static_cast<int>(k - size_t(r) * n);
      });
  // Atomics fill bins in a thread-dependent order: sort each bin by index.
  Kokkos::parallel_for(
      "neighbor::sort_bins", Kokkos::RangePolicy<ExecSpace>(0, size_t(n_rep) * n_bins),
      KOKKOS_LAMBDA(const size_t gb) {
        if (!rebuild(gb / n_bins)) return;
        const int begin = bin_offset(gb), end = begin + bin_count(gb);
        for (int a = begin + 1; a < end; ++a) {
          const int key = bin_atoms(a);
          int b = a - 1;
          while (b >= begin && bin_atoms(b) > key) {
            bin_atoms(b + 1) = bin_atoms(b);
            --b;
          }
          bin_atoms(b + 1) = key;
        }
      });
  auto bin_x = list.bin_x;
  Kokkos::parallel_for(
      "neighbor::binned_positions", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t a) {
        if (!rebuild(a / n)) return;
        const size_t k = (a / n) * n + bin_atoms(a);  // bins of replica r fill rows [r N, (r+1) N)
        for (int d = 0; d < 3; ++d) bin_x(a, d) = x(k, d);
      });

  const double cutsq = cut * cut;
  for (;;) {
    auto neighbors = list.neighbors;
    auto count = list.count;
    const int max_nb = list.max_neighbors;
    int most = 0;
    Kokkos::parallel_reduce(
        "neighbor::build", Kokkos::RangePolicy<ExecSpace>(0, rows),
        KOKKOS_LAMBDA(const size_t k, int& most_local) {
          const int r = static_cast<int>(k / n);
          if (!rebuild(r)) return;
          const int i = static_cast<int>(k - size_t(r) * n);
          const int bin = atom_bin(k);
          const int bx = bin % nbx, by = (bin / nbx) % nby, bz = bin / (nbx * nby);
          const double L[3] = {len(r, 0), len(r, 1), len(r, 2)};
          const double xi[3] = {x(k, 0), x(k, 1), x(k, 2)};
          // With at least 2w+1 bins along an axis the stencil's periodic image
          // is known per bin (a shift of ±L where it wraps), so candidates need
          // no per-atom minimum image. A narrower grid (4 bins) is scanned bin
          // by bin once, with the minimum image per candidate.
          constexpr int w = kBinsPerCut;
          const int nb[3] = {nbx, nby, nbz};
          const int b0[3] = {bx, by, bz};
          bool all[3];
          for (int d = 0; d < 3; ++d) all[d] = nb[d] < 2 * w + 1;
          int c = 0;
          if (all[0] && all[1] && all[2]) {
            // The stencil is the whole box (a small box: 500 atoms with an
            // 8.6 Å reach): scan the atoms in index order, which leaves the
            // row sorted. In bin order it needed an insertion sort of ~150
            // entries per atom, half the build's time (measured).
            const size_t base = k - i;
            for (int j = 0; j < n; ++j) {
              double rsq = 0.0;
              for (int d = 0; d < 3; ++d) {
                const double dd = kmath::near_image(xi[d] - x(base + j, d), L[d]);
                rsq += dd * dd;
              }
              neighbors(k, c < max_nb ? c : max_nb) = j;
              c += (rsq < cutsq && j != i) ? 1 : 0;
            }
            count(k) = c;
            if (c > most_local) most_local = c;
            return;
          }
          for (int oz = all[2] ? 0 : -w; oz <= (all[2] ? nbz - 1 : w); ++oz) {
            for (int oy = all[1] ? 0 : -w; oy <= (all[1] ? nby - 1 : w); ++oy) {
              for (int ox = all[0] ? 0 : -w; ox <= (all[0] ? nbx - 1 : w); ++ox) {
                const int o[3] = {ox, oy, oz};
                int cell[3];
                double xs[3];  // xi minus the image shift of this bin
                for (int d = 0; d < 3; ++d) {
                  const int raw = all[d] ? o[d] : b0[d] + o[d];
                  cell[d] = raw < 0 ? raw + nb[d] : (raw >= nb[d] ? raw - nb[d] : raw);
                  xs[d] = xi[d] + (raw < 0 ? L[d] : (raw >= nb[d] && !all[d] ? -L[d] : 0.0));
                }
                const size_t gb = size_t(r) * n_bins + (cell[2] * nby + cell[1]) * nbx + cell[0];
                const int begin = bin_offset(gb), end = begin + bin_count(gb);
                for (int a = begin; a < end; ++a) {
                  double rsq = 0.0;
                  for (int d = 0; d < 3; ++d) {
                    double dd = xs[d] - bin_x(a, d);
                    if (all[d]) dd = kmath::near_image(dd, L[d]);  // |Δ| < L: atoms are wrapped
                    rsq += dd * dd;
                  }
                  const int j = bin_atoms(a);
                  // Branch-free append: a rejected candidate is overwritten by
                  // the next; column max_nb is scratch for the overflow case.
                  neighbors(k, c < max_nb ? c : max_nb) = j;
                  c += (rsq < cutsq && j != i) ? 1 : 0;
                }
              }
            }
          }
          // Sorted by index: the summation order no longer depends on the bin
          // grid, so not on the other replicas' boxes.
          if (c <= max_nb) sort_row(neighbors, k, c);
          count(k) = c;
          if (c > most_local) most_local = c;
        },
        Kokkos::Max<int>(most));
    if (most <= list.max_neighbors) break;
    grow_neighbors(list, most);
  }
  auto x_at_build = list.x_at_build;
  Kokkos::parallel_for(
      "neighbor::positions_at_build", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        if (!rebuild(k / n)) return;
        for (int d = 0; d < 3; ++d) x_at_build(k, d) = x(k, d);
      });
  auto lo_at_build = list.lo_at_build;
  auto len_at_build = list.len_at_build;
  Kokkos::parallel_for(
      "neighbor::box_at_build", Kokkos::RangePolicy<ExecSpace>(0, n_rep), KOKKOS_LAMBDA(const int r) {
        if (!rebuild(r)) return;
        for (int d = 0; d < 3; ++d) {
          lo_at_build(r, d) = lo(r, d);
          len_at_build(r, d) = len(r, d);
        }
      });
  build_pair_slots(list, sys, false);
  Kokkos::deep_copy(rebuild, 0);
  ++list.builds;
}

}  // namespace

void build_neighbor_list(NeighborList& list, System& sys) {
  Kokkos::deep_copy(list.rebuild, 1);
  build_marked(list, sys);
}

void invalidate_replica(NeighborList& list, int r) {
  Kokkos::deep_copy(Kokkos::subview(list.rebuild, r), 1);
}

bool neighbor_list_stale(NeighborList& list, const System& sys) {
  if (list.builds == 0) {
    Kokkos::deep_copy(list.rebuild, 1);
    return true;
  }
  const int n = sys.n_atoms;
  auto x = sys.x;
  auto x0 = list.x_at_build;
  auto len = sys.box_len;
  auto len0 = list.len_at_build;
  auto lo = sys.box_lo;
  const double skin = list.skin;
  auto rebuild = list.rebuild;
  int stale = 0;
  Kokkos::parallel_reduce(
      "neighbor::check_displacement", Kokkos::RangePolicy<ExecSpace>(0, size_t(n) * sys.n_replicas),
      KOKKOS_LAMBDA(const size_t k, int& any) {
        const int r = static_cast<int>(k / n);
        // A pair through a periodic image changes length by at most
        // |dx_i| + |dx_j| + |dL|: a box that changed (NPT) eats into the skin.
        double max_dlen = 0.0;
        double dsq = 0.0;
        for (int d = 0; d < 3; ++d) {
          max_dlen = kmath::fmax(max_dlen, kmath::fabs(len(r, d) - len0(r, d)));
          const double dd = kmath::min_image(x(k, d) - x0(k, d), len(r, d), 1.0 / len(r, d));
          dsq += dd * dd;
        }
        const double slack = 0.5 * (skin - max_dlen);
        bool moved = slack <= 0.0 || dsq > slack * slack;
        // Force kernels take minimum images by one comparison: every atom
        // must lie within skin/2 of its box (positions set from outside may not).
        for (int d = 0; d < 3; ++d) {
          const double s = (x(k, d) - lo(r, d)) / len(r, d);
          if (s < -0.5 * skin / len(r, d) || s >= 1.0 + 0.5 * skin / len(r, d)) moved = true;
        }
        if (moved) Kokkos::atomic_fetch_or(&rebuild(r), 1);  // rare: no contention to speak of
        if (moved || (k % n == 0 && rebuild(r))) any += 1;  // or marked by invalidate_replica
      },
      stale);
  return stale != 0;
}

bool update_neighbor_list(NeighborList& list, System& sys) {
  if (!neighbor_list_stale(list, sys)) return false;
  build_marked(list, sys);
  return true;
}

}  // namespace betarelax
