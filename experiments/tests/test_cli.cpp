// The command-line contract: what a user and a CI script may rely on.
#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

using namespace betarelax::cli;

namespace {
struct Result {
  int code;
  std::string out, err;
};
Result run(std::vector<std::string> args) {
  args.insert(args.begin(), "betarelax");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}
}  // namespace

TEST(Cli, UnknownSubcommandIsAUsageErrorWithAMessage) {
  const Result r = run({"frobnicate"});
  EXPECT_EQ(r.code, kUsage);
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;
}

TEST(Cli, UnknownOptionIsAUsageError) {
  const Result r = run({"reproduce", "--no-such-option"});
  EXPECT_EQ(r.code, kUsage);
  EXPECT_NE(r.err.find("--no-such-option"), std::string::npos) << r.err;
}

TEST(Cli, VersionPrintsEveryProvenanceField) {
  const Result r = run({"--version"});
  ASSERT_EQ(r.code, kOk) << r.err;
  for (const char* field : {"betarelax ", "git revision: ", "build type: ", "Kokkos: ", "execution space: ",
                            "concurrency: ", "device: "}) {
    EXPECT_NE(r.out.find(field), std::string::npos) << "missing '" << field << "' in\n" << r.out;
  }
  EXPECT_NE(r.out.find(std::string("execution space: ") + Kokkos::DefaultExecutionSpace::name()), std::string::npos)
      << r.out;
}

TEST(Cli, HelpListsEverySubcommand) {
  const Result r = run({"--help"});
  ASSERT_EQ(r.code, kOk);
  for (const char* cmd : {"reproduce", "run", "analyze", "validate", "plot", "energy", "md", "minimize", "rmsd",
                          "art", "bench", "version"}) {
    EXPECT_NE(r.out.find(std::string("  ") + cmd), std::string::npos) << cmd << " not in\n" << r.out;
  }
}

TEST(Cli, PendingSubcommandSaysSoAndFails) {
  const Result r = run({"bench"});
  EXPECT_EQ(r.code, kNotImplemented);
  EXPECT_NE(r.err.find("not implemented yet"), std::string::npos) << r.err;
}

TEST(Cli, ReproduceRejectsAnUnknownProfile) {
  const Result r = run({"reproduce", "--profile", "huge"});
  EXPECT_EQ(r.code, kUsage);
  EXPECT_NE(r.err.find("huge"), std::string::npos) << r.err;
}

TEST(Cli, ReproduceRecordsProvenanceAndMissingStages) {
  const auto dir = std::filesystem::temp_directory_path() / "betarelax_cli_test_reproduce";
  std::filesystem::remove_all(dir);
  const Result r = run({"reproduce", "--profile", "smoke", "--out", dir.string(), "--dry-run"});
  ASSERT_EQ(r.code, kOk) << r.err;
  std::ifstream is(dir / "reproduce.json");
  ASSERT_TRUE(is) << "reproduce.json not written";
  const auto j = nlohmann::json::parse(is);
  EXPECT_EQ(j.at("profile"), "smoke");
  EXPECT_EQ(j.at("provenance").at("execution_space"), Kokkos::DefaultExecutionSpace::name());
  ASSERT_FALSE(j.at("stages").empty());
  for (const auto& s : j.at("stages")) {
    const std::string status = s.at("status");
    EXPECT_TRUE(status == "missing" || status == "would run") << status;
    EXPECT_NE(r.out.find(s.at("name").get<std::string>()), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
