// Metadynamics campaigns: a sample gives the same bits alone or as one of R
// replicas; a campaign killed at any moment resumes without losing or
// duplicating a sample; the grid, seeds, cutoffs and the samples file follow
// their stated rules. The campaign tests run experiments/tests/
// campaign_tiny.toml on the tiny glass of the glass_resume tests (ctest
// fixtures make them; CMake gives the paths).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "core/cv/atom_group.hpp"
#include "core/io/lammps_data.hpp"
#include "core/neighbor/spatial_sort.hpp"
#include "experiments/art/art_campaign.hpp"
#include "experiments/common/experiment_config.hpp"
#include "experiments/common/experiment_files.hpp"
#include "experiments/common/glass_folder.hpp"
#include "experiments/common/group_rule.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/metadynamics/metad_campaign.hpp"
#include "support/sample_folder.hpp"
#include "experiments/metadynamics/sample_batch.hpp"
#include "experiments/metadynamics/sample_run.hpp"
#include "experiments/metadynamics/samples_file.hpp"
#include "experiments/run_experiment.hpp"
#include "experiments/tests/campaign_compare.hpp"
#include "experiments/tests/test_process.hpp"
#include "support/input_error.hpp"

using namespace betarelax::experiments;
using betarelax::AtomGroup;
using betarelax::Configuration;
using betarelax::test::complete_rows;
using betarelax::test::expect_same_campaign;
using betarelax::test::rows_by_id;
using betarelax::test::kill_after_rows;
using betarelax::test::run_binary;
using betarelax::test::text_of;
namespace fs = std::filesystem;

namespace {

struct CampaignFixture : ::testing::Test {
  void SetUp() override {
    glass = BETARELAX_TEST_GLASS;
    toml = BETARELAX_CAMPAIGN_TOML;
    straight = BETARELAX_CAMPAIGN_STRAIGHT;
    bin = BETARELAX_BIN_PATH;
    if (glass.empty() || !fs::exists(fs::path(straight) / "samples.csv")) {
      GTEST_SKIP() << "needs the campaign.straight ctest fixture (run through ctest)";
    }
    work = fs::temp_directory_path() / ("betarelax_campaign_" + std::to_string(getpid()));
    fs::remove_all(work);
    fs::create_directories(work);
  }
  void TearDown() override {
    if (!work.empty()) fs::remove_all(work);
  }
  std::string glass, toml, straight, bin;
  fs::path work;
};

}  // namespace

TEST_F(CampaignFixture, BatchedEqualsUnbatched) {
  // campaign.straight ran the 4 samples one at a time (R = 1); here 3
  // replicas: three start together and the fourth takes the slot of the first
  // to finish, next to replicas still running.
  RunControl ctl;
  ctl.out_dir = (work / "r3").string();
  ctl.glass_dir = glass;
  ctl.replicas = 3;
  ASSERT_TRUE(run_experiment(toml, "tiny", ctl));
  expect_same_campaign(straight, work / "r3");
  const auto rows = rows_by_id(work / "r3" / "samples.csv");
  std::set<std::string> steps;
  for (const auto& [id, r] : rows) steps.insert(r.at("steps"));
  EXPECT_GT(steps.size(), 1u) << "every sample ran the same number of steps: the test no longer refills a slot while others run";
}

TEST_F(CampaignFixture, OnlyRerunsTheChosenSamplesFromTheirSeeds) {
  // --only 1,3: exactly those rows, bit for bit the straight run's (same
  // seeds, same code path); an id outside the plan is refused by name.
  const fs::path dir = work / "only";
  const auto ran = run_binary({bin, "run", toml, "--profile", "tiny", "--glass", glass, "--out", dir.string(), "--replicas", "1",
                               "--only", "1,3"});
  ASSERT_EQ(ran.code, 0) << ran.err;
  const auto rows = rows_by_id(dir / "samples.csv"), reference = rows_by_id(fs::path(straight) / "samples.csv");
  ASSERT_EQ(rows.size(), 2u);
  for (const char* id : {"1", "3"}) {
    for (const auto& [column, cell] : rows.at(id)) {
      if (column == "wall_s") continue;
      EXPECT_EQ(cell, reference.at(id).at(column)) << "sample " << id << ": " << column;
    }
  }
  const auto bad = run_binary({bin, "run", toml, "--profile", "tiny", "--glass", glass, "--out", (work / "bad").string(), "--only", "9"});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("--only 9: not a sample"), std::string::npos) << bad.err;
}

TEST_F(CampaignFixture, KilledAtAnyMomentResumesWithoutLossOrDuplicates) {
  const fs::path dir = work / "killed";
  const std::vector<std::string> args = {bin, "run", toml, "--profile", "tiny", "--glass", glass, "--out", dir.string(), "--replicas", "2"};
  // SIGKILL as soon as the first sample is in: the others are mid-run.
  ASSERT_TRUE(kill_after_rows(args, dir / "samples.csv", 1)) << "the campaign ended before it could be killed";
  const std::string before = text_of(dir / "samples.csv");
  const size_t rows_before = complete_rows(dir / "samples.csv");
  ASSERT_GE(rows_before, 1u);
  ASSERT_LT(rows_before, 4u) << "all samples were done before the kill";

  std::vector<std::string> again = args;
  again.push_back("--resume");
  ASSERT_EQ(run_binary(again).code, 0);
  // The rows written before the kill are kept as they were; the rest came after.
  const std::string after = text_of(dir / "samples.csv");
  EXPECT_EQ(after.substr(0, before.rfind('\n') + 1), before.substr(0, before.rfind('\n') + 1));
  expect_same_campaign(straight, dir);
}

TEST_F(CampaignFixture, DiskFullStopsNamingTheFileAndLosesNoFinishedSample) {
  // One sample finished (cut after 1700 steps), then the campaign resumed on
  // a "disk" where no file may grow past 16 kB: the next sample's fes.csv
  // (~23 kB) cannot be written. The run must stop with a non-zero exit naming
  // that file, keep the finished row as it was, leave no half-written
  // fes.csv, and a resume with room again must end as the straight run.
  const fs::path dir = work / "full";
  const std::vector<std::string> args = {bin, "run", toml, "--profile", "tiny", "--glass", glass, "--out", dir.string(), "--replicas", "1"};
  std::vector<std::string> cut = args;
  cut.insert(cut.end(), {"--stop-after", "1700"});
  ASSERT_EQ(run_binary(cut).code, 0);
  ASSERT_EQ(complete_rows(dir / "samples.csv"), 1u);
  const std::string before = text_of(dir / "samples.csv");

  std::vector<std::string> resume = args;
  resume.push_back("--resume");
  betarelax::test::ChildLimits full;
  full.max_file_bytes = 16 * 1024;
  const betarelax::test::Ran r = run_binary(resume, nullptr, full);
  EXPECT_NE(r.code, 0) << r.out;
  EXPECT_NE(r.err.find("fes.csv: write failed (File too large)"), std::string::npos) << r.err;
  EXPECT_EQ(text_of(dir / "samples.csv"), before) << "the finished row changed";
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".tmp."), std::string::npos) << "left behind: " << e.path();
    if (name == "fes.csv") {
      EXPECT_GT(fs::file_size(e.path()), 16u * 1024) << e.path() << " is cut";
    }
  }

  ASSERT_EQ(run_binary(resume).code, 0);
  EXPECT_EQ(text_of(dir / "samples.csv").substr(0, before.size()), before);
  expect_same_campaign(straight, dir);
}

TEST_F(CampaignFixture, OneThreadGivesTheSameCampaignAsTheStraightRun) {
  // campaign.straight ran with every thread of the machine; one thread must
  // give the same rows (all columns but wall_s, which is the one that
  // legitimately differs) and the same bias, hills and CV trace, bit for bit.
  const fs::path dir = work / "one_thread";
  const betarelax::test::Ran r = run_binary({bin, "run", toml, "--profile", "tiny", "--glass", glass, "--out", dir.string(),
                                             "--replicas", "1", "--kokkos-threads=1"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream is(dir / "campaign.json");
  EXPECT_EQ(nlohmann::json::parse(is).at("provenance").at("concurrency").get<int>(), 1) << "not run on one thread";
  expect_same_campaign(straight, dir);
}

TEST_F(CampaignFixture, AReplicaThatBlowsUpFailsAloneAndTheOthersGoOn) {
  // Two samples of the tiny campaign in one batch: the 300 K one as the
  // campaign runs it, the 500 K one from a glass with two atoms 0.4 A apart
  // (a broken input: the pair's force throws the chain thermostat so hard it
  // scales the velocities to zero). The broken replica must end as "failed"
  // with its diagnostic; the other must give exactly its row of the straight run.
  const ExperimentConfig config(toml, "tiny");
  const CampaignParams p = read_campaign(config, glass);
  auto points = campaign_points(p, {4.0});
  const AtomGroup group = reference_group(p.sample.center_id, p.sample.center_element, GlassFolder{glass}, 300, 4.0);
  for (SamplePoint& pt : points) pt.group_ids = group.ids;
  SampleBatch b;
  b.params = p.sample;
  b.files = p.files;
  const Configuration ref = spatially_sorted(GlassFolder{glass}.read_glass(300));
  b.glass_at[300] = ref;
  Configuration broken = in_order_of(GlassFolder{glass}.read_glass(500), ref.id);
  for (int d = 0; d < 3; ++d) broken.x[3 * 1 + d] = broken.x[d] + (d == 0 ? 0.4 : 0.0);
  b.glass_at[500] = broken;
  b.points = {points[0], points[1]};  // id 0: 300 K, id 1: 500 K
  b.replicas = 2;
  b.sample_dir = [&](const SamplePoint& pt) { return (work / std::to_string(pt.id)).string(); };
  std::map<long, SampleRecord> records;
  b.on_finished = [&](const SamplePoint& pt, const SampleRecord& rec) { records[pt.id] = rec; };
  RunControl ctl;
  ASSERT_TRUE(run_sample_batch(b, ctl));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records.at(1).status, "failed");
  EXPECT_FALSE(records.at(1).json.at("failure").is_null());
  EXPECT_NE(records.at(1).json.at("failure").at("why").get<std::string>().find("temperature"), std::string::npos)
      << records.at(1).json.at("failure").dump();
  // The diagnostic names an atom to look at, and where the run was last good.
  EXPECT_NE(records.at(1).json.at("failure").at("why").get<std::string>().find(" atom "), std::string::npos)
      << records.at(1).json.at("failure").dump();
  EXPECT_GE(records.at(1).json.at("failure").at("last_good_step").get<long>(), 0);
  const auto straight_rows = rows_by_id(fs::path(straight) / "samples.csv");
  EXPECT_EQ(records.at(0).status, straight_rows.at("0").at("status"));
  char exact[40];
  std::snprintf(exact, sizeof exact, "%.17g", records.at(0).delta_f);
  EXPECT_EQ(exact, straight_rows.at("0").at("dF_eV"));
}

TEST_F(CampaignFixture, OneGroupOfIdsAtEveryTemperatureInTheControlAndInArt) {
  // The paper's dS is the T-dependence of one event of one group: the ids are
  // chosen once, in the reference glass's inherent structure (here 300 K),
  // and every temperature, the control and the ART stage sample exactly them.
  const Configuration inherent = betarelax::read_lammps_data(glass + "/glass_300K_inherent.data");
  const int centre = betarelax::central_atom_by_rule(inherent, 0);  // Cu, nearest the box centre
  const std::vector<int> expected = betarelax::select_group(inherent, centre, 4.0).ids;
  ASSERT_GE(expected.size(), 2u);
  std::ifstream plan_in(fs::path(straight) / "campaign.json");
  const nlohmann::json plan = nlohmann::json::parse(plan_in);
  std::set<double> temperatures;
  for (const auto& g : plan.at("groups")) {
    EXPECT_EQ(g.at("ids").get<std::vector<int>>(), expected) << "at " << g.at("temperature_K");
    temperatures.insert(g.at("temperature_K").get<double>());
  }
  EXPECT_EQ(temperatures, (std::set<double>{300.0, 500.0}));
  // What each sample really biased, as its sample.json records it.
  const auto rows = rows_by_id(fs::path(straight) / "samples.csv");
  ASSERT_EQ(rows.size(), 5u);
  std::set<std::string> series;
  for (const auto& [id, row] : rows) {
    std::ifstream in(fs::path(straight) / "samples" / betarelax::sample_folder(std::stol(id)) / "sample.json");
    const nlohmann::json sample = nlohmann::json::parse(in);
    EXPECT_EQ(sample.at("group").at("ids").get<std::vector<int>>(), expected) << "sample " << id << " at " << row.at("T_K") << " K";
    series.insert(row.at("series"));
    // The control's w0 is the configured fraction of the main one.
    EXPECT_DOUBLE_EQ(std::stod(row.at("height0_eV")), row.at("series") == "control" ? 0.15 : 0.3) << "sample " << id;
  }
  EXPECT_EQ(series, (std::set<std::string>{"sweep", "control"}));
  EXPECT_EQ(rows.at("4").at("series"), "control");
  EXPECT_EQ(rows.at("4").at("T_K"), "300");
  // The ART stage of the same glass pushes the same ids.
  const ArtCampaignParams art = read_art_campaign(ExperimentConfig(experiment_file("art_comparison"), "smoke"), glass);
  EXPECT_EQ(art.group_ids, expected);
  // The plan names the potential, and it is the glass's.
  std::ifstream record_in(glass + "/glass_preparation.json");
  const nlohmann::json record = nlohmann::json::parse(record_in);
  EXPECT_EQ(plan.at("potential").at("sha256"), record.at("potential").at("sha256"));
}

TEST_F(CampaignFixture, EveryConfirmedTransitionLocatesWhereItCrossed) {
  // The hop rule's bisection (crossing_point.hpp) on real trajectories: a
  // located crossing lies between two kept frames one CV stride apart (10
  // steps of 2 fs), found by quenches, before the running mean's commit; a
  // row read by the crossing carries its ΔF. The tiny glass (quenched at
  // 5e13 K/s) sits so near its basins' edges that a frame 20 fs into a
  // sample already quenches 0.14-0.57 A from the glass's inherent structure
  // (measured): most of its samples are out before any frame, and say so.
  // (On the standard glass of run 4 every re-run sample located its crossing:
  // reference-data/runs/standard-2026-12-01/hop_rule/.)
  const auto rows = rows_by_id(fs::path(straight) / "samples.csv");
  int confirmed = 0, located = 0;
  for (const auto& [id, row] : rows) {
    std::ifstream in(fs::path(straight) / "samples" / betarelax::sample_folder(std::stol(id)) / "sample.json");
    const nlohmann::json sample = nlohmann::json::parse(in);
    const nlohmann::json& t = sample.at("transition");
    const nlohmann::json& c = sample.at("free_energy").at("crossing");
    if (!t.at("confirmed").get<bool>()) {
      EXPECT_FALSE(c.at("located").get<bool>()) << "sample " << id;
      continue;
    }
    ++confirmed;
    if (!c.at("located").get<bool>()) {
      EXPECT_NE(c.at("why_not").get<std::string>().find("left the initial basin before the kept frames"), std::string::npos);
      continue;
    }
    ++located;
    EXPECT_NEAR(c.at("time_out_ps").get<double>() - c.at("time_in_ps").get<double>(), 0.02, 1e-9) << "sample " << id;
    EXPECT_GE(c.at("quenches").get<int>(), 2) << "sample " << id;
    // Within the kept frames (3 ps) before the confirmation (left + commit).
    const double confirmed_at = t.at("time_ps").get<double>() + 0.5;
    EXPECT_LE(c.at("time_out_ps").get<double>(), confirmed_at + 1e-9) << "sample " << id;
    EXPECT_GE(c.at("time_in_ps").get<double>(), confirmed_at - 3.0 - 1e-9) << "sample " << id;
    if (row.at("saddle_rule") == "crossing") {
      EXPECT_EQ(row.at("dF_eV"), row.at("dF_crossing_eV")) << "sample " << id;
    }
  }
  EXPECT_GE(confirmed, 2);
  EXPECT_GE(located, 1);
}

// The stop rule on a scripted CV trace (no MD): the budget bounds the search
// for a transition, a transition found within it always gets its after
// phase, and one the system comes back from is revoked.
TEST(SampleStopRule, BudgetBoundsTheSearchAndARevokedTransitionSearchesOn) {
  Configuration glass;
  glass.id = {1, 2, 3, 4};
  glass.type = {0, 0, 0, 0};
  glass.x = {0, 0, 0, 2.5, 0, 0, 0, 2.5, 0, 0, 0, 2.5};
  glass.mass = {63.546};
  glass.type_names = {"Cu"};
  glass.n_types = 1;
  for (double& l : glass.len) l = 20;
  Configuration moved = glass;
  moved.x[0] = -1.5;  // one atom of four 1.5 Å away: the group's RMSD well above 0.3 Å
  SingleSampleParams p;
  p.dt_ps = 0.002;
  p.cv_every = 10;
  p.after_ps = 1;
  p.after_max_ps = 10;
  p.max_ps = 20;  // 10,000 steps
  const SampleFiles none{false, false, false, false};
  const fs::path dir = fs::temp_directory_path() / ("betarelax_stop_rule_" + std::to_string(getpid()));
  const long max_steps = 10000, after_steps = 5000;
  // Feeds s from `from` to `to` (steps, CV strides); the step at which the
  // sample wanted a quench (then confirmed with `is_now`), or -1.
  const auto drive = [&](SampleRun& run, long from, long to, double s, const Configuration& is_now) {
    long quenched = -1;
    for (long k = from; k < to; k += p.cv_every)
      if (run.on_cv(k, s, 0.0)) {
        run.confirm(k, is_now);
        quenched = k;
      }
    return quenched;
  };
  {  // A jump at 16 ps, confirmed at ~19 ps: its after phase runs past the budget.
    SampleRun run(SamplePoint{}, p, none, (dir / "late").string(), glass, {0, 1, 2, 3});
    run.set_initial_inherent(glass);
    drive(run, 0, 8000, 0.25, glass);
    const long at = drive(run, 8000, max_steps, 0.9, moved);
    ASSERT_GT(at, 9000);
    EXPECT_FALSE(run.done(max_steps));
    EXPECT_FALSE(run.done(at + after_steps - 1));
    EXPECT_TRUE(run.done(at + after_steps));
  }
  {  // A jump at 5 ps the system comes back from at 8 ps: revoked, searching on to the budget.
    SampleRun run(SamplePoint{}, p, none, (dir / "back").string(), glass, {0, 1, 2, 3});
    run.set_initial_inherent(glass);
    drive(run, 0, 2500, 0.25, glass);
    const long at = drive(run, 2500, 4000, 0.9, moved);
    ASSERT_GT(at, 2500);
    EXPECT_TRUE(run.done(at + after_steps));  // standing, its after phase would end it here
    drive(run, 4000, 6000, 0.9, moved);
    EXPECT_LT(drive(run, 6000, max_steps, 0.25, glass), 0);  // back home: no new candidate
    EXPECT_FALSE(run.done(at + after_steps));
    EXPECT_FALSE(run.done(max_steps - 1));
    EXPECT_TRUE(run.done(max_steps));
    const std::vector<double> grid = {0.0, 0.5, 1.0}, bias = {0.0, 0.0, 0.0};
    const SampleRecord rec = run.finish(max_steps, glass, grid, bias, nlohmann::json::object(), "none", "none");
    EXPECT_EQ(rec.status, "no_transition");
    const auto& revoked = rec.json.at("transition").at("revoked");
    ASSERT_EQ(revoked.size(), 1u);
    EXPECT_NEAR(revoked[0].at("confirmed_at_ps").get<double>(), at * p.dt_ps, 1e-9);
    EXPECT_GT(revoked[0].at("returned_at_ps").get<double>(), 12.0);
    EXPECT_LT(revoked[0].at("returned_at_ps").get<double>(), 13.0);
  }
  fs::remove_all(dir);
}

TEST(SamplesFile, ACutLastRowIsDroppedOnResumeAndAppendsStayWhole) {
  const fs::path dir = fs::temp_directory_path() / ("betarelax_samples_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "samples.csv").string();
  std::string header;
  for (const auto& c : samples_columns()) header += (header.empty() ? "" : ",") + c;
  std::string row(samples_columns().size() - 1, ',');
  row = "7" + row;  // id 7, other cells empty
  {
    std::ofstream out(path);
    out << header << "\n" << row << "\n" << "8,300,4";  // a row cut by a crash
  }
  SamplesFile f(path, true);
  ASSERT_EQ(f.rows().size(), 1u);
  EXPECT_EQ(f.rows()[0].at("id"), "7");
  f.append("9" + std::string(samples_columns().size() - 1, ','));
  const auto rows = read_samples_file(path);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at("id"), "9");
  // Without resume the file starts afresh.
  SamplesFile fresh(path, false);
  EXPECT_TRUE(read_samples_file(path).empty());
  {
    std::ofstream out(path);
    out << "id,T_K\n1,300\n";
  }
  EXPECT_THROW(read_samples_file(path), betarelax::InputError);
  fs::remove_all(dir);
}

TEST(CampaignGrid, SampleIndexOutermostAndSeedsDistinctAndStable) {
  CampaignParams p;
  p.temperatures = {200, 300};
  p.cutoffs = {"first_minimum", "4.0"};
  p.samples = 3;
  p.seed = 5;
  const auto pts = campaign_points(p, {3.7, 4.0});
  ASSERT_EQ(pts.size(), 12u);
  EXPECT_EQ(pts[0].index, 0);
  EXPECT_EQ(pts[3].index, 0);
  EXPECT_EQ(pts[4].index, 1);
  EXPECT_EQ(pts[1].cutoff_label, "4.0");
  std::set<uint64_t> seeds;
  for (const auto& pt : pts) seeds.insert(pt.seed);
  EXPECT_EQ(seeds.size(), pts.size());
  EXPECT_EQ(campaign_points(p, {3.7, 4.0})[7].seed, pts[7].seed);
  // Adding samples keeps the seeds of the first ones: a campaign can grow.
  p.samples = 4;
  EXPECT_EQ(campaign_points(p, {3.7, 4.0})[11].seed, pts[11].seed);
}

TEST(CampaignGrid, SitesApartRunAloneWithSeedsOfTheirOwnAndSiteZeroKeepsItsSample) {
  CampaignParams p;
  p.temperatures = {200, 300};
  p.cutoffs = {"4.0"};
  p.samples = 2;
  p.seed = 5;
  p.sites = 3;
  p.control_samples = 2;
  p.control_temperature = 300;
  p.control_height_factor = 0.5;
  const auto together = campaign_points(p, {4.0});
  p.together = false;
  const auto apart = campaign_points(p, {4.0});
  // 2 samples x 2 T x 3 sites, then 2 controls of site 0 only.
  ASSERT_EQ(apart.size(), 14u);
  std::set<long> runs;
  std::set<uint64_t> seeds;
  for (const auto& pt : apart) {
    runs.insert(pt.run);
    seeds.insert(pt.seed);
  }
  EXPECT_EQ(runs.size(), apart.size()) << "every site of every point is a run of its own";
  EXPECT_EQ(seeds.size(), apart.size());
  for (size_t i = 12; i < 14; ++i) {
    EXPECT_EQ(apart[i].series, "control");
    EXPECT_EQ(apart[i].site, 0);
  }
  // Site 0 is the same sample as with the sites together (and as with one
  // site): its seed and point are the single-site campaign's.
  p.sites = 1;
  const auto single = campaign_points(p, {4.0});
  for (const auto& pt : apart) {
    if (pt.site != 0 || pt.series != "sweep") continue;
    const auto same = std::find_if(single.begin(), single.end(), [&](const SamplePoint& q) {
      return q.series == "sweep" && q.temperature == pt.temperature && q.index == pt.index;
    });
    ASSERT_NE(same, single.end());
    EXPECT_EQ(same->seed, pt.seed);
  }
  EXPECT_EQ(together.size(), 18u);  // the controls carry every site when together
}

TEST(CampaignGrid, CutoffsAreNumbersOrRdfLandmarksOfTheReferenceGlass) {
  const nlohmann::json structure = {
      {"glasses",
       {{{"temperature_K", 300.0},
         {"rdf_landmarks_A",
          {{"found", true}, {"first_peak", 2.8}, {"first_minimum", 3.78}, {"second_peaks", {5.08, 5.6}}, {"second_minimum", 6.4}}}}}}};
  EXPECT_DOUBLE_EQ(resolve_cutoff("4.0", structure, 300, "s.json"), 4.0);
  EXPECT_DOUBLE_EQ(resolve_cutoff("first_minimum", structure, 300, "s.json"), 3.78);
  EXPECT_DOUBLE_EQ(resolve_cutoff("second_peak_2", structure, 300, "s.json"), 5.6);
  EXPECT_THROW(resolve_cutoff("third_peak", structure, 300, "s.json"), betarelax::InputError);
  EXPECT_THROW(resolve_cutoff("first_peak", structure, 250, "s.json"), betarelax::InputError);
  EXPECT_THROW(resolve_cutoff("-1", structure, 300, "s.json"), betarelax::InputError);
}

TEST(CampaignToml, SampleSectionsAtEveryPhysicsProfileAreTheSingleSamples) {
  // A campaign's sample is the single sample: same metadynamics, transition
  // rule, MD and rate parameters at every profile that claims physics.
  for (const char* profile : {"standard", "gpu", "paper"}) {
    const ExperimentConfig single(experiment_file("single_sample"), profile);
    for (const char* name : {"cluster_size", "sample_count", "temperature_sweep"}) {
      const ExperimentConfig c(experiment_file(name), profile);
      for (const char* key : {"md.dt_ps", "md.t_damp_ps", "md.skin_A", "metad.colvar_width_A", "metad.hill_width", "metad.height0_eV",
                              "metad.bias_temperature_K", "metad.pace", "metad.grid_max_A", "metad.grid_spacing_A", "metad.wall_A",
                              "metad.wall_constant_eV_per_A2", "transition.baseline_ps", "transition.window_ps", "transition.jump_A",
                              "transition.commit_ps", "transition.inherent_change_A", "transition.return_A", "transition.after_ps",
                              "transition.after_max_ps", "transition.max_ps", "transition.crossing_frames_ps", "output.cv_every", "output.fire_ftol_eV_per_A",
                              "rates.nu0_Hz"}) {
        EXPECT_EQ(c.number(key), single.number(key)) << profile << ": " << name << ": " << key;
      }
      EXPECT_EQ(c.texts("system.potential"), single.texts("system.potential")) << profile << ": " << name;
      EXPECT_EQ(c.text("input.glass_dir"), single.text("input.glass_dir")) << profile << ": " << name;
    }
    // The ART stage searches the same glass with the same potential.
    const ExperimentConfig art(experiment_file("art_comparison"), profile);
    EXPECT_EQ(art.texts("system.potential"), single.texts("system.potential")) << profile << ": art_comparison";
    EXPECT_EQ(art.text("input.glass_dir"), single.text("input.glass_dir")) << profile << ": art_comparison";
  }
}

TEST(CampaignRanks, TwoRanksWroteEverySampleOfTheStraightRunOnce) {
  // ctest campaign.two_ranks ran the tiny campaign under `mpirun -np 2`:
  // every row, bias, hills and CV trace as the one-process run, no sample
  // twice, and rank 0's summary over all of them.
  const fs::path ranks = BETARELAX_CAMPAIGN_RANKS, straight = BETARELAX_CAMPAIGN_STRAIGHT;
  expect_same_campaign(straight, ranks);
  EXPECT_EQ(text_of(straight / "summary.json").size() > 0, true);
  EXPECT_TRUE(fs::exists(ranks / "summary.json"));
}
