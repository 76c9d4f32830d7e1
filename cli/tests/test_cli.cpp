// The command-line contract: what a user and a CI script may rely on.
#include <gtest/gtest.h>

#include <unistd.h>

#include <Kokkos_Core.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

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

/// A 500-atom Cu50Zr50 lattice (box 21 Å > 2 (cutoff + skin)) for engine commands.
std::string bench_lattice(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const std::string data = (dir / "lattice.data").string();
  const Result r = run({"lattice", "--cells", "5", "--a", "4.2", "--seed", "3", "--out", data});
  EXPECT_EQ(r.code, kOk) << r.err;
  return data;
}

TEST(Cli, BenchTimesEveryReplicaCountAndWritesItsNumbers) {
  const auto dir = std::filesystem::temp_directory_path() / "betarelax_cli_test_bench";
  std::filesystem::remove_all(dir);
  const std::string data = bench_lattice(dir);
  // 60 steps with --metad: a hill at step 50, after the warm-up's 2.
  const Result r = run({"bench", "--data", data, "--replicas", "1,2", "--steps", "60", "--warmup", "2",
                        "--force-calls", "2", "--metad", "--out", (dir / "out").string()});
  ASSERT_EQ(r.code, kOk) << r.err;
  std::ifstream is(dir / "out" / "bench.json");
  const nlohmann::json b = nlohmann::json::parse(is);
  ASSERT_EQ(b["runs"].size(), 4u);
  for (int i = 0; i < 4; ++i) {
    const auto& run_i = b["runs"][i];
    EXPECT_EQ(run_i["step"].get<std::string>(), i < 2 ? "nvt" : "nvt+wt_metad");
    EXPECT_EQ(run_i["replicas"].get<int>(), i % 2 + 1);
    EXPECT_EQ(run_i["atoms"].get<double>(), 500.0 * (i % 2 + 1));
    EXPECT_EQ(run_i["steps"].get<long>(), 60);
    EXPECT_GT(run_i["atom_steps_per_s"].get<double>(), 0.0);
    EXPECT_NEAR(run_i["atom_steps_per_s"].get<double>(),
                run_i["atoms"].get<double>() * 60 / run_i["wall_time_s"].get<double>(), 1e-6 * run_i["atom_steps_per_s"].get<double>());
    EXPECT_GT(run_i["force_call_ms"].get<double>(), 0.0);
  }
  EXPECT_EQ(b["runs"][0]["ratio_to_first"].get<double>(), 1.0);
  EXPECT_EQ(b["runs"][2]["ratio_to_first"].get<double>(), 1.0);  // each step kind against its own R = 1
  EXPECT_EQ(b["provenance"]["execution_space"].get<std::string>(), Kokkos::DefaultExecutionSpace::name());
  EXPECT_FALSE(b.contains("lammps"));
  EXPECT_NE(r.out.find("atom-steps/s"), std::string::npos) << r.out;
}

TEST(Cli, EnergyVirialIsThePressuresConfigurationalPart) {
  // P V = N k_B T + tr(W)/3 (eV; 1 eV/Å^3 = 1.602176634e6 bar): the printed
  // virial and pressure must be the same physics, not two computations.
  const auto dir = std::filesystem::temp_directory_path() / "betarelax_cli_test_energy_virial";
  std::filesystem::remove_all(dir);
  const std::string data = bench_lattice(dir);
  const Result r = run({"energy", "--data", data});
  ASSERT_EQ(r.code, kOk) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const std::vector<double> w = j["virial_eV"].get<std::vector<double>>();
  ASSERT_EQ(w.size(), 6u);
  const double kinetic = j["natoms"].get<int>() * 8.617333262e-5 * j["temperature_K"].get<double>();
  const double p = (kinetic + (w[0] + w[1] + w[2]) / 3.0) / j["volume_A3"].get<double>() * 1.602176634e6;
  EXPECT_NEAR(p, j["pressure_bar"].get<double>(), 1e-6 * std::abs(j["pressure_bar"].get<double>()) + 1e-6);
  EXPECT_NE(w[0], w[3]) << "diagonal and off-diagonal are different numbers";
}

TEST(Cli, BenchOfAMissingDataFileNamesIt) {
  const Result r = run({"bench", "--data", "/nonexistent/glass.data", "--out",
                        (std::filesystem::temp_directory_path() / "betarelax_cli_test_bench_missing").string()});
  EXPECT_EQ(r.code, kError);
  EXPECT_NE(r.err.find("/nonexistent/glass.data"), std::string::npos) << r.err;
}

TEST(Cli, BenchAgainstLammpsRunsTheSameSystemAndPrintsTheRatio) {
  if (std::system("command -v lmp > /dev/null 2>&1 && command -v mpirun > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "lmp or mpirun not installed";
  }
  const auto dir = std::filesystem::temp_directory_path() / "betarelax_cli_test_bench_lammps";
  std::filesystem::remove_all(dir);
  const std::string data = bench_lattice(dir);
  const Result r = run({"bench", "--data", data, "--steps", "10", "--warmup", "2", "--force-calls", "1", "--lammps",
                        "--out", (dir / "out").string()});
  ASSERT_EQ(r.code, kOk) << r.err;
  std::ifstream is(dir / "out" / "bench.json");
  const nlohmann::json b = nlohmann::json::parse(is);
  ASSERT_TRUE(b.contains("lammps")) << b.dump(2);
  // Both of LAMMPS's CPU styles for this potential, each with its own ratio.
  ASSERT_EQ(b["lammps"].size(), 2u) << b.dump(2);
  const std::string styles[] = {"eam/fs", "eam/fs/opt"};
  for (int k = 0; k < 2; ++k) {
    const nlohmann::json& lmp = b["lammps"][k];
    EXPECT_EQ(lmp["pair_style"].get<std::string>(), styles[k]);
    EXPECT_GT(lmp["steps_per_s"].get<double>(), 0.0);
    EXPECT_NEAR(lmp["ratio_betarelax_to_lammps"].get<double>(),
                b["runs"][0]["steps_per_s"].get<double>() / lmp["steps_per_s"].get<double>(), 1e-9);
    // LAMMPS ran this file with this potential, these elements and this skin.
    std::string tag = styles[k];
    for (char& c : tag) c = c == '/' ? '_' : c;
    std::ifstream in(dir / "out" / ("in." + tag + ".lammps"));
    const std::string script((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(script.find("read_data " + std::filesystem::absolute(data).string()), std::string::npos) << script;
    EXPECT_NE(script.find("pair_style " + styles[k] + "\n"), std::string::npos) << script;
    EXPECT_NE(script.find("CuZr_mm.eam.fs Cu Zr"), std::string::npos) << script;
    EXPECT_NE(script.find("neighbor 1 bin"), std::string::npos) << script;
  }
  EXPECT_NE(r.out.find("ratio"), std::string::npos) << r.out;
}

TEST(Cli, ReproduceRejectsAnUnknownProfile) {
  const Result r = run({"reproduce", "--profile", "huge"});
  EXPECT_EQ(r.code, kUsage);
  EXPECT_NE(r.err.find("huge"), std::string::npos) << r.err;
}

TEST(Cli, ReproduceDryRunRecordsProvenanceAndEveryStage) {
  const auto dir = std::filesystem::temp_directory_path() / "betarelax_cli_test_reproduce";
  std::filesystem::remove_all(dir);
  const Result r = run({"reproduce", "--profile", "smoke", "--out", dir.string(), "--dry-run"});
  ASSERT_EQ(r.code, kOk) << r.err;
  std::ifstream is(dir / "reproduce.json");
  ASSERT_TRUE(is) << "reproduce.json not written";
  const auto j = nlohmann::json::parse(is);
  EXPECT_EQ(j.at("profile"), "smoke");
  EXPECT_EQ(j.at("provenance").at("execution_space"), Kokkos::DefaultExecutionSpace::name());
  // The data flow, in order.
  std::vector<std::string> names;
  for (const auto& s : j.at("stages")) {
    EXPECT_EQ(s.at("status"), "would run");
    EXPECT_NE(r.out.find(s.at("name").get<std::string>()), std::string::npos);
    names.push_back(s.at("name"));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"glass_preparation", "metadynamics_campaigns", "art_comparison", "analysis",
                                              "validation", "plots"}));
  std::filesystem::remove_all(dir);
}

TEST(Cli, AnyonesOwnSpectrumIsAnalyzedAndValidatedAgainstThePaper) {
  // A bare samples file (T_K,dF_eV): the paper's line dF = 1.36 eV − T 14.8 k_B
  // with a fixed spread at three temperatures; then the same T-independent.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("betarelax_own_spectrum_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, double ds_kB) {
    std::ofstream csv(dir / name);
    csv << "T_K,dF_eV\n";
    for (double t : {200.0, 300.0, 400.0})
      for (double z : {-0.06, -0.03, -0.01, 0.0, 0.01, 0.03, 0.06, -0.02, 0.02, 0.0})
        csv << t << "," << 1.36 - t * ds_kB * 8.617333262e-5 + z << "\n";
    return (dir / name).string();
  };
  const Result a = run({"analyze", "--samples", write("entropic.csv", 14.8), "--out", (dir / "entropic").string()});
  ASSERT_EQ(a.code, kOk) << a.err;
  const Result v = run({"validate", (dir / "entropic").string(), "--profile", "paper"});
  EXPECT_EQ(v.code, kOk) << v.out << v.err;
  EXPECT_NE(v.out.find("dS_eff_positive"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("validation passed"), std::string::npos) << v.out;
  ASSERT_EQ(run({"analyze", "--samples", write("flat.csv", 0.0), "--out", (dir / "flat").string()}).code, kOk);
  const Result f = run({"validate", (dir / "flat").string(), "--profile", "paper"});
  EXPECT_NE(f.code, kOk) << f.out;  // no entropic effect: a required check fails
  EXPECT_NE(f.out.find("validation FAILED"), std::string::npos) << f.out;
  const Result none = run({"validate", (dir / "flat").string()});
  EXPECT_NE(none.err.find("pass --profile"), std::string::npos) << none.err;
  fs::remove_all(dir);
}
