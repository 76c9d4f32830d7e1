// ART nouveau on a glass (issue #8): every verified saddle is a first-order
// saddle of the full Hessian (Eigen, all 3N coordinates), LAMMPS re-reads
// the written saddle files and finds the same energy and a force below the
// tolerance, LAMMPS's NEB between the same two minima finds the same
// barrier, and a campaign cut and resumed equals a straight one. The glass
// is the tiny one of the glass_resume tests (a ctest fixture makes it).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/io/lammps_data.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "core/saddle/harmonic_prefactor.hpp"
#include "experiments/art/art_campaign.hpp"
#include "experiments/art/art_engine.hpp"
#include "experiments/art/events_file.hpp"
#include "experiments/common/results_table.hpp"
#include "support/input_error.hpp"

using namespace betarelax;
using namespace betarelax::experiments;
namespace fs = std::filesystem;

namespace {

const std::string kPotential = BETARELAX_TEST_DEFAULT_POTENTIAL;  // found by CMake (LAMMPS's CuZr_mm.eam.fs)

ArtCampaignParams tiny_params(long events) {
  ArtCampaignParams p = default_art_params();
  p.potential = kPotential;
  p.elements = {"Cu", "Zr"};
  p.data = std::string(BETARELAX_TEST_GLASS) + "/glass_300K_inherent.data";
  p.events = events;
  p.seed = 11;
  return p;
}

bool run_campaign(const ArtCampaignParams& p, const fs::path& dir, bool resume, long stop_after, int replicas = 1) {
  RunControl ctl;
  ctl.out_dir = dir.string();
  ctl.resume = resume;
  ctl.stop_after = stop_after;
  ctl.replicas = replicas;
  const nlohmann::json prov = {{"git_revision", "test"}, {"execution_space", "test"}};
  return run_art_campaign(p, prov, "test-hash", ctl);
}

std::vector<ResultRow> events_of(const fs::path& dir) {
  return read_results_table((dir / "events.csv").string(), events_columns(), "ART events");
}

class ArtGlass : public ::testing::Test {
 protected:
  static fs::path dir() { return fs::path(BETARELAX_TEST_OUT) / "straight"; }
  // ctest runs each test in its own process: the first makes the campaign
  // (art.clean emptied the folder before), the others find it complete.
  static void SetUpTestSuite() { ASSERT_TRUE(run_campaign(tiny_params(6), dir(), true, 0)); }
  static std::vector<ResultRow> verified() {
    std::vector<ResultRow> out;
    for (const ResultRow& r : events_of(dir()))
      if (r.at("status") == "verified") out.push_back(r);
    return out;
  }
};

bool have_lmp() { return std::string(BETARELAX_TEST_LMP).size() > 0 && fs::exists(BETARELAX_TEST_LMP); }

/// "key value" lines LAMMPS prints with `print`.
std::map<std::string, double> printed(const fs::path& log) {
  std::map<std::string, double> out;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::istringstream ss(line);
    std::string key, value;
    if (ss >> key >> value && key.rfind("RESULT_", 0) == 0) out[key] = std::stod(value);
  }
  return out;
}

/// LAMMPS NEB (REPLICA package, 9 images on mpirun) between the initial
/// minimum and the final minimum of one verified event of the campaign in
/// `dir`: the climbing image's barrier must equal ART's ΔQ within 0.02 eV.
void neb_agrees_with_art(const fs::path& dir, const std::vector<ResultRow>& v, const std::string& potential) {
  // The event whose end states are closest in energy: its saddle lies
  // mid-path, where a band of a few images resolves it (a saddle next to
  // one end of a long path falls between the first two images).
  ASSERT_FALSE(v.empty());
  auto asymmetry = [](const ResultRow& r) { return std::fabs(std::stod(r.at("E_final_eV")) - std::stod(r.at("E_min_eV"))); };
  const ResultRow* best = &v.front();
  for (const ResultRow& r : v)
    if (asymmetry(r) < asymmetry(*best)) best = &r;
  const fs::path work = dir / "lammps_neb";
  fs::remove_all(work);
  fs::create_directories(work);
  // The band starts on the broken line minimum → ART saddle → final
  // minimum (positions unwrapped by their image flags, continuous along it):
  // these glasses relax far after the saddle, and a straight band of a few
  // images over a long path would step over a barrier near one end. The
  // images then relax on LAMMPS's forces; the climbing image goes to the
  // band's maximum, which is the ART saddle only if that is the saddle of
  // the minimum-energy path between the two minima.
  const auto unwrapped_file = [&](const fs::path& f) { return unwrapped_positions(read_lammps_data(f.string())); };
  const Configuration initial = read_lammps_data((dir / "initial_minimum.data").string());
  const std::vector<double> x0 = unwrapped_positions(initial);
  const std::vector<double> xs = unwrapped_file(dir / "saddles" / ("saddle_" + best->at("id") + ".data"));
  const std::vector<double> x1 = unwrapped_file(dir / "minima" / ("final_" + best->at("id") + ".data"));
  constexpr int kImages = 9;
  for (int k = 1; k < kImages; ++k) {
    const double s = double(k) / (kImages - 1);
    std::ofstream os(work / ("coords." + std::to_string(k)));  // partition k (LAMMPS variable part, from 0) holds image k
    os.precision(17);
    os << initial.n_atoms() << "\n";
    for (int i = 0; i < initial.n_atoms(); ++i) {
      os << initial.id[i];
      for (int d = 0; d < 3; ++d) {
        const size_t c = 3 * size_t(i) + d;
        os << " " << (s <= 0.5 ? x0[c] + 2 * s * (xs[c] - x0[c]) : xs[c] + (2 * s - 1) * (x1[c] - xs[c]));
      }
      os << "\n";
    }
  }
  // Climbing image, quickmin to 1e-3 eV/A (the barrier is then exact to
  // ~f^2/|lambda| << 0.02 eV).
  std::ofstream(work / "in.neb") << "units metal\natom_style atomic\natom_modify map array sort 0 0.0\nboundary p p p\n"
                                 << "read_data " << (dir / "initial_minimum.data").string() << "\n"
                                 << "pair_style eam/fs\npair_coeff * * " << potential << " Cu Zr\nneighbor 1.0 bin\n"
                                 << "variable i equal part\n"
                                 << "timestep 0.002\nfix 1 all neb 5.0 parallel ideal\nmin_style quickmin\n"
                                 << "neb 0.0 0.001 3000 3000 100 each coords.$i\n";
  const std::string cmd = "cd '" + work.string() +
                          "' && OMP_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -np 9 '" + BETARELAX_TEST_LMP +
                          "' -partition 9x1 -in in.neb -log log.lammps -screen none";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  // The universe log's last row: Step MaxReplicaForce MaxAtomForce GradV0 GradV1 GradVc EBF EBR ...
  std::ifstream in(work / "log.lammps");
  std::vector<double> last;
  for (std::string line; std::getline(in, line);) {
    std::istringstream ss(line);
    std::vector<double> cols;
    for (double x; ss >> x;) cols.push_back(x);
    if (ss.eof() && cols.size() > 9) last = cols;
  }
  ASSERT_FALSE(last.empty()) << "no NEB table in " << (work / "log.lammps");
  const double ebf = last[6];
  EXPECT_NEAR(ebf, std::stod(best->at("dQ_eV")), 0.02) << "event " << best->at("id");
  std::cout << "[neb] event " << best->at("id") << ": ART dQ " << best->at("dQ_eV") << " eV, LAMMPS NEB " << ebf << " eV\n";
}

}  // namespace

TEST_F(ArtGlass, FindsVerifiedSaddlesAndCountsTheRest) {
  const auto rows = events_of(dir());
  ASSERT_EQ(rows.size(), 6u);
  const auto v = verified();
  ASSERT_GE(v.size(), 1u) << "no verified saddle in 6 searches";
  for (const ResultRow& r : v) {
    EXPECT_LT(std::stod(r.at("saddle_fmax_eV_A")), 1e-3);
    EXPECT_LT(std::stod(r.at("eigenvalue_eV_A2")), 0);
    EXPECT_GT(std::stod(r.at("second_eigenvalue_eV_A2")), 0);
    EXPECT_GT(std::stod(r.at("dQ_eV")), 0);
    EXPECT_EQ(r.at("hessian_negative"), "1");
    EXPECT_TRUE(fs::exists(dir() / "saddles" / ("saddle_" + r.at("id") + ".data")));
    EXPECT_TRUE(fs::exists(dir() / "minima" / ("final_" + r.at("id") + ".data")));
  }
  for (const ResultRow& r : rows) {
    if (r.at("status") != "verified") {
      EXPECT_FALSE(fs::exists(dir() / "saddles" / ("saddle_" + r.at("id") + ".data"))) << "a failed search wrote a saddle";
    }
  }
}

TEST_F(ArtGlass, EveryVerifiedSaddleHasOneNegativeModeOfTheFullHessian) {
  // All 3N coordinates of the 500-atom glass (Eigen): one negative mode, the
  // three translations at zero, and at the initial minimum none negative.
  const ArtCampaignParams p = tiny_params(1);
  const Configuration conf = read_lammps_data((dir() / "initial_minimum.data").string());
  System sys = make_system(conf, 1);
  ForceField ff = make_force_field(make_eam_fs(read_eam_fs_file(kPotential), p.elements), sys, p.skin);
  const EnergyForce ef = engine_energy_force(sys, ff);
  std::vector<int> all(conf.n_atoms());
  for (int i = 0; i < conf.n_atoms(); ++i) all[i] = i;
  std::vector<double> masses;
  for (int t : conf.type) masses.push_back(conf.mass.at(t));
  const NormalModes at_min = normal_modes(partial_hessian(ef, unwrapped_positions(conf), all, 1e-3, nullptr), masses);
  EXPECT_EQ(at_min.negative, 0);
  EXPECT_EQ(at_min.zero, 3);
  int checked = 0;
  for (const ResultRow& r : verified()) {
    if (checked == 2) break;  // 2 × 3000 force calls is enough
    const Configuration s = read_lammps_data((dir() / "saddles" / ("saddle_" + r.at("id") + ".data")).string());
    ASSERT_EQ(s.id, conf.id) << "saddle file atoms in another order";
    const NormalModes at_saddle = normal_modes(partial_hessian(ef, unwrapped_positions(s), all, 1e-3, nullptr), masses);
    EXPECT_EQ(at_saddle.negative, 1) << "event " << r.at("id");
    EXPECT_EQ(at_saddle.zero, 3) << "event " << r.at("id") << ": lowest omega^2 " << at_saddle.omega2[0] << " "
                                 << at_saddle.omega2[1] << " " << at_saddle.omega2[2] << " " << at_saddle.omega2[3] << " "
                                 << at_saddle.omega2[4] << " " << at_saddle.omega2[5];
    ++checked;
  }
}

TEST_F(ArtGlass, LammpsReadsTheSaddleFilesAndFindsTheSameEnergyAndNoForce) {
  if (!have_lmp()) GTEST_SKIP() << "lmp not installed (Debian package lammps)";
  for (const ResultRow& r : verified()) {
    const fs::path work = fs::path(BETARELAX_TEST_OUT) / ("lammps_saddle_" + r.at("id"));
    fs::create_directories(work);
    std::ofstream(work / "in.lmp") << "units metal\natom_style atomic\nboundary p p p\nread_data "
                                   << (dir() / "saddles" / ("saddle_" + r.at("id") + ".data")).string()
                                   << "\npair_style eam/fs\npair_coeff * * " << kPotential << " Cu Zr\n"
                                   << "compute fa all property/atom fx fy fz\n"
                                   << "variable fnorm atom sqrt(c_fa[1]^2+c_fa[2]^2+c_fa[3]^2)\n"
                                   << "compute fmax all reduce max v_fnorm\n"
                                   << "thermo_style custom step pe c_fmax\nrun 0\n"
                                   << "print \"RESULT_pe $(pe:%.15g)\"\nprint \"RESULT_fmax $(c_fmax:%.15g)\"\n";
    const std::string cmd = "cd '" + work.string() + "' && '" + BETARELAX_TEST_LMP + "' -in in.lmp -log log.lammps -screen none";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const auto got = printed(work / "log.lammps");
    ASSERT_TRUE(got.count("RESULT_pe") && got.count("RESULT_fmax")) << (work / "log.lammps");
    // Energy: the saddle file holds 17 significant digits, LAMMPS and the
    // engine agree to 1e-13 eV/atom on the same positions (core oracle tests).
    EXPECT_NEAR(got.at("RESULT_pe"), std::stod(r.at("E_saddle_eV")), 1e-6) << "event " << r.at("id");
    EXPECT_LT(got.at("RESULT_fmax"), 1e-3) << "event " << r.at("id");
  }
}

// The smoke pipeline's ART stage (ctest fixture smoke_results; run as
// smoke.art_vs_lammps, not discovered with the others). The tiny glass above
// is quenched in 200 steps and sits next to barrierless exits: its events
// cascade 0.4 eV down, and a band over that path cannot resolve a saddle of
// a few tens of meV next to one end.
TEST(SmokeArt, LammpsNebBetweenTheSameMinimaFindsTheSameBarrier) {
  if (!have_lmp()) GTEST_SKIP() << "lmp not installed (Debian package lammps)";
  if (std::system("command -v mpirun > /dev/null") != 0) GTEST_SKIP() << "mpirun not installed";
  const fs::path dir = BETARELAX_SMOKE_ART;
  std::ifstream plan(dir / "art.json");
  ASSERT_TRUE(plan.good()) << (dir / "art.json");
  const nlohmann::json j = nlohmann::json::parse(plan);
  std::vector<ResultRow> v;
  for (const ResultRow& r : events_of(dir))
    if (r.at("status") == "verified") v.push_back(r);
  neb_agrees_with_art(dir, v, j.at("params").at("potential").get<std::string>());
}

TEST(ArtCampaign, CutAndResumedEqualsStraight) {
  // Same seed, two searches, then the rest with --resume: the same rows
  // (all but the wall time) as one straight run of three.
  const fs::path straight = fs::path(BETARELAX_TEST_OUT) / "resume_straight", cut = fs::path(BETARELAX_TEST_OUT) / "resume_cut";
  fs::remove_all(straight);
  fs::remove_all(cut);
  ArtCampaignParams p = tiny_params(3);
  p.art.hessian_radius_A = 0;  // the prefactor is not what this test is about
  ASSERT_TRUE(run_campaign(p, straight, false, 0));
  EXPECT_FALSE(run_campaign(p, cut, false, 2));
  EXPECT_EQ(events_of(cut).size(), 2u);
  ASSERT_TRUE(run_campaign(p, cut, true, 0));
  auto a = events_of(straight), b = events_of(cut);
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  for (size_t i = 0; i < a.size(); ++i) {
    a[i].erase("wall_s");
    b[i].erase("wall_s");
    EXPECT_EQ(a[i], b[i]) << "event " << i;
  }
  // Another configuration's rows are refused, not mixed in.
  RunControl ctl;
  ctl.out_dir = cut.string();
  ctl.resume = true;
  EXPECT_THROW(run_art_campaign(p, {{"git_revision", "t"}, {"execution_space", "t"}}, "other-hash", ctl), InputError);
}

TEST(ArtCampaign, BatchedReplicasGiveTheSameEventsAsOneByOne) {
  // Four searches as three replicas of one engine (worker threads, one
  // batched force call per round) against one at a time: every row the same
  // bits but the wall time, whatever order the events finished in.
  const fs::path one = fs::path(BETARELAX_TEST_OUT) / "batch_1", three = fs::path(BETARELAX_TEST_OUT) / "batch_3";
  fs::remove_all(one);
  fs::remove_all(three);
  ArtCampaignParams p = tiny_params(4);
  p.seed = 5;
  p.art.hessian_max_atoms = 100;  // the 5 A region only: the Hessian path without its 500-atom cost
  ASSERT_TRUE(run_campaign(p, one, false, 0, 1));
  ASSERT_TRUE(run_campaign(p, three, false, 0, 3));
  std::map<std::string, ResultRow> a, b;
  for (ResultRow r : events_of(one)) {
    r.erase("wall_s");
    a[r.at("id")] = r;
  }
  for (ResultRow r : events_of(three)) {
    r.erase("wall_s");
    b[r.at("id")] = r;
  }
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a, b);
  long calls = 0;
  for (const auto& [id, r] : a) calls += std::stol(r.at("force_calls"));
  EXPECT_GT(calls, 1000);  // real searches ran
}
