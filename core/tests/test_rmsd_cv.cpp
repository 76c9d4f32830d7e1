// The RMSD collective variable (Eq. 1): Kabsch/SVD agreement, rigid-motion
// invariance, gradient by finite differences, periodic boundaries, replicas.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <random>

#include "core/cv/atom_group.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/tests/test_support.hpp"
#include "support/input_error.hpp"

using namespace betarelax;

namespace {

/// Kabsch: optimal rotation from the SVD of the covariance, reflection excluded.
double kabsch_rmsd(const std::vector<double>& x, const std::vector<double>& y) {
  const int m = int(x.size() / 3);
  Eigen::MatrixXd a(m, 3), b(m, 3);
  for (int i = 0; i < m; ++i)
    for (int d = 0; d < 3; ++d) {
      a(i, d) = x[3 * i + d];
      b(i, d) = y[3 * i + d];
    }
  a.rowwise() -= a.colwise().mean();
  b.rowwise() -= b.colwise().mean();
  Eigen::JacobiSVD<Eigen::Matrix3d> svd(a.transpose() * b, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
  d(2, 2) = (svd.matrixV() * svd.matrixU().transpose()).determinant() < 0 ? -1 : 1;
  const Eigen::Matrix3d rot = svd.matrixV() * d * svd.matrixU().transpose();
  return std::sqrt(((a * rot.transpose()) - b).squaredNorm() / m);
}

Eigen::Matrix3d random_rotation(std::mt19937_64& rng) {
  std::normal_distribution<double> n(0, 1);
  Eigen::Quaterniond q(n(rng), n(rng), n(rng), n(rng));
  return q.normalized().toRotationMatrix();
}

struct Fixture {
  Configuration conf;
  std::vector<int> group;
  std::vector<double> ref;
};

/// 60 atoms in a 20 Å box; the group is 13 of them, a compact cluster
/// (within 4 Å per component of its centre, as a real group within r_c); the
/// reference is the group displaced by up to 0.6 Å per component. With
/// `across_face` the cluster sits on the x = 0 face, cut by the boundary.
Fixture fixture(uint64_t seed, bool across_face = false) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 20), offset(-4, 4), jitter(-0.6, 0.6);
  Fixture f;
  Configuration& c = f.conf;
  c.n_types = 2;
  c.type_names = {"Cu", "Zr"};
  c.mass = {63.546, 91.224};
  for (int i = 0; i < 60; ++i) {
    c.id.push_back(i + 1);
    c.type.push_back(i % 2);
    for (int d = 0; d < 3; ++d) c.x.push_back(u(rng));
  }
  for (int d = 0; d < 3; ++d) c.len[d] = 20;
  const double centre[3] = {across_face ? 0.5 : 10.0, 10.0, 10.0};
  for (int i = 0; i < 13; ++i) {
    const int a = 4 * i + 1;
    f.group.push_back(a);
    for (int d = 0; d < 3; ++d) c.x[3 * a + d] = centre[d] + offset(rng);
  }
  for (int a : f.group)
    for (int d = 0; d < 3; ++d) f.ref.push_back(c.x[3 * a + d] + jitter(rng));
  if (across_face) {  // the engine keeps atoms wrapped in [0, L)
    for (int a : f.group) c.x[3 * a] = std::fmod(c.x[3 * a] + 20.0, 20.0);
  }
  return f;
}

std::vector<double> group_xyz(const Configuration& c, const std::vector<int>& g) {
  std::vector<double> out;
  for (int a : g)
    for (int d = 0; d < 3; ++d) out.push_back(c.x[3 * a + d]);
  return out;
}

double device_rmsd(const Fixture& f, const Configuration& current) {
  System sys = make_system(current, 1);
  RmsdCv cv = make_rmsd_cv(sys, {f.group}, {f.ref});
  compute_rmsd_cv(cv, sys);
  auto v = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cv.value);
  return v(0);
}

}  // namespace

TEST(RmsdCv, EqualsKabschSvdOnRandomGroups) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const Fixture f = fixture(seed);
    const double expected = kabsch_rmsd(group_xyz(f.conf, f.group), f.ref);
    EXPECT_NEAR(device_rmsd(f, f.conf), expected, 1e-10) << "seed " << seed;
    EXPECT_NEAR(rmsd_host(group_xyz(f.conf, f.group), f.ref, f.conf.len), expected, 1e-10);
    EXPECT_GT(expected, 0.1);
  }
}

TEST(RmsdCv, InvariantUnderRigidRotationAndTranslation) {
  std::mt19937_64 rng(4);
  const Fixture f = fixture(2);
  const double before = device_rmsd(f, f.conf);
  // Rotate and shift the group about its own centre (kept away from the box
  // faces so the minimum image is not involved here).
  Fixture g = fixture(2);
  for (int d = 0; d < 3; ++d) g.conf.len[d] = 200;
  const Eigen::Matrix3d rot = random_rotation(rng);
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  for (int a : g.group) centre += Eigen::Vector3d(g.conf.x[3 * a], g.conf.x[3 * a + 1], g.conf.x[3 * a + 2]) / 13.0;
  for (int a : g.group) {
    Eigen::Vector3d p(g.conf.x[3 * a], g.conf.x[3 * a + 1], g.conf.x[3 * a + 2]);
    p = rot * (p - centre) + centre + Eigen::Vector3d(0.7, -1.3, 2.1);
    for (int d = 0; d < 3; ++d) g.conf.x[3 * a + d] = p[d];
  }
  EXPECT_NEAR(device_rmsd(g, g.conf), before, 1e-10);
}

TEST(RmsdCv, GradientEqualsFiniteDifferences) {
  const Fixture f = fixture(3);
  System sys = make_system(f.conf, 1);
  RmsdCv cv = make_rmsd_cv(sys, {f.group}, {f.ref});
  compute_rmsd_cv(cv, sys);
  auto grad = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cv.grad);
  const double h = 1e-6;
  double worst = 0;
  for (size_t i = 0; i < f.group.size(); ++i) {
    for (int d = 0; d < 3; ++d) {
      Configuration plus = f.conf, minus = f.conf;
      plus.x[3 * f.group[i] + d] += h;
      minus.x[3 * f.group[i] + d] -= h;
      const double fd = (device_rmsd(f, plus) - device_rmsd(f, minus)) / (2 * h);
      worst = std::max(worst, std::fabs(fd - grad(0, i, d)));
    }
  }
  EXPECT_LT(worst, 1e-8) << "largest |analytic - finite difference| of ds/dx";
}

TEST(RmsdCv, WrappedAtomsGiveTheSameValueAcrossPeriodicBoundaries) {
  // The cluster is cut by the x = 0 face: its atoms are wrapped to both
  // sides of the box, its reference too. The RMSD must be that of the whole
  // cluster.
  const Fixture f = fixture(5, true);
  int wrapped_atoms = 0;
  std::vector<double> whole = group_xyz(f.conf, f.group);
  for (size_t i = 0; i < f.group.size(); ++i) {
    if (whole[3 * i] > 10) {
      whole[3 * i] -= 20;
      ++wrapped_atoms;
    }
  }
  ASSERT_GT(wrapped_atoms, 0);
  ASSERT_LT(wrapped_atoms, 13);
  const double expected = kabsch_rmsd(whole, f.ref);
  EXPECT_NEAR(device_rmsd(f, f.conf), expected, 1e-10);
  Fixture cut_ref = f;  // the reference wrapped into the box as well
  for (size_t i = 0; i < f.group.size(); ++i) cut_ref.ref[3 * i] = std::fmod(cut_ref.ref[3 * i] + 20.0, 20.0);
  EXPECT_NEAR(device_rmsd(cut_ref, f.conf), expected, 1e-10);
  EXPECT_NEAR(rmsd_host(group_xyz(f.conf, f.group), cut_ref.ref, f.conf.len), expected, 1e-10);
}

TEST(RmsdCv, ReplicasCarryTheirOwnGroupsAndForces) {
  const Fixture a = fixture(6), b = fixture(7);
  System sys = make_system(a.conf, 2);
  set_replica(sys, 1, b.conf);
  std::vector<int> short_group(b.group.begin(), b.group.begin() + 5);
  std::vector<double> short_ref(b.ref.begin(), b.ref.begin() + 15);
  RmsdCv cv = make_rmsd_cv(sys, {a.group, short_group}, {a.ref, short_ref});
  compute_rmsd_cv(cv, sys);
  auto v = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cv.value);
  EXPECT_NEAR(v(0), kabsch_rmsd(group_xyz(a.conf, a.group), a.ref), 1e-10);
  EXPECT_NEAR(v(1), kabsch_rmsd(group_xyz(b.conf, short_group), short_ref), 1e-10);
  // Bias force: f −= dV/ds ∂s/∂x on group atoms only.
  Kokkos::deep_copy(sys.f, 0.0);
  RealView dvds("dvds", 2);
  Kokkos::deep_copy(dvds, 2.0);
  apply_cv_force(cv, sys, dvds);
  auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.f);
  auto g = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cv.grad);
  EXPECT_DOUBLE_EQ(f(a.group[3], 1), -2.0 * g(0, 3, 1));
  EXPECT_DOUBLE_EQ(f(60 + short_group[4], 2), -2.0 * g(1, 4, 2));
  EXPECT_EQ(f(60 + b.group[7], 0), 0.0);  // not in replica 1's short group
  double total[3] = {0, 0, 0};  // the bias is translation invariant: no net force
  for (int i = 0; i < 60; ++i)
    for (int d = 0; d < 3; ++d) total[d] += f(i, d);
  for (double t : total) EXPECT_NEAR(t, 0.0, 1e-12);
}

namespace {

/// fixture(seed) plus a second compact group in the same replica: 10 atoms
/// (indices 4i + 3) around (4, 4, 4), never in the first group.
struct TwoSites {
  Fixture f;
  std::vector<int> group2;
  std::vector<double> ref2;
};

TwoSites two_sites(uint64_t seed) {
  TwoSites t{fixture(seed), {}, {}};
  std::mt19937_64 rng(seed + 100);
  std::uniform_real_distribution<double> offset(-2, 2), jitter(-0.5, 0.5);
  for (int i = 0; i < 10; ++i) {
    const int a = 4 * i + 3;
    t.group2.push_back(a);
    for (int d = 0; d < 3; ++d) t.f.conf.x[3 * a + d] = 4.0 + offset(rng);
  }
  for (int a : t.group2)
    for (int d = 0; d < 3; ++d) t.ref2.push_back(t.f.conf.x[3 * a + d] + jitter(rng));
  return t;
}

std::vector<double> host_values(const RealView& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  return std::vector<double>(h.data(), h.data() + h.extent(0));
}

}  // namespace

// Several sites in one replica (issue 21): each channel is the RMSD of its
// own group, its bias force lands on its own atoms only, and moving one
// site's atoms leaves another site's CV bit for bit where it was.
TEST(RmsdCv, SitesOfOneReplicaAreIndependentChannels) {
  const TwoSites t = two_sites(11);
  const Fixture& f = t.f;
  System sys = make_system(f.conf, 2);  // 2 replicas x 2 sites: channels 0, 1 | 2, 3
  RmsdCv cv = make_rmsd_cv(sys, {f.group, t.group2, t.group2, f.group}, {f.ref, t.ref2, t.ref2, f.ref}, 0, 2);
  ASSERT_EQ(cv.channels(), 4);
  compute_rmsd_cv(cv, sys);
  const std::vector<double> v = host_values(cv.value);
  const double s1 = kabsch_rmsd(group_xyz(f.conf, f.group), f.ref), s2 = kabsch_rmsd(group_xyz(f.conf, t.group2), t.ref2);
  EXPECT_NEAR(v[0], s1, 1e-10);
  EXPECT_NEAR(v[1], s2, 1e-10);
  EXPECT_NEAR(v[2], s2, 1e-10);
  EXPECT_NEAR(v[3], s1, 1e-10);

  // The bias force of one channel at a time: non-zero on its group's atoms
  // in its replica, exactly zero on every other atom of both replicas.
  const int n = f.conf.n_atoms();
  for (int c = 0; c < 4; ++c) {
    Kokkos::deep_copy(sys.f, 0.0);
    RealView dvds("dvds", 4);
    Kokkos::deep_copy(Kokkos::subview(dvds, c), 1.5);
    apply_cv_force(cv, sys, dvds);
    auto force = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.f);
    const std::vector<int>& own = (c == 0 || c == 3) ? f.group : t.group2;
    const int replica = c / 2;
    std::vector<bool> mine(2 * n, false);
    for (int a : own) mine[replica * n + a] = true;
    int touched = 0;
    for (int k = 0; k < 2 * n; ++k) {
      const double size = std::abs(force(k, 0)) + std::abs(force(k, 1)) + std::abs(force(k, 2));
      if (mine[k]) touched += size > 0;
      else EXPECT_EQ(size, 0.0) << "channel " << c << " pushed atom row " << k;
    }
    EXPECT_EQ(touched, int(own.size())) << "channel " << c;
  }

  // Site 2's atoms move: its CV changes, site 1's stays, to the bit.
  Configuration moved = f.conf;
  for (int a : t.group2) moved.x[3 * a] += 0.3 * (a % 3);
  set_replica(sys, 0, moved);
  compute_rmsd_cv(cv, sys);
  const std::vector<double> w = host_values(cv.value);
  EXPECT_EQ(w[0], v[0]);
  EXPECT_NE(w[1], v[1]);
  EXPECT_EQ(w[2], v[2]);  // replica 1 did not move
}

TEST(RmsdCv, SitesOfOneReplicaMayNotShareAnAtom) {
  const TwoSites t = two_sites(12);
  System sys = make_system(t.f.conf, 1);
  std::vector<int> overlapping = t.group2;
  overlapping[4] = t.f.group[2];
  EXPECT_THROW(make_rmsd_cv(sys, {t.f.group, overlapping}, {t.f.ref, t.ref2}, 0, 2), std::invalid_argument);
  RmsdCv cv = make_rmsd_cv(sys, {t.f.group, t.group2}, {t.f.ref, t.ref2}, 0, 2);
  EXPECT_THROW(set_rmsd_cv_sites(cv, sys, 0, {t.f.group, overlapping}, {t.f.ref, t.ref2}), std::invalid_argument);
  EXPECT_THROW(set_rmsd_cv_sites(cv, sys, 0, {t.f.group, t.group2, t.group2}, {t.f.ref, t.ref2, t.ref2}),
               std::invalid_argument);  // 3 groups for 2 sites
  // One group for two sites: the second is empty, s = 0 and no force.
  set_rmsd_cv_sites(cv, sys, 0, {t.group2}, {t.ref2});
  compute_rmsd_cv(cv, sys);
  EXPECT_NEAR(host_values(cv.value)[0], kabsch_rmsd(group_xyz(t.f.conf, t.group2), t.ref2), 1e-10);
  EXPECT_EQ(host_values(cv.value)[1], 0.0);
  Kokkos::deep_copy(sys.f, 0.0);
  RealView dvds("dvds", 2);
  Kokkos::deep_copy(dvds, 1.0);
  apply_cv_force(cv, sys, dvds);
  auto force = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.f);
  for (int a : t.f.group) EXPECT_EQ(force(a, 0), 0.0);
}

TEST(AtomGroup, CentralAtomAndNeighboursWithinTheCutoff) {
  const Configuration c = test::cuzr_config(5, 9);
  const int centre = central_atom_by_rule(c, 0);
  const AtomGroup g = select_group(c, centre, 4.0);
  EXPECT_EQ(g.ids.front(), centre);
  EXPECT_EQ(c.type[g.rows.front()], 0);  // a Cu atom
  // Brute force over all atoms with minimum image.
  int expected = 0;
  for (int i = 0; i < c.n_atoms(); ++i) {
    double rsq = 0;
    for (int d = 0; d < 3; ++d) {
      double dx = c.x[3 * i + d] - c.x[3 * g.rows[0] + d];
      dx -= c.len[d] * std::round(dx / c.len[d]);
      rsq += dx * dx;
    }
    expected += rsq < 16.0 ? 1 : 0;
  }
  EXPECT_EQ(int(g.ids.size()), expected);  // includes the centre itself (r = 0)
  EXPECT_GE(g.ids.size(), 8u);
  EXPECT_THROW(select_group(c, 99999, 4.0), InputError);
}
