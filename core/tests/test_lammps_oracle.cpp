// LAMMPS as the oracle: the same configuration and potential file through
// `lmp` and through betarelax must give the same energy, forces, pressure,
// trajectories (NVE, NVT, NPT) and minimised energy.
#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>

#include "core/integrate/md.hpp"
#include "core/integrate/thermo.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/minimize/fire.hpp"
#include "core/tests/test_support.hpp"

using namespace betarelax;
using namespace betarelax::test;

namespace {

class LammpsOracle : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!have(lmp())) GTEST_SKIP() << "lmp not installed (Debian package lammps)";
    potential_ = GetParam() == "paper" ? paper_potential() : default_potential();
    if (!have(potential_)) GTEST_SKIP() << "potential " << GetParam() << " not available";
  }
  std::string potential_;
};

struct AtomRow {
  double fx, fy, fz, pe;
};

std::map<int, AtomRow> read_dump(const std::filesystem::path& file) {
  std::ifstream is(file);
  std::string line;
  for (int k = 0; k < 9; ++k) std::getline(is, line);
  std::map<int, AtomRow> rows;
  int id;
  AtomRow r;
  while (is >> id >> r.fx >> r.fy >> r.fz >> r.pe) rows[id] = r;
  return rows;
}

}  // namespace

TEST_P(LammpsOracle, EnergyForcesAndPressureOfOneConfiguration) {
  const auto dir = scratch_dir("oracle_run0");
  Configuration conf = cuzr_config(5, 11, 0.3);
  write_lammps_data((dir / "conf.data").string(), conf, "oracle");
  run_lammps(dir, lammps_preamble("conf.data", potential_) +
                      "compute pea all pe/atom\nthermo_style custom step pe press\n"
                      "thermo_modify format float %.17g\n"
                      "dump d all custom 1 forces.dump id fx fy fz c_pea\n"
                      "dump_modify d format float %.17g sort id\nrun 0\n");
  const auto thermo = lammps_thermo(dir / "log.lammps");
  ASSERT_TRUE(thermo.count(0));
  const auto lmp_atoms = read_dump(dir / "forces.dump");
  ASSERT_EQ(lmp_atoms.size(), size_t(conf.n_atoms()));

  System sys = make_system(conf, 1);
  ForceField ff = force_field(sys, potential_);
  compute_forces(ff, sys, Tally::per_atom);
  ReplicaSum<1> ke(1, sys.n_atoms);
  const ThermoRow t = thermo_rows(sys, ff, ke).front();
  const int n = sys.n_atoms;
  EXPECT_NEAR(t.potential / n, thermo.at(0)[0] / n, 1e-8) << "energy per atom (eV)";
  EXPECT_NEAR(t.pressure, thermo.at(0)[1], 1e-6 * std::abs(thermo.at(0)[1]) + 1e-3) << "pressure (bar)";

  auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sys.f);
  auto pe = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ff.work.pe_atom);
  double max_df = 0, max_dpe = 0, max_f = 0;
  for (int i = 0; i < n; ++i) {
    const AtomRow& ref = lmp_atoms.at(conf.id[i]);
    max_df = std::max({max_df, std::abs(f(i, 0) - ref.fx), std::abs(f(i, 1) - ref.fy), std::abs(f(i, 2) - ref.fz)});
    max_dpe = std::max(max_dpe, std::abs(pe(i) - ref.pe));
    max_f = std::max(max_f, std::abs(ref.fx));
  }
  std::cout << "[oracle " << GetParam() << "] N=" << n << " dE/atom=" << std::abs(t.potential - thermo.at(0)[0]) / n
            << " eV, max|dF|=" << max_df << " eV/A (max|F|=" << max_f << "), max|dpe|=" << max_dpe
            << " eV, dP=" << t.pressure - thermo.at(0)[1] << " bar\n";
  EXPECT_LT(max_df, 1e-6) << "per-atom force (eV/Å)";
  EXPECT_LT(max_dpe, 1e-8) << "per-atom energy (eV)";
  EXPECT_GT(max_f, 0.1) << "a configuration with forces, or the comparison is empty";
}

namespace {

/// Runs LAMMPS and betarelax from the same data file with the same
/// integrator; compares KE, PE and volume every 50 steps.
void compare_trajectory(const std::string& potential, Ensemble ensemble, long steps, double tol_e_per_atom) {
  const auto dir = scratch_dir(std::string("oracle_") + ensemble_name(ensemble));
  Configuration conf = cuzr_config(5, 5, 0.1);
  const double temperature = 700.0;
  {
    System hot = make_system(conf, 1);
    ForceField ff = force_field(hot, potential);
    create_velocities(hot, {temperature}, 99);
    conf = extract_replica(hot, 0);
  }
  write_lammps_data((dir / "conf.data").string(), conf, "oracle trajectory");
  const double t_lmp = temperature * units::kB / kLammpsBoltz;
  std::ostringstream fix;
  fix << std::setprecision(17);
  if (ensemble == Ensemble::nve) fix << "fix 1 all nve\n";
  if (ensemble == Ensemble::nvt) fix << "fix 1 all nvt temp " << t_lmp << " " << t_lmp << " 0.2\n";
  if (ensemble == Ensemble::npt) fix << "fix 1 all npt temp " << t_lmp << " " << t_lmp << " 0.2 iso 0 0 2.0\n";
  run_lammps(dir, lammps_preamble("conf.data", potential) + "timestep 0.002\n" + fix.str() +
                      "thermo_style custom step ke pe vol\nthermo_modify format float %.17g\nthermo 50\nrun " +
                      std::to_string(steps) + "\n");
  const auto ref = lammps_thermo(dir / "log.lammps");

  System sys = make_system(conf, 1);
  ForceField ff = force_field(sys, potential);
  MdParams p;
  p.ensemble = ensemble;
  p.t_start = {temperature};
  MdIntegrator md = make_md(sys, ff, p);
  const int n = sys.n_atoms;
  double worst = 0;
  run_md(md, sys, ff, steps, 50, [&](long step, const std::vector<ThermoRow>& rows) {
    ASSERT_TRUE(ref.count(step)) << "LAMMPS printed no step " << step;
    const auto& l = ref.at(step);
    const double de = std::max(std::abs(rows[0].kinetic - l[0]), std::abs(rows[0].potential - l[1])) / n;
    worst = std::max(worst, de);
    EXPECT_LT(de, tol_e_per_atom) << "step " << step;
    EXPECT_NEAR(rows[0].volume, l[2], 1e-9 * l[2]) << "step " << step;
  });
  std::cout << "[oracle " << ensemble_name(ensemble) << "] " << steps << " steps: max |dKE|,|dPE| per atom = " << worst
            << " eV\n";
}

}  // namespace

// Trajectories of a hot liquid are chaotic: round-off differences (summation
// order of the half vs full neighbour list) grow ~10x per ps. Over 500 steps
// (1 ps) they stay far below 1e-9 eV/atom; a wrong integrator or thermostat
// term shows at 1e-6 or more within tens of steps.
TEST_P(LammpsOracle, NveTrajectory) { compare_trajectory(potential_, Ensemble::nve, 500, 1e-9); }
TEST_P(LammpsOracle, NvtTrajectory) { compare_trajectory(potential_, Ensemble::nvt, 500, 1e-9); }
TEST_P(LammpsOracle, NptTrajectory) { compare_trajectory(potential_, Ensemble::npt, 500, 1e-9); }

TEST_P(LammpsOracle, MinimisedEnergy) {
  // LAMMPS CG to a tight minimum, then betarelax's FIRE from that minimum
  // displaced by 0.02 Å per component: FIRE must fall back into the same basin.
  const auto dir = scratch_dir("oracle_min");
  Configuration conf = cuzr_config(5, 3, 0.3);
  write_lammps_data((dir / "conf.data").string(), conf, "oracle minimisation");
  run_lammps(dir, lammps_preamble("conf.data", potential_) +
                      "thermo_modify format float %.17g\nmin_style cg\nminimize 0 1e-10 100000 1000000\n"
                      "write_data min.data\n");
  Configuration minimum = read_lammps_data((dir / "min.data").string());
  System ref = make_system(minimum, 1);
  ForceField ff_ref = force_field(ref, potential_);
  compute_forces(ff_ref, ref, Tally::totals);
  auto e_ref = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ff_ref.work.totals.result());

  Configuration start = minimum;
  for (size_t k = 0; k < start.x.size(); ++k) start.x[k] += (k % 2 ? 0.02 : -0.02);
  System sys = make_system(start, 1);
  ForceField ff = force_field(sys, potential_);
  FireParams fp;
  fp.ftol = 1e-5;
  const FireResult r = fire_minimize(sys, ff, fp).front();
  ASSERT_EQ(r.status, FireStatus::converged) << r.steps << " steps, fmax " << r.fmax;
  const int n = sys.n_atoms;
  std::cout << "[oracle min] LAMMPS CG " << e_ref(0, 0) / n << " eV/atom, FIRE " << r.energy / n << " eV/atom ("
            << r.steps << " steps)\n";
  EXPECT_NEAR(r.energy / n, e_ref(0, 0) / n, 1e-8);
}

INSTANTIATE_TEST_SUITE_P(Potentials, LammpsOracle, ::testing::Values("debian_mm2007", "paper"),
                         [](const auto& info) { return info.param; });
