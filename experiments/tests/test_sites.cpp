// Several sites per run (issue 21) on the tiny glass: a batch of R replicas
// x K sites gives the bits of the runs one at a time; a site run alone
// follows its run together to the bit until another site's bias acts; sites
// stop on their own clocks with frozen biases; a campaign killed between
// the sites of one run resumes to the same bits (the finished site replays).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/cv/atom_group.hpp"
#include "core/cv/rmsd_cv.hpp"
#include "core/io/lammps_data.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/metadynamics/sample_run.hpp"
#include "experiments/metadynamics/samples_file.hpp"
#include "experiments/run_experiment.hpp"
#include "experiments/tests/campaign_compare.hpp"
#include "experiments/tests/test_process.hpp"
#include "support/csv_table.hpp"
#include "support/json_file.hpp"

using namespace betarelax::experiments;
using betarelax::test::complete_rows;
using betarelax::test::expect_same_campaign;
using betarelax::test::rows_by_id;
using betarelax::test::sample_folder;
using betarelax::test::kill_after_rows;
using betarelax::test::run_binary;
using betarelax::test::text_of;
namespace fs = std::filesystem;

namespace {

const fs::path& work() {
  static const fs::path dir = fs::temp_directory_path() / ("betarelax_sites_" + std::to_string(getpid()));
  return dir;
}

/// The campaign run straight (one replica) by the sites.straight ctest fixture.
fs::path straight() { return BETARELAX_SITES_STRAIGHT; }

/// cv.csv rows (step -> "s,V").
std::map<long, std::string> cv_trace(const fs::path& dir, long id) {
  const betarelax::CsvTable t = betarelax::read_csv_table((dir / "samples" / sample_folder(id) / "cv.csv").string());
  std::map<long, std::string> out;
  for (const auto& row : t.rows) out[std::stol(row.at("step"))] = row.at("rmsd_A") + "," + row.at("bias_eV");
  return out;
}

/// The scratch folder goes when the binary ends.
struct Scratch : ::testing::Environment {
  void TearDown() override { fs::remove_all(work()); }
};
const auto* const scratch = ::testing::AddGlobalTestEnvironment(new Scratch);

struct SitesTest : ::testing::Test {
  void SetUp() override {
    if (!fs::exists(straight() / "samples.csv")) GTEST_SKIP() << "needs the sites.straight ctest fixture (run through ctest)";
  }
};

}  // namespace

TEST_F(SitesTest, ThePlanNamesTwoSitesApartAndEveryRowItsSite) {
  const nlohmann::json plan = betarelax::read_json_file((straight() / "campaign.json").string(), "the campaign's plan");
  const auto& sites = plan.at("sites");
  ASSERT_EQ(sites.at("count").get<int>(), 2);
  EXPECT_GE(sites.at("closest_approach_A")[0][1].get<double>(), sites.at("separation_A").get<double>());
  EXPECT_EQ(sites.at("centers")[0].get<int>(), plan.at("center").at("id").get<int>());  // site 0: the paper's group
  const auto rows = rows_by_id(straight() / "samples.csv");
  ASSERT_EQ(rows.size(), 8u);  // 2 samples x (2 together + 2 alone)
  std::map<std::string, int> per_series_site;
  for (const auto& [id, r] : rows) ++per_series_site[r.at("series") + r.at("site")];
  EXPECT_EQ(per_series_site, (std::map<std::string, int>{{"alone0", 2}, {"alone1", 2}, {"sweep0", 2}, {"sweep1", 2}}));
}

TEST_F(SitesTest, ReplicasTimesSitesEqualTheRunsOneByOne) {
  RunControl ctl;
  ctl.out_dir = (work() / "r3").string();
  ctl.glass_dir = BETARELAX_TEST_GLASS;
  ctl.replicas = 3;
  ASSERT_TRUE(run_experiment(BETARELAX_SITES_TOML, "tiny", ctl));
  expect_same_campaign(straight(), work() / "r3");
}

TEST_F(SitesTest, ASiteAloneFollowsItsRunTogetherUntilAnotherSitesBiasActs) {
  // Points: per sample index, run together (site 0, site 1), then site 0
  // alone, then site 1 alone, all with one seed. Until the first hill (step
  // = pace) no bias acts anywhere: the traces agree to the bit; after it the
  // other site's bias pushes its own atoms, and the chaos of the glass
  // carries that to this site (the cross-talk a separation keeps small).
  const long pace = 20;
  const auto rows = rows_by_id(straight() / "samples.csv");
  for (long index = 0; index < 2; ++index) {
    for (int site = 0; site < 2; ++site) {
      const long together = 4 * index + site, alone = 4 * index + 2 + site;
      ASSERT_EQ(rows.at(std::to_string(together)).at("series"), "sweep");
      ASSERT_EQ(rows.at(std::to_string(alone)).at("series"), "alone");
      ASSERT_EQ(rows.at(std::to_string(alone)).at("site"), std::to_string(site));
      ASSERT_EQ(rows.at(std::to_string(alone)).at("seed"), rows.at(std::to_string(together)).at("seed"));
      const auto a = cv_trace(straight(), together), b = cv_trace(straight(), alone);
      bool differs_later = false;
      for (const auto& [step, text] : a) {
        if (!b.count(step)) continue;
        if (step <= pace) EXPECT_EQ(text, b.at(step)) << "index " << index << " site " << site << " step " << step;
        else differs_later = differs_later || text != b.at(step);
      }
      EXPECT_TRUE(differs_later) << "index " << index << " site " << site << ": the other site's bias never reached this one";
    }
  }
}

TEST_F(SitesTest, ATransitionRecordsHowFarItMovedTheOtherSites) {
  // sample.json's neighbour RMSD is the other site's group RMSD between the
  // inherent structures before and after the transition: recomputed here
  // from the data files the sample wrote and the ids of the plan.
  const nlohmann::json plan = betarelax::read_json_file((straight() / "campaign.json").string(), "the campaign's plan");
  std::map<int, std::vector<int>> ids_of;
  for (const auto& g : plan.at("groups")) ids_of[g.at("site").get<int>()] = g.at("ids").get<std::vector<int>>();
  int checked = 0;
  for (const auto& [id, r] : rows_by_id(straight() / "samples.csv")) {
    const fs::path folder = straight() / "samples" / sample_folder(std::stol(id));
    const nlohmann::json tr = betarelax::read_json_file((folder / "sample.json").string(), "a sample").at("transition");
    if (!tr.at("confirmed").get<bool>()) {
      EXPECT_TRUE(tr.at("neighbour_sites").empty()) << "sample " << id;
      continue;
    }
    const betarelax::Configuration before = betarelax::read_lammps_data((folder / "is_initial.data").string());
    const betarelax::Configuration after = betarelax::read_lammps_data((folder / "is_transition.data").string());
    const int site = std::stoi(r.at("site"));
    auto rmsd_of = [&](int k) {
      const auto rows = betarelax::rows_of_ids(before, ids_of.at(k));
      return betarelax::rmsd_host(group_xyz(after, rows), group_xyz(before, rows), after.len);
    };
    // The transition rule: the site's own group moved by more than inherent_change_A.
    EXPECT_GT(tr.at("own_rmsd_A").get<double>(), 0.3) << "sample " << id;
    EXPECT_NEAR(tr.at("own_rmsd_A").get<double>(), rmsd_of(site), 1e-6) << "sample " << id;
    ASSERT_EQ(tr.at("neighbour_sites").size(), 1u) << "sample " << id;
    const auto& n = tr.at("neighbour_sites")[0];
    EXPECT_EQ(n.at("site").get<int>(), 1 - site) << "sample " << id;
    // Data files hold 1e-10-relative positions: 1e-6 A is far below any real motion.
    EXPECT_NEAR(n.at("rmsd_A").get<double>(), rmsd_of(1 - site), 1e-6) << "sample " << id;
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no sample of the campaign had a transition: nothing was checked";
}

TEST_F(SitesTest, SitesStopOnTheirOwnClocksAndAFinishedSiteStopsDepositing) {
  const auto rows = rows_by_id(straight() / "samples.csv");
  bool apart = false;
  for (long index = 0; index < 2; ++index) {
    const SampleRow &s0 = rows.at(std::to_string(4 * index)), &s1 = rows.at(std::to_string(4 * index + 1));
    apart = apart || s0.at("steps") != s1.at("steps");
    for (const SampleRow* r : {&s0, &s1}) {
      // One hill every pace steps of its own clock, none after it stopped.
      EXPECT_EQ(std::stol(r->at("hills")), std::stol(r->at("steps")) / 20) << "sample " << r->at("id");
      const std::string hills = text_of(straight() / "samples" / sample_folder(std::stol(r->at("id"))) / "HILLS");
      long lines = 0;
      for (char ch : hills) lines += ch == '\n';
      EXPECT_EQ(lines - 3, std::stol(r->at("hills"))) << "sample " << r->at("id");  // 3 header lines
    }
  }
  EXPECT_TRUE(apart) << "every pair of sites stopped on the same step: the test no longer sees one site stop while the other runs";
}

TEST_F(SitesTest, CutBetweenTheSitesOfARunResumesToTheSameBits) {
  // Straight, one replica, runs one after another at multiples of the refill
  // quantum (10 x pace = 200 steps): ids 0+1 together take 1800 steps, id 2
  // alone 1600, id 3 alone 2600; then ids 4+5 together start at 6000, id 4
  // ends 1800 steps later, id 5 at 2448. Cut at 8000: id 4 is in, id 5 is
  // not; the resume runs ids 4+5 again whole, id 4 replays its bits and
  // writes nothing, id 5 ends as in the straight run.
  const fs::path dir = work() / "cut";
  fs::remove_all(dir);
  RunControl ctl;
  ctl.out_dir = dir.string();
  ctl.glass_dir = BETARELAX_TEST_GLASS;
  ctl.replicas = 1;
  ctl.stop_after = 8000;
  ASSERT_FALSE(run_experiment(BETARELAX_SITES_TOML, "tiny", ctl));
  const auto cut = rows_by_id(dir / "samples.csv");
  ASSERT_TRUE(cut.count("4") && !cut.count("5")) << "the cut no longer falls between ids 4 and 5: move it";
  const std::string hills_before = text_of(dir / "samples" / sample_folder(4) / "HILLS");
  RunControl again;
  again.out_dir = dir.string();
  again.glass_dir = BETARELAX_TEST_GLASS;
  again.replicas = 1;
  again.resume = true;
  ASSERT_TRUE(run_experiment(BETARELAX_SITES_TOML, "tiny", again));
  EXPECT_EQ(text_of(dir / "samples" / sample_folder(4) / "HILLS"), hills_before);
  expect_same_campaign(straight(), dir);
}

TEST_F(SitesTest, KilledBetweenTheSitesOfARunResumesToTheSameBits) {
  const fs::path dir = work() / "killed";
  fs::remove_all(dir);
  const std::vector<std::string> args = {BETARELAX_BIN_PATH, "run", BETARELAX_SITES_TOML, "--profile", "tiny", "--glass",
                                         BETARELAX_TEST_GLASS, "--out", dir.string(), "--replicas", "1"};
  // SIGKILL as soon as the first site of the first run is in.
  ASSERT_TRUE(kill_after_rows(args, dir / "samples.csv", 1)) << "the campaign ended before it could be killed";
  const std::string before = text_of(dir / "samples.csv");
  ASSERT_GE(complete_rows(dir / "samples.csv"), 1u);
  std::vector<std::string> again = args;
  again.push_back("--resume");
  ASSERT_EQ(run_binary(again).code, 0);
  const std::string after = text_of(dir / "samples.csv");
  EXPECT_EQ(after.substr(0, before.rfind('\n') + 1), before.substr(0, before.rfind('\n') + 1));  // kept as they were
  expect_same_campaign(straight(), dir);
}
