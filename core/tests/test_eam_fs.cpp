// The eam/fs reader and the potential: bad files are refused with the line
// named; a two-atom energy equals a hand evaluation of the tables; forces are
// minus the gradient; replicas are independent.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/integrate/thermo.hpp"
#include "core/tests/test_support.hpp"
#include "support/input_error.hpp"

using namespace betarelax;
using namespace betarelax::test;

namespace {

std::string write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path.string()) << text;
  return path.string();
}

std::string head_of(const std::string& path, int lines) {
  std::ifstream is(path);
  std::string out, line;
  for (int k = 0; k < lines && std::getline(is, line); ++k) out += line + "\n";
  return out;
}

/// The cubic Hermite interpolant of `f` (knot spacing `delta`, knot k at
/// k·delta) with the 4th-order central-difference slopes LAMMPS uses, written
/// independently of eam_fs.cpp's coefficient tables.
double hermite(const std::vector<double>& f, double delta, double x) {
  const int n = static_cast<int>(f.size());
  auto slope = [&](int k) {  // 0-based knot, slope per knot spacing
    if (k == 0) return f[1] - f[0];
    if (k == 1) return 0.5 * (f[2] - f[0]);
    if (k == n - 2) return 0.5 * (f[n - 1] - f[n - 3]);
    if (k == n - 1) return f[n - 1] - f[n - 2];
    return (f[k - 2] - f[k + 2] + 8.0 * (f[k + 1] - f[k - 1])) / 12.0;
  };
  const int k = std::min(static_cast<int>(x / delta), n - 2);
  const double t = x / delta - k;
  const double h00 = 2 * t * t * t - 3 * t * t + 1, h10 = t * t * t - 2 * t * t + t;
  const double h01 = -2 * t * t * t + 3 * t * t, h11 = t * t * t - t * t;
  return h00 * f[k] + h10 * slope(k) + h01 * f[k + 1] + h11 * slope(k + 1);
}

}  // namespace

TEST(EamFsFile, ReadsTheDebianCuZrPotential) {
  const EamFsFile f = read_eam_fs_file(default_potential());
  ASSERT_EQ(f.elements, (std::vector<std::string>{"Cu", "Zr"}));
  EXPECT_EQ(f.nrho, 10000);
  EXPECT_EQ(f.nr, 10000);
  EXPECT_DOUBLE_EQ(f.cutoff, 7.6);
  EXPECT_NEAR(f.mass[0], 63.546, 1e-9);
  EXPECT_EQ(f.atomic_number[1], 40);
  ASSERT_EQ(f.rhor.size(), 4u);
  ASSERT_EQ(f.z2r.size(), 3u);
  EXPECT_EQ(f.frho[0][0], 0.0);
  EXPECT_NEAR(f.frho[0][1], -1.732050808e-1, 1e-12);  // the 2007 file's second Cu F(rho) value
  EXPECT_EQ(f.sha256.size(), 64u);
}

TEST(EamFsFile, TruncatedFileNamesTheLastLine) {
  const auto dir = scratch_dir("eam_truncated");
  const std::string path = write_file(dir / "cut.eam.fs", head_of(default_potential(), 2000));
  try {
    read_eam_fs_file(path);
    FAIL() << "a truncated file was accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path + ":2000:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
  }
}

TEST(EamFsFile, NonNumberNamesTheLineAndTheTable) {
  const auto dir = scratch_dir("eam_garbage");
  std::string text = head_of(default_potential(), 18007);
  const size_t line7 = [&] {
    size_t pos = 0;
    for (int k = 0; k < 6; ++k) pos = text.find('\n', pos) + 1;
    return pos;
  }();
  text.replace(line7, 1, "x");  // first value of Cu's F(rho)
  const std::string path = write_file(dir / "bad.eam.fs", text);
  try {
    read_eam_fs_file(path);
    FAIL() << "a non-number was accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(":7:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("F(rho) of Cu"), std::string::npos) << msg;
  }
}

TEST(EamFsFile, HeaderErrorsAreSpecific) {
  const auto dir = scratch_dir("eam_header");
  EXPECT_THROW(read_eam_fs_file((dir / "missing.eam.fs").string()), InputError);
  const std::string bad_count = write_file(dir / "count.eam.fs", "a\nb\nc\n3 Cu Zr\n10 0.1 10 0.1 5.0\n");
  try {
    read_eam_fs_file(bad_count);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(":4: element line declares 3 elements but names 2"), std::string::npos)
        << e.what();
  }
}

TEST(EamFs, MissingElementIsNamed) {
  try {
    make_eam_fs(read_eam_fs_file(default_potential()), {"Cu", "Al"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'Al' of atom type 2"), std::string::npos) << e.what();
  }
}

TEST(EamFs, TwoAtomEnergyMatchesAHandEvaluationOfTheTables) {
  const EamFsFile file = read_eam_fs_file(default_potential());
  for (double r : {2.3, 2.71234, 3.3, 5.05, 7.4}) {
    Configuration c;
    c.n_types = 2;
    c.type_names = {"Cu", "Zr"};
    c.id = {1, 2};
    c.type = {0, 1};
    c.x = {5.0, 5.0, 5.0, 5.0 + r, 5.0, 5.0};
    for (double& l : c.len) l = 20.0;
    System sys = make_system(c, 1);
    ForceField ff = force_field(sys);
    compute_forces(ff, sys, Tally::totals);
    auto tot = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ff.work.totals.result());
    // rhor[a*2+b]: listed under element a (the source), b-th entry (the host).
    const double rho_cu = hermite(file.rhor[1 * 2 + 0], file.dr, r);  // at Cu, due to Zr
    const double rho_zr = hermite(file.rhor[0 * 2 + 1], file.dr, r);  // at Zr, due to Cu
    const double phi = hermite(file.z2r[1], file.dr, r) / r;  // Zr-Cu: index i(i+1)/2 + j = 1
    const double e = hermite(file.frho[0], file.drho, rho_cu) + hermite(file.frho[1], file.drho, rho_zr) + phi;
    EXPECT_NEAR(tot(0, 0), e, 1e-12 * std::abs(e) + 1e-13) << "r = " << r;
  }
}

TEST(EamFs, ForcesAreMinusTheEnergyGradient) {
  // LAMMPS's splines are C1 with jumps in the second derivative at every knot
  // (dr = 7.6e-4 Å). A central difference of step h straddles ~h/dr of the
  // knots of each of an atom's ~150 pairs, so its error is O(h), not O(h²):
  // we check that the mismatch falls ~10x per decade of h (a wrong force term
  // would leave an h-independent error) and is below 2e-5 eV/Å at h = 1e-6 Å
  // (still 1e3 above the ~1e-8 eV/Å round-off of differencing 500-atom energies).
  Configuration c = cuzr_config(5, 21, 0.3);
  System sys = make_system(c, 1);
  ForceField ff = force_field(sys);
  compute_forces(ff, sys, Tally::totals);
  auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.f);
  auto energy_at = [&](int i, int d, double dx) {
    Configuration moved = c;
    moved.x[3 * i + d] += dx;
    set_replica(sys, 0, moved);
    compute_forces(ff, sys, Tally::totals);
    return Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ff.work.totals.result())(0, 0);
  };
  std::vector<double> worst;
  for (double h : {1e-4, 1e-5, 1e-6}) {
    double w = 0;
    for (int i : {0, 17, 123, 256, 499}) {
      for (int d = 0; d < 3; ++d) {
        const double fd = -(energy_at(i, d, h) - energy_at(i, d, -h)) / (2 * h);
        w = std::max(w, std::abs(fd - f(i, d)));
      }
    }
    worst.push_back(w);
    std::cout << "[fd] h = " << h << " A: max |F + dE/dx| = " << w << " eV/A\n";
  }
  EXPECT_LT(worst[2], 2e-5);
  EXPECT_GT(worst[0] / worst[1], 5.0) << "the mismatch must shrink with h";
  EXPECT_GT(worst[1] / worst[2], 5.0) << "the mismatch must shrink with h";
}

TEST(EamFs, TotalForceVanishesAndVirialIsSymmetricInReplicas) {
  // Three configurations of the same atoms (replicas share ids and types) as
  // three replicas, and each alone: the same energies, forces and virials to
  // the last bit.
  std::vector<Configuration> confs(3, cuzr_config(5, 1));
  for (int r = 1; r < 3; ++r) {
    for (size_t k = 0; k < confs[r].x.size(); ++k) confs[r].x[k] += 0.15 * std::sin(1.7 * k * r);
  }
  System batch = make_system(confs[0], 3);
  set_replica(batch, 1, confs[1]);
  set_replica(batch, 2, confs[2]);
  ForceField ffb = force_field(batch);
  compute_forces(ffb, batch, Tally::totals);
  auto tot_b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ffb.work.totals.result());
  auto f_b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), batch.f);
  const int n = batch.n_atoms;
  for (int r = 0; r < 3; ++r) {
    System one = make_system(confs[r], 1);
    ForceField ff1 = force_field(one);
    compute_forces(ff1, one, Tally::totals);
    auto tot_1 = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ff1.work.totals.result());
    auto f_1 = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), one.f);
    for (int c = 0; c < 7; ++c) EXPECT_EQ(tot_b(r, c), tot_1(0, c)) << "replica " << r << " column " << c;
    double sum[3] = {0, 0, 0};
    for (int i = 0; i < n; ++i) {
      for (int d = 0; d < 3; ++d) {
        ASSERT_EQ(f_b(size_t(r) * n + i, d), f_1(i, d));
        sum[d] += f_1(i, d);
      }
    }
    for (int d = 0; d < 3; ++d) EXPECT_NEAR(sum[d], 0.0, 1e-10 * n) << "Newton's third law, axis " << d;
  }
}

TEST(EamFs, OwnerTotalsEqualThePerAtomSplitAndTheForcesDoNotDependOnTheTally) {
  // Tally::totals sums each pair's whole φ and virial on its owner;
  // Tally::per_atom splits them half and half as LAMMPS's pe/atom does. The
  // per-replica totals are the same sums in another order (round-off apart),
  // the per-atom energies add up to them, and the forces are bit-identical.
  Configuration c = cuzr_config(5, 7, 0.3);
  System sys = make_system(c, 1);
  ForceField ff = force_field(sys);
  compute_forces(ff, sys, Tally::per_atom);
  auto split = snapshot(ff.work.totals.result());
  auto f_split = snapshot(sys.f);
  auto pe = snapshot(ff.work.pe_atom);
  auto vir = snapshot(ff.work.virial_atom);
  double pe_sum = 0, vir_sum[6] = {0, 0, 0, 0, 0, 0};
  for (int i = 0; i < sys.n_atoms; ++i) {
    pe_sum += pe(i);
    for (int a = 0; a < 6; ++a) vir_sum[a] += vir(i, a);
  }
  compute_forces(ff, sys, Tally::totals);
  auto owner = snapshot(ff.work.totals.result());
  auto f_owner = snapshot(sys.f);
  EXPECT_NEAR(owner(0, 0), split(0, 0), 1e-12 * std::abs(split(0, 0)));
  EXPECT_NEAR(pe_sum, split(0, 0), 1e-12 * std::abs(split(0, 0)));
  for (int a = 0; a < 6; ++a) {
    // The off-diagonal virial of a liquid-like configuration is ~1e-3 of the diagonal.
    const double scale = std::abs(split(0, 1)) + std::abs(split(0, 2)) + std::abs(split(0, 3));
    EXPECT_NEAR(owner(0, 1 + a), split(0, 1 + a), 1e-12 * scale) << "virial component " << a;
    EXPECT_NEAR(vir_sum[a], split(0, 1 + a), 1e-12 * scale) << "virial component " << a;
  }
  for (int i = 0; i < sys.n_atoms; ++i) {
    for (int d = 0; d < 3; ++d) ASSERT_EQ(f_owner(i, d), f_split(i, d)) << "atom " << i;
  }
}

TEST(EamFs, PairSlotOrderMovesNumbersNotSums) {
  // The GPU's slot order (by entry: coalesced) and the CPU's (by atom:
  // contiguous per thread) store the same pair shares in other places; every
  // atom sums the same numbers in the same order, so forces, per-atom energies
  // and totals are bit for bit the same. Two replicas: by entry, slots of
  // replica 1 interleave with replica 0's, which a wrong stride would mix up.
  Configuration c = cuzr_config(5, 9, 0.3);
  System sys = make_system(c, 2);
  Configuration other = cuzr_config(5, 10, 0.3);
  set_replica(sys, 1, other);
  auto forces_in = [&](SlotOrder order) {
    ForceField ff = force_field(sys);
    ff.list.slot_order = order;
    build_neighbor_list(ff.list, sys);
    compute_forces(ff, sys, Tally::per_atom);
    EXPECT_EQ(ff.list.slot.row == 1, order == SlotOrder::by_entry);
    return std::make_tuple(snapshot(sys.f), snapshot(ff.work.pe_atom), snapshot(ff.work.totals.result()));
  };
  const auto [f_atom, pe_atom, tot_atom] = forces_in(SlotOrder::by_atom);
  const auto [f_entry, pe_entry, tot_entry] = forces_in(SlotOrder::by_entry);
  ASSERT_NE(f_atom.data(), f_entry.data());
  for (size_t k = 0; k < f_atom.extent(0); ++k) {
    for (int d = 0; d < 3; ++d) ASSERT_EQ(f_atom(k, d), f_entry(k, d)) << "row " << k;
    ASSERT_EQ(pe_atom(k), pe_entry(k)) << "row " << k;
  }
  for (int r = 0; r < 2; ++r) {
    for (int a = 0; a < 7; ++a) ASSERT_EQ(tot_atom(r, a), tot_entry(r, a)) << "replica " << r << " column " << a;
  }
  EXPECT_NE(tot_atom(0, 0), tot_atom(1, 0)) << "the replicas differ, so a mix-up would show";
}
