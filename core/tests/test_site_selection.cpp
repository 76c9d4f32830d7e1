// The site rule of core/cv/site_selection.hpp, checked by brute force on a
// 4000-atom Cu50Zr50 configuration (the paper's size): deterministic, the
// first site is the paper's group, every pair of sites at least the
// separation apart, and greedy to the letter (each atom passed over was too
// close to a site taken before it).
#include <gtest/gtest.h>

#include <cmath>

#include "core/cv/site_selection.hpp"
#include "core/tests/test_support.hpp"
#include "support/input_error.hpp"

using namespace betarelax;

TEST(SiteSelection, GreedyFromTheBoxCentreAndApartByTheSeparation) {
  const Configuration c = test::cuzr_config(10, 3);  // 4000 atoms, 42 A box
  const int cu = 0, first = central_atom_by_rule(c, cu);
  const double cutoff = 4.0, separation = 8.6;  // the potential's 7.6 A + 1 A skin
  const SiteSelection s = select_sites(c, first, cu, cutoff, separation, 6);
  ASSERT_EQ(s.sites.size(), 6u);
  EXPECT_EQ(s.sites[0].ids, select_group(c, first, cutoff).ids);  // site 0: the paper's group
  const SiteSelection again = select_sites(c, first, cu, cutoff, separation, 6);
  for (size_t k = 0; k < 6; ++k) EXPECT_EQ(again.sites[k].ids, s.sites[k].ids);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(c.type[s.sites[i].rows[0]], cu);
    for (size_t j = 0; j < 6; ++j) {
      if (i == j) continue;
      double closest = 1e300;  // every atom pair, brute force
      for (int a : s.sites[i].rows)
        for (int b : s.sites[j].rows) {
          double r2 = 0;
          for (int d = 0; d < 3; ++d) {
            double dx = c.x[3 * a + d] - c.x[3 * b + d];
            dx -= c.len[d] * std::round(dx / c.len[d]);
            r2 += dx * dx;
          }
          closest = std::min(closest, std::sqrt(r2));
        }
      EXPECT_GE(closest, separation);
      EXPECT_DOUBLE_EQ(s.closest[i][j], closest);
    }
  }
  // Greedy: a Cu atom nearer the box centre than the last site taken, and not
  // taken, was too close to a site taken before it.
  const double last = distance_sq_to_box_centre(c, s.sites.back().rows[0]);
  for (int row = 0; row < c.n_atoms(); ++row) {
    if (c.type[row] != cu || distance_sq_to_box_centre(c, row) >= last || c.id[row] == first) continue;
    const AtomGroup g = select_group(c, c.id[row], cutoff);
    bool taken = false, blocked = false;
    for (const AtomGroup& site : s.sites) {
      taken = taken || site.center_id == c.id[row];
      blocked = blocked || closest_approach(c, g.rows, site.rows) < separation;
    }
    EXPECT_TRUE(taken || blocked) << "atom " << c.id[row] << " was passed over though it fits";
  }
  EXPECT_THROW(select_sites(c, first, cu, cutoff, separation, 500), InputError);  // 500 cannot fit
  const SiteSelection loose = select_sites(c, first, cu, cutoff, 0.0, 3);
  EXPECT_LT(loose.closest[0][1], separation);  // no separation: neighbours, still no shared atom
  for (int a : loose.sites[0].ids)
    for (int b : loose.sites[1].ids) EXPECT_NE(a, b);
}
