#include "neighbor_list.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "input_error.hpp"
#include "kmath.hpp"

namespace betarelax {
namespace {

struct BinGrid {
  int nb[3];
  int n_bins;
};

/// The same bin counts for every replica: each bin at least cutoff+skin wide.
BinGrid bin_grid(const System& sys, double cut) {
  auto len_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  BinGrid g{{0, 0, 0}, 1};
  for (int d = 0; d < 3; ++d) {
    double min_len = len_h(0, d);
    for (int r = 1; r < sys.n_replicas; ++r) min_len = std::min(min_len, len_h(r, d));
    g.nb[d] = std::max(1, static_cast<int>(std::floor(min_len / cut)));
    g.n_bins *= g.nb[d];
  }
  return g;
}

void check_box(const System& sys, double cut) {
  auto len_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.box_len);
  for (int r = 0; r < sys.n_replicas; ++r) {
    for (int d = 0; d < 3; ++d) {
      if (!(len_h(r, d) > 2.0 * cut)) {
        throw InputError("box of replica " + std::to_string(r) + ": edge " + "xyz"[d] + " = " +
                         std::to_string(len_h(r, d)) + " Å is not larger than 2 (cutoff + skin) = " +
                         std::to_string(2.0 * cut) + " Å; use a larger system");
      }
    }
  }
}

/// Half lists and the slot map of every full-list entry (see the header).
void build_pair_slots(NeighborList& list, int n, int n_rep) {
  const size_t rows = size_t(n) * n_rep;
  auto neighbors = list.neighbors;
  auto count = list.count;
  if (list.half_count.extent(0) != rows) list.half_count = IntView("half_count", rows);
  auto half_count = list.half_count;
  int most = 0;
  Kokkos::parallel_reduce(
      "neighbor::half_count", Kokkos::RangePolicy<ExecSpace>(0, rows),
      KOKKOS_LAMBDA(const size_t k, int& most_local) {
        const int i = static_cast<int>(k % n);
        int h = 0;
        for (int c = 0; c < count(k); ++c) h += neighbors(k, c) > i ? 1 : 0;
        half_count(k) = h;
        if (h > most_local) most_local = h;
      },
      Kokkos::Max<int>(most));
  if (list.max_half < most || list.half.extent(0) != rows) {
    list.max_half = std::max(most, list.max_half);
    list.half = Kokkos::View<int**, MemSpace>("half_neighbors", rows, list.max_half);
  }
  if (list.slot.extent(0) != rows || list.slot.extent(1) != size_t(list.max_neighbors)) {
    list.slot = Kokkos::View<int**, MemSpace>("pair_slot", rows, list.max_neighbors);
  }
  auto half = list.half;
  auto slot = list.slot;
  const int max_half = list.max_half;
  Kokkos::parallel_for(
      "neighbor::half_lists", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        const int i = static_cast<int>(k % n);
        int h = 0;
        for (int c = 0; c < count(k); ++c) {
          const int j = neighbors(k, c);
          if (j > i) {
            half(k, h) = j;
            slot(k, c) = 2 * static_cast<int>(k * max_half + h);
            ++h;
          }
        }
      });
  Kokkos::parallel_for(
      "neighbor::reverse_slots", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        const int i = static_cast<int>(k % n);
        const size_t base = k - i;  // row of atom 0 of this replica
        for (int c = 0; c < count(k); ++c) {
          const int j = neighbors(k, c);
          if (j > i) continue;
          const size_t kj = base + j;
          int pos = 0;
          // i is in j's half list: distances, hence lists, are symmetric.
          while (pos < half_count(kj) - 1 && half(kj, pos) != i) ++pos;
          slot(k, c) = 2 * static_cast<int>(kj * max_half + pos) + 1;
        }
      });
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
  list.neighbors = Kokkos::View<int**, MemSpace>("neighbors", rows, list.max_neighbors);
  list.count = IntView("neighbor_count", rows);
  list.x_at_build = Vec3View("x_at_build", rows);
  list.lo_at_build = Kokkos::View<double* [3], MemSpace>("lo_at_build", sys.n_replicas);
  list.len_at_build = Kokkos::View<double* [3], MemSpace>("len_at_build", sys.n_replicas);
  list.atom_bin = IntView("atom_bin", rows);
  list.bin_atoms = IntView("bin_atoms", rows);
  return list;
}

void build_neighbor_list(NeighborList& list, System& sys) {
  const double cut = list.cutoff + list.skin;
  check_box(sys, cut);
  const int n = sys.n_atoms;
  const int n_rep = sys.n_replicas;
  const BinGrid grid = bin_grid(sys, cut);
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
  Kokkos::deep_copy(bin_count, 0);
  Kokkos::deep_copy(bin_fill, 0);

  const size_t rows = size_t(n) * n_rep;
  Kokkos::parallel_for(
      "neighbor::wrap_and_bin", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
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
        int sum = r * n;
        for (int b = 0; b < n_bins; ++b) {
          bin_offset(size_t(r) * n_bins + b) = sum;
          sum += bin_count(size_t(r) * n_bins + b);
        }
      });
  Kokkos::parallel_for(
      "neighbor::fill_bins", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(const size_t k) {
        const int r = static_cast<int>(k / n);
        const size_t gb = size_t(r) * n_bins + atom_bin(k);
        const int slot = Kokkos::atomic_fetch_add(&bin_fill(gb), 1);
        bin_atoms(bin_offset(gb) + slot) = static_cast<int>(k - size_t(r) * n);
      });
  // Atomics fill bins in a thread-dependent order: sort each bin by index.
  Kokkos::parallel_for(
      "neighbor::sort_bins", Kokkos::RangePolicy<ExecSpace>(0, size_t(n_rep) * n_bins),
      KOKKOS_LAMBDA(const size_t gb) {
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
          const int i = static_cast<int>(k - size_t(r) * n);
          const int bin = atom_bin(k);
          const int bx = bin % nbx, by = (bin / nbx) % nby, bz = bin / (nbx * nby);
          const double L[3] = {len(r, 0), len(r, 1), len(r, 2)};
          const double inv[3] = {1.0 / L[0], 1.0 / L[1], 1.0 / L[2]};
          // With fewer than 3 bins along an axis, -1 and +1 name the same bin
          // (or bin 0 itself): visit each bin once.
          const int lo_x = nbx >= 3 ? -1 : 0, hi_x = nbx >= 2 ? 1 : 0;
          const int lo_y = nby >= 3 ? -1 : 0, hi_y = nby >= 2 ? 1 : 0;
          const int lo_z = nbz >= 3 ? -1 : 0, hi_z = nbz >= 2 ? 1 : 0;
          int c = 0;
          for (int oz = lo_z; oz <= hi_z; ++oz) {
            const int cz = (bz + oz + nbz) % nbz;
            for (int oy = lo_y; oy <= hi_y; ++oy) {
              const int cy = (by + oy + nby) % nby;
              for (int ox = lo_x; ox <= hi_x; ++ox) {
                const int cx = (bx + ox + nbx) % nbx;
                const size_t gb = size_t(r) * n_bins + (cz * nby + cy) * nbx + cx;
                const int begin = bin_offset(gb), end = begin + bin_count(gb);
                for (int a = begin; a < end; ++a) {
                  const int j = bin_atoms(a);
                  if (j == i) continue;
                  const size_t kj = size_t(r) * n + j;
                  double rsq = 0.0;
                  for (int d = 0; d < 3; ++d) {
                    const double dd = kmath::min_image(x(k, d) - x(kj, d), L[d], inv[d]);
                    rsq += dd * dd;
                  }
                  if (rsq < cutsq) {
                    if (c < max_nb) neighbors(k, c) = j;
                    ++c;
                  }
                }
              }
            }
          }
          count(k) = c;
          if (c > most_local) most_local = c;
        },
        Kokkos::Max<int>(most));
    if (most <= list.max_neighbors) break;
    list.max_neighbors = most + most / 8 + 4;
    list.neighbors = Kokkos::View<int**, MemSpace>("neighbors", rows, list.max_neighbors);
  }
  build_pair_slots(list, n, n_rep);
  Kokkos::deep_copy(list.x_at_build, sys.x);
  Kokkos::deep_copy(list.lo_at_build, sys.box_lo);
  Kokkos::deep_copy(list.len_at_build, sys.box_len);
  ++list.builds;
}

bool neighbor_list_stale(const NeighborList& list, const System& sys) {
  if (list.builds == 0) return true;
  const int n = sys.n_atoms;
  auto x = sys.x;
  auto x0 = list.x_at_build;
  auto len = sys.box_len;
  auto len0 = list.len_at_build;
  auto lo = sys.box_lo;
  const double skin = list.skin;
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
        if (slack <= 0.0 || dsq > slack * slack) any += 1;
        // Force kernels take minimum images by one comparison: every atom
        // must lie within skin/2 of its box (positions set from outside may not).
        for (int d = 0; d < 3; ++d) {
          const double s = (x(k, d) - lo(r, d)) / len(r, d);
          if (s < -0.5 * skin / len(r, d) || s >= 1.0 + 0.5 * skin / len(r, d)) any += 1;
        }
      },
      stale);
  return stale != 0;
}

bool update_neighbor_list(NeighborList& list, System& sys) {
  if (!neighbor_list_stale(list, sys)) return false;
  build_neighbor_list(list, sys);
  return true;
}

}  // namespace betarelax
