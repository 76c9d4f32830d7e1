// eam/alloy (setfl) potentials as LAMMPS reads them (issue 36): the same
// kernels as eam/fs, with each element's one density table used for every
// host. LAMMPS's `pair_style eam/alloy` is the oracle, on two files of
// Debian's lammps-data: the binary AlCu.eam.alloy and the ternary
// NiAlH_jea.eam.alloy with two of its three elements mapped onto the atom
// types. A file of the other format is refused by its count.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "core/integrate/thermo.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "core/tests/test_support.hpp"
#include "support/input_error.hpp"

using namespace betarelax;
using namespace betarelax::test;

namespace {

std::string lammps_potential(const std::string& name) { return "/usr/share/lammps/potentials/" + name; }

struct AlloyCase {
  std::string file;
  std::vector<std::string> elements;  ///< of atom types 1, 2
  double a;                           ///< fcc lattice constant of the random alloy (Å)
};

class EamAlloyOracle : public ::testing::TestWithParam<AlloyCase> {
 protected:
  void SetUp() override {
    if (!have(lmp())) GTEST_SKIP() << "lmp not installed (Debian package lammps)";
    if (!have(lammps_potential(GetParam().file))) GTEST_SKIP() << GetParam().file << " not installed (lammps-data)";
  }
};

}  // namespace

TEST_P(EamAlloyOracle, EnergyAndForcesOfARandomAlloyEqualLammps) {
  const AlloyCase& c = GetParam();
  const std::string potential = lammps_potential(c.file);
  const EamFsFile file = read_eam_file(potential);
  ASSERT_EQ(file.pair_style, "eam/alloy");
  // 500 atoms on jittered fcc sites, species at random.
  AlloyLatticeParams lp;
  lp.cells = 5;
  lp.a = c.a;
  lp.seed = 13;
  lp.jitter = 0.15;
  lp.type_names = c.elements;
  const Configuration conf = make_alloy_lattice(lp);
  const auto dir = scratch_dir("eam_alloy_" + c.elements[0] + c.elements[1]);
  write_lammps_data((dir / "conf.data").string(), conf, "eam/alloy oracle");
  run_lammps(dir, "units metal\natom_style atomic\nboundary p p p\nread_data conf.data\npair_style eam/alloy\npair_coeff * * " +
                      potential + " " + c.elements[0] + " " + c.elements[1] +
                      "\nthermo_style custom step pe\nthermo_modify format float %.17g\n"
                      "dump d all custom 1 forces.dump id fx fy fz\ndump_modify d format float %.17g sort id\nrun 0\n");
  const auto thermo = lammps_thermo(dir / "log.lammps");
  ASSERT_TRUE(thermo.count(0));
  std::ifstream dump(dir / "forces.dump");
  std::string line;
  for (int k = 0; k < 9; ++k) std::getline(dump, line);
  std::map<int, std::array<double, 3>> lmp_f;
  int id;
  std::array<double, 3> f3;
  while (dump >> id >> f3[0] >> f3[1] >> f3[2]) lmp_f[id] = f3;
  ASSERT_EQ(lmp_f.size(), size_t(conf.n_atoms()));

  System sys = make_system(conf, 1);
  ForceField ff = make_force_field(make_eam_fs(file, c.elements), sys, 1.0);
  compute_forces(ff, sys, Tally::per_atom);
  ReplicaSum<1> ke(1, sys.n_atoms);
  const double e = thermo_rows(sys, ff, ke).front().potential;
  const int n = sys.n_atoms;
  auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.f);
  double max_df = 0;
  for (int i = 0; i < n; ++i)
    for (int d = 0; d < 3; ++d) max_df = std::max(max_df, std::abs(f(i, d) - lmp_f.at(conf.id[i])[d]));
  std::cout << "[eam/alloy " << c.file << "] N=" << n << " dE/atom=" << std::abs(e - thermo.at(0)[0]) / n
            << " eV, max|dF|=" << max_df << " eV/A\n";
  EXPECT_NEAR(e / n, thermo.at(0)[0] / n, 1e-8) << "energy per atom (eV)";
  EXPECT_LT(max_df, 1e-6) << "largest force difference (eV/A)";
}

INSTANTIATE_TEST_SUITE_P(Setfl, EamAlloyOracle,
                         ::testing::Values(AlloyCase{"AlCu.eam.alloy", {"Al", "Cu"}, 3.9},
                                           AlloyCase{"NiAlH_jea.eam.alloy", {"Ni", "Al"}, 3.7}),
                         [](const auto& info) { return info.param.elements[0] + info.param.elements[1]; });

TEST(EamAlloyFile, AFileOfTheOtherFormatIsRefusedWithTheCountItNeeds) {
  const std::string alloy = lammps_potential("AlCu.eam.alloy"), fs = default_potential();
  if (!have(alloy) || !have(fs)) GTEST_SKIP() << "lammps-data not installed";
  EXPECT_EQ(pair_style_of(alloy), "eam/alloy");
  EXPECT_EQ(pair_style_of(fs), "eam/fs");
  for (const auto& [path, style] : {std::pair{alloy, std::string("eam/fs")}, std::pair{fs, std::string("eam/alloy")}}) {
    try {
      read_eam_file(path, style);
      FAIL() << path << " read as " << style;
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(path), std::string::npos) << what;
      EXPECT_NE(what.find(style + " with 2 elements"), std::string::npos) << what;
      EXPECT_NE(what.find("needs"), std::string::npos) << what;
    }
  }
  // Setfl held in the eam/fs form: each element's density serves every host.
  const EamFsFile f = read_eam_file(alloy);
  EXPECT_EQ(f.rhor[0 * 2 + 0], f.rhor[0 * 2 + 1]);
  EXPECT_EQ(f.rhor[1 * 2 + 0], f.rhor[1 * 2 + 1]);
  EXPECT_NE(f.rhor[0], f.rhor[2]);
}
