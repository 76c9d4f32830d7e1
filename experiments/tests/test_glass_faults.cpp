// Faults during a glass preparation (issue #11): SIGKILL at a random moment
// loses nothing a checkpoint holds (the resumed glass is byte-identical to a
// straight run), and a damaged checkpoint is refused by name, never resumed.
// Runs tests/glass_tiny.toml like the glass_resume ctests; CMake gives the paths.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "experiments/tests/test_process.hpp"

namespace fs = std::filesystem;
using betarelax::test::run_binary;
using betarelax::test::text_of;

namespace {

const std::string kBin = BETARELAX_BIN_PATH;
const std::string kToml = BETARELAX_GLASS_TOML;
const fs::path kStraight = BETARELAX_GLASS_STRAIGHT;

struct GlassFaults : ::testing::Test {
  void SetUp() override {
    if (!fs::exists(kStraight / "glass_300K.data")) GTEST_SKIP() << "needs the glass_resume.straight ctest fixture";
    work = fs::temp_directory_path() / ("betarelax_glass_faults_" + std::to_string(getpid()));
    fs::remove_all(work);
    fs::create_directories(work);
  }
  void TearDown() override { fs::remove_all(work); }
  std::vector<std::string> args(const fs::path& out) const {
    return {kBin, "run", kToml, "--profile", "tiny", "--out", out.string()};
  }
  fs::path work;
};

}  // namespace

TEST_F(GlassFaults, KilledAtAnyMomentResumesToTheStraightGlass) {
  // Three kills at different moments after the first checkpoint (random
  // delays, seeded: the test is the same every run), each resumed.
  std::mt19937 rng(20201104);
  std::uniform_int_distribution<int> delay_ms(0, 400);
  const fs::path dir = work / "killed";
  int kills = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::vector<std::string> a = args(dir);
    if (attempt > 0) a.push_back("--resume");
    pid_t pid = 0;
    run_binary(a, &pid);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    int status = 0;
    bool exited = false;
    while (!fs::exists(dir / "cooling.ckpt") && std::chrono::steady_clock::now() < give_up) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!exited) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      if (WIFSIGNALED(status)) ++kills;
    }
  }
  EXPECT_GE(kills, 1) << "the run always finished before it could be killed";
  std::vector<std::string> finish = args(dir);
  finish.push_back("--resume");
  const auto r = run_binary(finish);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* f : {"glass_300K.data", "glass_500K_inherent.data", "cooling_thermo.csv", "equilibrate_thermo.csv",
                        "nvt_thermo.csv", "rdf_300K.csv", "structure.json"}) {
    EXPECT_EQ(text_of(dir / f), text_of(kStraight / f)) << f << " differs from the straight run after " << kills << " kills";
  }
}

TEST_F(GlassFaults, ADamagedCheckpointIsRefusedByNameAndNothingIsOverwritten) {
  const fs::path dir = work / "damaged";
  std::vector<std::string> cut = args(dir);
  cut.insert(cut.end(), {"--stop-after", "150"});
  ASSERT_EQ(run_binary(cut).code, 0);
  const fs::path ckpt = dir / "cooling.ckpt";
  ASSERT_TRUE(fs::exists(ckpt));
  std::string bytes = text_of(ckpt);
  bytes[bytes.size() / 2] ^= 0x10;  // one flipped bit in the middle of the state
  std::ofstream(ckpt, std::ios::binary) << bytes;
  const std::string thermo_before = text_of(dir / "cooling_thermo.csv");

  std::vector<std::string> resume = args(dir);
  resume.push_back("--resume");
  const auto r = run_binary(resume);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(ckpt.string() + ": checkpoint checksum mismatch"), std::string::npos) << r.err;
  EXPECT_EQ(text_of(ckpt), bytes) << "the damaged checkpoint was overwritten";
  EXPECT_EQ(text_of(dir / "cooling_thermo.csv"), thermo_before);
  EXPECT_FALSE(fs::exists(dir / "glass_300K.data"));
}
