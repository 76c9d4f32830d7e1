// Neighbour lists against brute force over all pairs, and their rebuild rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/tests/test_support.hpp"
#include "support/input_error.hpp"

using namespace betarelax;
using namespace betarelax::test;

namespace {

std::set<std::pair<int, int>> brute_force_pairs(const Configuration& c, double cut) {
  std::set<std::pair<int, int>> pairs;
  const int n = c.n_atoms();
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i == j) continue;
      double rsq = 0;
      for (int d = 0; d < 3; ++d) {
        double dx = c.x[3 * i + d] - c.x[3 * j + d];
        dx -= c.len[d] * std::round(dx / c.len[d]);
        rsq += dx * dx;
      }
      if (rsq < cut * cut) pairs.insert({i, j});
    }
  }
  return pairs;
}

std::set<std::pair<int, int>> list_pairs(const NeighborList& list, int r, int n) {
  auto nb = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.neighbors);
  auto cnt = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.count);
  std::set<std::pair<int, int>> pairs;
  for (int i = 0; i < n; ++i) {
    for (int c = 0; c < cnt(size_t(r) * n + i); ++c) pairs.insert({i, nb(size_t(r) * n + i, c)});
  }
  return pairs;
}

}  // namespace

TEST(NeighborList, EqualsBruteForceForEveryReplica) {
  // 5 cells of a = 4.2 Å: 21 Å box, 2 bins per axis (the wrap-around case);
  // 7 cells: 29.4 Å, 3 bins (the full 27-bin stencil).
  for (int cells : {5, 7}) {
    std::vector<Configuration> confs = {cuzr_config(cells, 1, 0.4), cuzr_config(cells, 2, 0.4)};
    System sys = make_system(confs[0], 2);
    set_replica(sys, 1, confs[1]);
    NeighborList list = make_neighbor_list(sys, 7.6, 1.0);
    build_neighbor_list(list, sys);
    for (int r = 0; r < 2; ++r) {
      const auto expected = brute_force_pairs(confs[r], 8.6);
      EXPECT_EQ(list_pairs(list, r, sys.n_atoms), expected) << cells << " cells, replica " << r;
      EXPECT_GT(expected.size(), size_t(50) * sys.n_atoms);
    }
  }
}

TEST(NeighborList, OrderIsAscendingWithinEachBinAndStableAcrossBuilds) {
  System sys = make_system(cuzr_config(7, 4, 0.4), 1);
  NeighborList a = make_neighbor_list(sys, 7.6, 1.0);
  build_neighbor_list(a, sys);
  auto first = snapshot(a.neighbors);
  build_neighbor_list(a, sys);
  auto second = snapshot(a.neighbors);
  auto cnt = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a.count);
  for (int i = 0; i < sys.n_atoms; ++i) {
    for (int c = 0; c < cnt(i); ++c) ASSERT_EQ(first(i, c), second(i, c)) << "atom " << i;
  }
}

TEST(NeighborList, StaleAfterHalfASkinAndWrapsAtoms) {
  Configuration c = cuzr_config(5, 9, 0.2);
  System sys = make_system(c, 1);
  NeighborList list = make_neighbor_list(sys, 7.6, 1.0);
  build_neighbor_list(list, sys);
  EXPECT_FALSE(neighbor_list_stale(list, sys));
  Configuration moved = c;
  moved.x[3 * 10] += 0.49;  // just under skin/2
  set_replica(sys, 0, moved);
  EXPECT_FALSE(neighbor_list_stale(list, sys));
  moved.x[3 * 10] += 0.02;  // past skin/2
  const double outside = c.x[3 * 11 + 1] - c.len[1] - 0.3;  // one box length and a bit below
  moved.x[3 * 11 + 1] = outside;
  set_replica(sys, 0, moved);
  EXPECT_TRUE(neighbor_list_stale(list, sys));
  build_neighbor_list(list, sys);
  const Configuration wrapped = extract_replica(sys, 0);
  EXPECT_GE(wrapped.x[3 * 11 + 1], c.lo[1]);
  EXPECT_LT(wrapped.x[3 * 11 + 1], c.lo[1] + c.len[1]);
  const int expected_image = static_cast<int>(std::floor((outside - c.lo[1]) / c.len[1]));
  EXPECT_LE(expected_image, -1);
  EXPECT_EQ(wrapped.image[3 * 11 + 1], expected_image) << "image flag tracks the unwrapped position";
  EXPECT_NEAR(wrapped.x[3 * 11 + 1] + expected_image * c.len[1], outside, 1e-12);
}

TEST(NeighborList, RefusesABoxSmallerThanTwiceTheCutoffPlusSkin) {
  System sys = make_system(cuzr_config(4, 1, 0.1), 1);  // 16.8 Å < 2 (7.6 + 1.0)
  try {
    make_neighbor_list(sys, 7.6, 1.0);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not larger than 2 (cutoff + skin)"), std::string::npos) << e.what();
  }
}

// The pair kernels' bookkeeping (neighbor_list.hpp): every pair of the full
// list is owned by exactly one of its atoms (in that atom's half list, those
// inside the cutoff first), and the other atom's reverse list points at the
// owner's entry, in full-list order. A wrong slot would hand an atom another
// pair's force; a missing one would drop a pair.
class PairSlotsOf : public ::testing::TestWithParam<SlotOrder> {};

TEST_P(PairSlotsOf, EveryPairHasOneOwnerAndThePartnerFindsItsSlot) {
  std::vector<Configuration> confs = {cuzr_config(5, 1, 0.4), cuzr_config(5, 2, 0.4)};
  System sys = make_system(confs[0], 2);
  set_replica(sys, 1, confs[1]);
  NeighborList list = make_neighbor_list(sys, 7.6, 1.0);
  list.slot_order = GetParam();
  build_neighbor_list(list, sys);
  const int n = sys.n_atoms;
  auto nb = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.neighbors);
  auto cnt = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.count);
  auto half = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.half);
  auto hc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.half_count);
  auto inside = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.half_inside);
  auto rev = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.reverse);
  auto rc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), list.reverse_count);
  // Row and entry of a slot, the inverse of list.slot(k, c).
  const size_t rows = size_t(n) * 2, mh = size_t(list.max_half);
  const bool by_atom = GetParam() == SlotOrder::by_atom;
  auto slot_row = [&](size_t s) { return by_atom ? s / mh : s % rows; };
  auto slot_entry = [&](size_t s) { return by_atom ? s % mh : s / rows; };
  auto half_row = [&](size_t k) {
    std::vector<int> row;
    for (int c = 0; c < hc(k); ++c) row.push_back(half(k, c));
    return row;
  };
  long owned_total = 0, reverse_total = 0;
  for (int r = 0; r < 2; ++r) {
    const Configuration& c = confs[r];
    for (int i = 0; i < n; ++i) {
      const size_t k = size_t(r) * n + i;
      const std::vector<int> owned = half_row(k);
      std::vector<int> expected_reverse;
      for (int e = 0; e < cnt(k); ++e) {
        const int j = nb(k, e);
        const bool mine = std::count(owned.begin(), owned.end(), j) == 1;
        const size_t kj = size_t(r) * n + j;
        const std::vector<int> partner = half_row(kj);
        const bool theirs = std::count(partner.begin(), partner.end(), i) == 1;
        ASSERT_NE(mine, theirs) << "pair " << i << "-" << j << " of replica " << r;
        if (theirs) expected_reverse.push_back(j);
      }
      ASSERT_EQ(rc(k), int(expected_reverse.size())) << "atom " << i;
      for (int e = 0; e < rc(k); ++e) {
        const size_t s = size_t(rev(k, e));
        ASSERT_EQ(list.slot(slot_row(s), int(slot_entry(s))), s);
        ASSERT_EQ(slot_row(s), size_t(r) * n + expected_reverse[e]) << "atom " << i << " reverse entry " << e;
        ASSERT_EQ(half(slot_row(s), slot_entry(s)), i) << "atom " << i << " reverse entry " << e;
      }
      for (int h = 0; h < hc(k); ++h) {
        double rsq = 0;
        for (int d = 0; d < 3; ++d) {
          double dx = c.x[3 * i + d] - c.x[3 * owned[h] + d];
          dx -= c.len[d] * std::round(dx / c.len[d]);
          rsq += dx * dx;
        }
        EXPECT_EQ(h < inside(k), rsq < 7.6 * 7.6) << "atom " << i << " half entry " << h;
      }
      owned_total += hc(k);
      reverse_total += rc(k);
    }
  }
  EXPECT_EQ(owned_total, reverse_total);  // each pair once from each end
  EXPECT_GT(owned_total, 50L * n);
}
INSTANTIATE_TEST_SUITE_P(NeighborList, PairSlotsOf, ::testing::Values(SlotOrder::by_atom, SlotOrder::by_entry),
                         [](const auto& info) { return info.param == SlotOrder::by_atom ? "ByAtom" : "ByEntry"; });
