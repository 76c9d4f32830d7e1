// Experiments: glass-preparation schedule arithmetic, the experiment
// configuration (profiles, typed errors naming file and key, unknown keys),
// the literature checks on a hand-made structure record, the single-sample
// transition rule and the F(s) landmarks.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "experiments/common/experiment_config.hpp"
#include "experiments/common/experiment_files.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/glass_preparation/glass_preparation.hpp"
#include "experiments/glass_preparation/schedule.hpp"
#include "experiments/art/events_file.hpp"
#include "experiments/metadynamics/samples_file.hpp"
#include "experiments/metadynamics/single_sample.hpp"
#include "experiments/metadynamics/transition.hpp"
#include "experiments/run_experiment.hpp"
#include "support/counter_hash.hpp"
#include "support/input_error.hpp"

using namespace betarelax;
using namespace betarelax::experiments;

namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("betarelax_test_" + name);
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST(GlassSchedule, PaperScheduleHasThePapersStepCounts) {
  GlassScheduleParams p;  // defaults: the paper's q = 1e10 K/s, 500 ns at 700 K, 2 fs
  p.targets = {300, 200, 450, 250, 400, 350};
  const auto stages = make_glass_schedule(p);
  ASSERT_EQ(stages.size(), 3u + 6u);
  EXPECT_EQ(stages[0].name, "melt");
  EXPECT_EQ(stages[0].steps, 50000);        // 100 ps
  EXPECT_EQ(stages[1].steps, 65000000);     // 1300 K / 1e10 K/s = 130 ns
  EXPECT_EQ(stages[2].steps, 250000000);    // 500 ns
  EXPECT_EQ(stages[3].name, "cool_to_450K");  // targets are passed from hot to cold
  EXPECT_EQ(stages[3].steps, 12500000);     // 250 K / 1e10 K/s = 25 ns
  for (size_t k = 4; k < stages.size(); ++k) EXPECT_EQ(stages[k].steps, 2500000);  // 50 K each
  EXPECT_EQ(stages.back().target, 200.0);
  EXPECT_EQ(stages.back().end, 50000 + 65000000 + 250000000 + 12500000 + 5 * 2500000);  // 3.4e8 steps
  for (size_t k = 1; k < stages.size(); ++k) {
    EXPECT_EQ(stages[k].begin, stages[k - 1].end);
    EXPECT_EQ(stages[k].t_start, stages[k - 1].t_stop);
  }
  EXPECT_EQ(stage_at(stages, 0), 0u);
  EXPECT_EQ(stage_at(stages, 50000), 1u);  // a stage's end is the next one's start
  EXPECT_EQ(stage_at(stages, stages.back().end), stages.size());
}

TEST(GlassSchedule, RampStepsFollowTheCoolingRate) {
  EXPECT_EQ(ramp_steps(2000, 700, 1e10, 0.002), 65000000);
  EXPECT_EQ(ramp_steps(700, 2000, 1e10, 0.002), 65000000);
  EXPECT_EQ(ramp_steps(2000, 700, 1e13, 0.002), 65000);
  EXPECT_EQ(ramp_steps(300, 300, 1e13, 0.002), 0);
  EXPECT_THROW(ramp_steps(2000, 700, 0, 0.002), std::invalid_argument);
}

TEST(GlassSchedule, RejectsTargetsAboveTheAnnealAndRepeats) {
  GlassScheduleParams p;
  p.targets = {300, 800};
  EXPECT_THROW(make_glass_schedule(p), std::invalid_argument);
  p.targets = {300, 300};
  EXPECT_THROW(make_glass_schedule(p), std::invalid_argument);
  p.targets = {};
  EXPECT_THROW(make_glass_schedule(p), std::invalid_argument);
}

TEST(ExperimentConfig, ProfileTablesOverrideKeyByKey) {
  const auto path = write_file("cfg.toml", R"(experiment = "x"
[a]
n = 1
m = 2.5
[profile.small.a]
n = 3
[profile.big]
)");
  const ExperimentConfig small(path, "small"), big(path, "big");
  EXPECT_EQ(small.integer("a.n"), 3);
  EXPECT_EQ(big.integer("a.n"), 1);
  EXPECT_DOUBLE_EQ(small.number("a.m"), 2.5);
  EXPECT_NE(small.hash(), big.hash());
  EXPECT_EQ(small.experiment(), "x");
}

TEST(ExperimentConfig, ABudgetIsReadPerProfileAndChangesNoHash) {
  // A wall-time budget changes no result: the hash (and so --resume) ignores
  // it, while every other key still counts.
  const auto with = write_file("cfg_budget.toml", R"(experiment = "x"
[a]
n = 1
[budget]
wall_s = 60.0
[profile.small.budget]
wall_s = 5.0
[profile.big]
)");
  const auto without = write_file("cfg_no_budget.toml", R"(experiment = "x"
[a]
n = 1
[profile.small]
[profile.big]
)");
  EXPECT_EQ(wall_budget_s(with, "small"), 5.0);
  EXPECT_EQ(wall_budget_s(with, "big"), 60.0);
  EXPECT_EQ(wall_budget_s(without, "small"), 0.0);
  EXPECT_EQ(ExperimentConfig(with, "small").hash(), ExperimentConfig(without, "small").hash());
  EXPECT_EQ(ExperimentConfig(with, "big").hash(), ExperimentConfig(without, "big").hash());
}

TEST(ExperimentConfig, ExtendsMergesTheBaseUnderTheFileAndHashesTheMerge) {
  // What several experiments share is written once (experiments/shared/);
  // an experiment that extends it is, key for key and hash for hash, the
  // file with everything written out.
  write_file("cfg_base.toml", R"(experiment = "x"
[a]
n = 1
m = 2.5
[b]
k = "base"
[profile.small.a]
n = 3
[profile.big]
)");
  const auto child = write_file("cfg_child.toml", R"(extends = "betarelax_test_cfg_base.toml"
[b]
k = "child"
[profile.small.b]
j = 7
)");
  const auto flat = write_file("cfg_flat.toml", R"(experiment = "x"
[a]
n = 1
m = 2.5
[b]
k = "child"
[profile.small.a]
n = 3
[profile.small.b]
j = 7
[profile.big]
)");
  for (const char* profile : {"small", "big"}) {
    const ExperimentConfig c(child, profile), f(flat, profile);
    EXPECT_EQ(c.hash(), f.hash()) << profile;
    EXPECT_EQ(c.canonical_text(), f.canonical_text()) << profile;
    EXPECT_EQ(c.experiment(), "x");
    EXPECT_EQ(c.text("b.k"), "child");  // the file wins over its base
  }
  const ExperimentConfig small(child, "small");
  EXPECT_EQ(small.integer("a.n"), 3);  // the base's profile table still applies
  EXPECT_EQ(small.integer("b.j"), 7);
  EXPECT_FALSE(small.has("extends"));  // not a setting: never hashed, never "unused"
  // A base that is not there is named, with the key.
  const auto orphan = write_file("cfg_orphan.toml", "extends = \"no_such_base.toml\"\n");
  try {
    ExperimentConfig(orphan, "small");
    FAIL() << "a missing base was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("extends"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_base.toml"), std::string::npos) << e.what();
  }
  // A file that extends itself stops with a message, not a stack overflow.
  const auto loop = write_file("cfg_loop.toml", "extends = \"betarelax_test_cfg_loop.toml\"\n");
  EXPECT_THROW(ExperimentConfig(loop, "small"), InputError);
}

TEST(ExperimentConfig, TheMetadExperimentsStateOnlyWhatDiffers) {
  // The MetaD, transition, output and rates sections live once, in
  // experiments/shared/metad_sample.toml: no experiment file repeats them.
  for (const char* name : {"single_sample", "cluster_size", "sample_count", "temperature_sweep"}) {
    std::ifstream in(experiment_file(name));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* section : {"[metad]", "[transition]", "[rates]", "[system]", "[profile.smoke.metad]", "[profile.standard.metad]"})
      EXPECT_EQ(text.find(section), std::string::npos) << name << " repeats " << section;
    EXPECT_NE(text.find("extends = \"shared/"), std::string::npos) << name;
  }
}

TEST(ExperimentConfig, SampleStructDefaultsAreTheSharedTomlsPaperValues) {
  // The sample's C++ defaults (used where no TOML is read: tests, library
  // users) cannot drift from the TOML: field by field they are its paper
  // profile. The one exception is the wall: the engine's default is none.
  const SingleSampleParams d;
  const SingleSampleParams t = read_single_sample(ExperimentConfig(experiment_file("single_sample"), "paper"), "");
  EXPECT_EQ(d.temperature, t.temperature);
  EXPECT_EQ(d.center_id, t.center_id);
  EXPECT_EQ(d.center_element, t.center_element);
  EXPECT_EQ(d.cutoff, t.cutoff);
  EXPECT_EQ(d.dt_ps, t.dt_ps);
  EXPECT_EQ(d.t_damp_ps, t.t_damp_ps);
  EXPECT_EQ(d.skin, t.skin);
  EXPECT_EQ(d.seed, t.seed);
  EXPECT_EQ(d.colvar_width, t.colvar_width);
  EXPECT_EQ(d.hill_width, t.hill_width);
  EXPECT_DOUBLE_EQ(d.metad.sigma, t.metad.sigma);
  EXPECT_EQ(d.metad.height0, t.metad.height0);
  EXPECT_EQ(d.metad.bias_temperature, t.metad.bias_temperature);
  EXPECT_EQ(d.metad.pace, t.metad.pace);
  EXPECT_EQ(d.metad.grid_max, t.metad.grid_max);
  EXPECT_EQ(d.metad.grid_spacing, t.metad.grid_spacing);
  EXPECT_EQ(d.metad.wall_constant, t.metad.wall_constant);
  EXPECT_EQ(d.rule.baseline_ps, t.rule.baseline_ps);
  EXPECT_EQ(d.rule.window_ps, t.rule.window_ps);
  EXPECT_EQ(d.rule.jump_A, t.rule.jump_A);
  EXPECT_EQ(d.rule.commit_ps, t.rule.commit_ps);
  EXPECT_EQ(d.rule.return_A, t.rule.return_A);
  EXPECT_EQ(d.is_change_A, t.is_change_A);
  EXPECT_EQ(d.after_ps, t.after_ps);
  EXPECT_EQ(d.after_max_ps, t.after_max_ps);
  EXPECT_EQ(d.max_ps, t.max_ps);
  EXPECT_EQ(d.crossing_frames_ps, t.crossing_frames_ps);
  EXPECT_EQ(d.cv_every, t.cv_every);
  EXPECT_EQ(d.fire_ftol, t.fire_ftol);
  EXPECT_EQ(d.nu0_hz, t.nu0_hz);
  EXPECT_EQ(t.nu0_hz, betarelax::paper::kNu0_Hz);
}

TEST(Realisation, AnotherGlassSeedTheSameProtocolAndADifferentHash) {
  // Realisation 0 is the file's seed; N > 0 a counter hash of (seed, N),
  // stable and distinct; the override is part of the hashed configuration,
  // so rows of one realisation never resume into another's folder.
  ExperimentConfig c(experiment_file("glass_preparation"), "standard");
  const GlassPreparationParams r0 = read_glass_preparation(c);
  EXPECT_EQ(r0.realisation, 0);
  EXPECT_EQ(r0.seed, 20201104u);
  const std::string hash0 = c.hash();
  c.set_integer("system.realisation", 1, "--realisation");
  const GlassPreparationParams r1 = read_glass_preparation(c);
  EXPECT_EQ(r1.realisation, 1);
  EXPECT_EQ(r1.configured_seed, 20201104u);
  EXPECT_EQ(r1.seed, betarelax::rng::hash(20201104u, betarelax::rng::kRealisation, 1, 0, 0) >> 1);
  EXPECT_NE(r1.seed, r0.seed);
  EXPECT_NE(c.hash(), hash0);
  c.set_integer("system.realisation", 2, "--realisation");
  EXPECT_NE(read_glass_preparation(c).seed, r1.seed);
  // Everything but the seed is the same protocol.
  EXPECT_EQ(r1.fcc_cells, r0.fcc_cells);
  EXPECT_EQ(r1.schedule.cooling_rate, r0.schedule.cooling_rate);
  EXPECT_EQ(r1.potential, r0.potential);
  // A key the file does not set cannot be overridden.
  EXPECT_THROW(c.set_integer("system.no_such_key", 1, "--realisation"), InputError);
  // A campaign samples the glass it is given: a realisation there is refused, by name.
  RunControl ctl;
  ctl.realisation = 1;
  ctl.out_dir = (std::filesystem::temp_directory_path() / "betarelax_realisation_refused").string();
  try {
    run_experiment(experiment_file("temperature_sweep"), "standard", ctl);
    FAIL() << "a campaign ran with --realisation";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--realisation"), std::string::npos) << e.what();
  }
}

TEST(ResultsSchema, TheReadmeDocumentsEveryColumnOfSamplesAndEvents) {
  // The columns are defined once, in code (name, meaning, cell); the README's
  // tables describe them for a reader, and may not miss one.
  std::ifstream in(std::filesystem::path(experiment_file("single_sample")).parent_path() / "README.md");
  const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(readme.empty());
  for (const auto& c : samples_schema()) EXPECT_NE(readme.find(std::string("`") + c.name + "`"), std::string::npos) << c.name;
  for (const auto& c : events_schema()) EXPECT_NE(readme.find(std::string("`") + c.name + "`"), std::string::npos) << c.name;
  for (const auto& c : samples_schema()) EXPECT_GT(std::string(c.meaning).size(), 5u) << c.name;
  EXPECT_EQ(samples_columns().size(), samples_schema().size());
}

TEST(ExperimentConfig, ErrorsNameTheFileTheProfileAndTheKey) {
  const auto path = write_file("cfg_bad.toml", R"(experiment = "x"
[a]
n = "three"
typo = 1
[profile.small]
)");
  const ExperimentConfig c(path, "small");
  try {
    c.integer("a.n");
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find("a.n"), std::string::npos) << what;
  }
  EXPECT_THROW(c.positive("a.missing"), InputError);
  try {
    c.check_all_used();
    FAIL() << "unknown key not reported";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("a.typo"), std::string::npos) << e.what();
  }
  try {
    ExperimentConfig(path, "huge");
    FAIL() << "unknown profile accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("small"), std::string::npos) << e.what();  // lists the known ones
  }
  const auto broken = write_file("cfg_broken.toml", "experiment = \n");
  try {
    ExperimentConfig(broken, "small");
    FAIL() << "parse error not reported";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(broken + ":1:"), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------
// The single-sample transition rule and the F(s) landmarks.

TEST(TransitionRule, CommitsOnASustainedJumpOnly) {
  TransitionRule rule;  // 2 ps baseline, 1 ps window, 0.5 Å jump held 2 ps
  TransitionDetector d(rule);
  double t = 0;
  bool fired = false;
  // 5 ps at 0.25 Å, a 0.5 ps spike to 1.4 Å (not sustained), 5 ps back at 0.25.
  for (; t < 5; t += 0.02) fired |= d.feed(t, 0.25);
  for (; t < 5.5; t += 0.02) fired |= d.feed(t, 1.4);
  for (; t < 10.5; t += 0.02) fired |= d.feed(t, 0.25);
  EXPECT_FALSE(fired);
  EXPECT_NEAR(d.baseline(), 0.25, 1e-12);
  // A real jump to 1.46 Å held: commits 2 ps after the running mean crossed 0.75 Å.
  double committed_at = -1;
  for (; t < 20; t += 0.02)
    if (d.feed(t, 1.46) && committed_at < 0) committed_at = t;
  ASSERT_GT(committed_at, 0);
  EXPECT_NEAR(committed_at - d.left_at_ps(), 2.0, 0.03);
  // The 1 ps running mean crosses 0.75 Å once 0.413 of its window is at 1.46 Å.
  EXPECT_NEAR(d.left_at_ps(), 10.5 + (0.75 - 0.25) / (1.46 - 0.25), 0.05);
  EXPECT_LT(d.level_before(), 0.75);
  EXPECT_NEAR(d.level_after(), 1.46, 1e-9);
  // Rejected (not confirmed): it must hold a full window and commit time again.
  d.reject();
  EXPECT_FALSE(d.feed(t, 1.46));
}

TEST(TransitionRule, ARevokedJumpIsOneTheSystemCameBackFrom) {
  TransitionRule rule;  // returns below level + 0.25 Å
  TransitionDetector d(rule);
  double t = 0;
  for (; t < 5; t += 0.02) d.feed(t, 0.25);
  bool fired = false;
  for (; t < 20 && !fired; t += 0.02) fired = d.feed(t, 0.8);
  ASSERT_TRUE(fired);
  // Resting in the new state, or fluctuating down to 0.6 Å: it stands.
  bool back = false;
  for (double u = t + 10; t < u; t += 0.02) back |= d.returned(t, std::fmod(t, 0.2) < 0.1 ? 0.8 : 0.6);
  for (double u = t + 2; t < u; t += 0.02) back |= d.returned(t, 0.8);
  EXPECT_FALSE(back);
  // Back in the initial basin: the 1 ps running mean falls below 0.5 Å
  // once 0.55 of its window is at 0.25 Å.
  const double went_back = t;
  double returned_at = -1;
  for (; t < went_back + 3 && returned_at < 0; t += 0.02)
    if (d.returned(t, 0.25)) returned_at = t;
  ASSERT_GT(returned_at, 0);
  EXPECT_NEAR(returned_at - went_back, (0.8 - 0.5) / (0.8 - 0.25), 0.05);
  // Revoked (the driver calls reject): a new jump needs a full commit time again.
  d.reject();
  double again = -1;
  for (double u = t; t < u + 10 && again < 0; t += 0.02)
    if (d.feed(t, 1.46)) again = t;
  ASSERT_GT(again, 0);
  EXPECT_NEAR(again - d.left_at_ps(), 2.0, 0.03);
}

