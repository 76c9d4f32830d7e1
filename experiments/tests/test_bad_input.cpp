// The bad-input suite (issue #11): every kind of broken input a user can hand
// the real binary, each asserting the exact failure — a non-zero exit, a
// message naming the file and the line, field or atom at fault — and that
// nothing was written a later stage could take for a result.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "experiments/tests/test_process.hpp"

namespace fs = std::filesystem;
using betarelax::test::Ran;
using betarelax::test::run_binary;
using betarelax::test::text_of;

namespace {

const std::string kBin = BETARELAX_BIN_PATH;
const std::string kPotential = BETARELAX_TEST_DEFAULT_POTENTIAL;  // found by CMake (LAMMPS's CuZr_mm.eam.fs)
const std::string kGlass = BETARELAX_TEST_GLASS;       // the tiny glass (ctest fixture)
const std::string kCampaign = BETARELAX_CAMPAIGN_TOML;  // experiments/tests/campaign_tiny.toml

fs::path work_dir() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("betarelax_bad_input_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

/// `text` with its line `line` (1-based) passed through `edit`.
std::string edit_line(const std::string& text, int line, const std::function<std::string(std::string)>& edit) {
  std::istringstream is(text);
  std::string out, l;
  for (int n = 1; std::getline(is, l); ++n) out += (n == line ? edit(l) : l) + "\n";
  return out;
}

/// The first line of `text` that starts with `prefix` (1-based), 0 if none.
int line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream is(text);
  std::string l;
  for (int n = 1; std::getline(is, l); ++n)
    if (l.rfind(prefix, 0) == 0) return n;
  return 0;
}

/// The line (1-based) of atom `id` in the Atoms section.
int atom_line(const std::string& text, int id) {
  std::istringstream is(text);
  std::string l;
  bool atoms = false;
  for (int n = 1; std::getline(is, l); ++n) {
    if (l.rfind("Atoms", 0) == 0) atoms = true;
    std::istringstream words(l);
    int first = 0;
    if (atoms && (words >> first) && first == id) return n;
  }
  return 0;
}

/// A 500-atom Cu50Zr50 lattice written by the binary itself.
const std::string& good_data() {
  static const std::string path = [] {
    const std::string p = (work_dir() / "good.data").string();
    const Ran r = run_binary({kBin, "lattice", "--cells", "5", "--a", "4.2", "--seed", "2", "--out", p});
    EXPECT_EQ(r.code, 0) << r.err;
    return p;
  }();
  return path;
}

/// A copy of `source` with line `line` edited, under `name`.
std::string spoiled(const std::string& source, const std::string& name, int line,
                    const std::function<std::string(std::string)>& edit) {
  const fs::path p = work_dir() / name;
  write(p, edit_line(text_of(source), line, edit));
  return p.string();
}

struct Case {
  std::string name;
  std::function<std::vector<std::string>()> args;  ///< after the binary; makes its files first
  int code;                                         ///< expected exit status
  std::vector<std::string> message;                 ///< regular expressions the error must match, in order
};

std::vector<Case> cases() {
  const auto data = [] { return good_data(); };
  const auto run_out = [](const std::string& n) { return (work_dir() / ("out_" + n)).string(); };
  // The tiny campaign's TOML with one line changed.
  const auto campaign = [](const std::string& name, const std::string& key, const std::string& replacement) {
    const std::string text = text_of(kCampaign);
    const int line = line_starting(text, key);
    EXPECT_GT(line, 0) << key << " not in " << kCampaign;
    return spoiled(kCampaign, name, line, [&](const std::string&) { return replacement; });
  };
  const auto samples = [](const std::string& name, const std::string& text) {
    write(work_dir() / name, text);
    return (work_dir() / name).string();
  };
  return {
      // --- the potential file ---
      {"potential_truncated",
       [=] {
         const fs::path p = work_dir() / "truncated.eam.fs";
         const std::string text = text_of(kPotential);
         write(p, text.substr(0, text.size() / 3));
         return std::vector<std::string>{"energy", "--data", data(), "--potential", p.string()};
       },
       1, {"truncated\\.eam\\.fs", "line [0-9]+|:[0-9]+"}},
      {"potential_not_a_number",
       [=] {
         return std::vector<std::string>{"energy", "--data", data(), "--potential",
                                         spoiled(kPotential, "nan.eam.fs", 20, [](std::string) { return "0.1 abc 0.3"; })};
       },
       1, {"nan\\.eam\\.fs", "20", "abc"}},
      {"potential_missing_element",
       [=] { return std::vector<std::string>{"energy", "--data", data(), "--elements", "Cu,Ni"}; },
       1, {"CuZr_mm\\.eam\\.fs", "'Ni'", "type 2"}},
      // --- the LAMMPS data file ---
      {"data_missing_file", [] { return std::vector<std::string>{"energy", "--data", "/nonexistent/glass.data"}; },
       1, {"/nonexistent/glass\\.data"}},
      {"data_wrong_atom_count",
       [=] {
         return std::vector<std::string>{"energy", "--data",
                                         spoiled(data(), "count.data", 3, [](std::string) { return "501 atoms"; })};
       },
       1, {"count\\.data:[0-9]+", "500 of 501"}},
      {"data_unknown_type",
       [=] {
         const int line = atom_line(text_of(data()), 7);
         return std::vector<std::string>{"energy", "--data", spoiled(data(), "type.data", line, [](std::string l) {
                                           return "7 3" + l.substr(l.find(' ', 2));
                                         })};
       },
       1, {"type\\.data:[0-9]+", "atom 7", "type 3"}},
      {"data_coordinate_not_a_number",
       [=] {
         const int line = atom_line(text_of(data()), 5);
         return std::vector<std::string>{"energy", "--data", spoiled(data(), "coord.data", line, [](std::string) {
                                           return "5 2 1.0e 2.0 3.0";
                                         })};
       },
       1, {"coord\\.data:[0-9]+", "coordinate x of atom 5", "1\\.0e"}},
      {"data_overlapping_atoms",
       [=] {
         // Atom 2 put 0.3 Å from atom 1: a doubled atom.
         const std::string text = text_of(data());
         std::istringstream all(text);
         std::string atom1;
         for (int n = 0; n < atom_line(text, 1); ++n) std::getline(all, atom1);
         std::istringstream is(atom1);
         int id, type;
         double x, y, z;
         is >> id >> type >> x >> y >> z;
         const int line = atom_line(text, 2);
         return std::vector<std::string>{"energy", "--data", spoiled(data(), "overlap.data", line, [&](std::string) {
                                           return "2 1 " + std::to_string(x + 0.3) + " " + std::to_string(y) + " " +
                                                  std::to_string(z);
                                         })};
       },
       1, {"overlap\\.data", "atoms 1 and 2 are 0\\.3", "closer than"}},
      {"data_box_smaller_than_twice_cutoff_plus_skin",
       [=] {
         const std::string p = (work_dir() / "small.data").string();
         run_binary({kBin, "lattice", "--cells", "4", "--a", "4.2", "--out", p});
         return std::vector<std::string>{"energy", "--data", p};
       },
       1, {"box", "16\\.8", "not larger than 2 \\(cutoff \\+ skin\\)"}},
      // --- the experiment TOML ---
      {"toml_unknown_key",
       [=] {
         return std::vector<std::string>{"run", campaign("unknown_key.toml", "experiment", "experiment = \"metad_campaign\"\nfrobnicate = 3"),
                                         "--profile", "tiny", "--glass", kGlass, "--out", run_out("unknown_key")};
       },
       1, {"unknown_key\\.toml", "unknown keys", "frobnicate"}},
      {"toml_syntax_error",
       [=] {
         return std::vector<std::string>{"run", campaign("syntax.toml", "experiment", "experiment = "), "--profile",
                                         "tiny", "--glass", kGlass, "--out", run_out("syntax")};
       },
       1, {"syntax\\.toml:[0-9]+"}},
      {"toml_unknown_profile",
       [=] {
         return std::vector<std::string>{"run", kCampaign, "--profile", "huge", "--glass", kGlass, "--out",
                                         run_out("profile")};
       },
       1, {"campaign_tiny\\.toml", "huge", "tiny"}},
      {"toml_wrong_type",
       [=] {
         return std::vector<std::string>{"run", campaign("wrong_type.toml", "dt_ps", "dt_ps = \"fast\""), "--profile",
                                         "tiny", "--glass", kGlass, "--out", run_out("wrong_type")};
       },
       1, {"wrong_type\\.toml", "dt_ps", "expected a number"}},
      {"toml_negative_time_step",
       [=] {
         return std::vector<std::string>{"run", campaign("negative_dt.toml", "dt_ps", "dt_ps = -0.002"), "--profile",
                                         "tiny", "--glass", kGlass, "--out", run_out("negative_dt")};
       },
       1, {"negative_dt\\.toml", "dt_ps", "must be positive"}},
      {"toml_negative_temperature",
       [=] {
         return std::vector<std::string>{"run", campaign("negative_t.toml", "temperatures_K", "temperatures_K = [-300.0]"),
                                         "--profile", "tiny", "--glass", kGlass, "--out", run_out("negative_t")};
       },
       1, {"negative_t\\.toml", "temperatures_K", "positive"}},
      // A glass relaxed with one potential, sampled with another (here the same
      // tables with another first comment line: another file, another sha256).
      {"campaign_glass_of_another_potential",
       [=] {
         const std::string other = spoiled(kPotential, "other_potential.eam.fs", 1, [](std::string) { return "another file"; });
         return std::vector<std::string>{"run", campaign("other_potential.toml", "potential", "potential = \"" + other + "\""),
                                         "--profile", "tiny", "--glass", kGlass, "--out", run_out("other_potential")};
       },
       1, {"glass_preparation\\.json", "CuZr_mm\\.eam\\.fs", "other_potential\\.eam\\.fs"}},
      {"campaign_glass_missing",
       [=] {
         return std::vector<std::string>{"run", kCampaign, "--profile", "tiny", "--glass", "/nonexistent/glass_dir",
                                         "--out", run_out("no_glass")};
       },
       1, {"/nonexistent/glass_dir"}},
      // --- a samples file given to the analysis ---
      {"samples_missing_column",
       [=] {
         return std::vector<std::string>{"analyze", "--samples", samples("no_column.csv", "T_K,barrier\n300,0.5\n300,0.6\n"),
                                         "--out", run_out("no_column")};
       },
       1, {"no_column\\.csv", "dF_eV"}},
      {"samples_not_a_number",
       [=] {
         return std::vector<std::string>{"analyze", "--samples",
                                         samples("word.csv", "T_K,dF_eV\n300,0.5\n300,abc\n400,0.4\n400,0.5\n"), "--out",
                                         run_out("word")};
       },
       1, {"word\\.csv", "line 3", "dF_eV", "abc"}},
      {"samples_nan",
       [=] {
         return std::vector<std::string>{"analyze", "--samples",
                                         samples("nan.csv", "T_K,dF_eV\n300,0.5\n300,0.6\n400,0.4\n400,nan\n"), "--out",
                                         run_out("nan")};
       },
       1, {"nan\\.csv", "line 5", "dF_eV", "not a finite number"}},
      {"samples_temperature_with_one_sample",
       [=] {
         return std::vector<std::string>{"analyze", "--samples",
                                         samples("single.csv", "T_K,dF_eV\n300,0.5\n300,0.6\n400,0.4\n"), "--out",
                                         run_out("single")};
       },
       1, {"single\\.csv", "T_K = 400", "single sample"}},
      // --- a results directory missing a stage ---
      {"results_without_campaigns_to_analyze",
       [=] {
         fs::create_directories(work_dir() / "empty_results");
         return std::vector<std::string>{"analyze", (work_dir() / "empty_results").string()};
       },
       1, {"empty_results", "no campaign results"}},
      {"results_without_anything_to_validate",
       [=] {
         fs::create_directories(work_dir() / "empty_results");
         return std::vector<std::string>{"validate", (work_dir() / "empty_results").string()};
       },
       1, {"empty_results", "nothing to validate"}},
      {"results_without_analysis_to_plot",
       [=] {
         fs::create_directories(work_dir() / "empty_results");
         return std::vector<std::string>{"plot", (work_dir() / "empty_results").string()};
       },
       1, {"empty_results", "no analysis/derived\\.json"}},
  };
}

/// What a failed command may leave: nothing under its --out (or an empty
/// folder), and no result file in a results directory it was pointed at.
void expect_nothing_written(const std::vector<std::string>& args) {
  for (size_t a = 0; a + 1 < args.size(); ++a) {
    if (args[a] != "--out") continue;
    const fs::path out = args[a + 1];
    if (!fs::exists(out)) continue;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
      ADD_FAILURE() << "a failed run left " << e.path();
    }
  }
  for (const char* result : {"analysis/derived.json", "validation.json", "figures", "report.md"}) {
    EXPECT_FALSE(fs::exists(work_dir() / "empty_results" / result)) << result;
  }
}

/// ctest and gtest name a case by its name.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class BadInput : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(BadInput, FailsNamingTheCulpritAndWritesNothing) {
  if (kGlass.empty() || !fs::exists(fs::path(kGlass) / "glass_300K.data")) {
    GTEST_SKIP() << "needs the tiny glass ctest fixture (run through ctest)";
  }
  const Case& c = GetParam();
  std::vector<std::string> args = c.args();
  args.insert(args.begin(), kBin);
  const Ran r = run_binary(args);
  EXPECT_EQ(r.code, c.code) << "stdout:\n" << r.out << "stderr:\n" << r.err;
  // One line, "betarelax: error: ..." (or the CLI's usage line), naming the culprit.
  EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
  size_t from = 0;
  for (const std::string& pattern : c.message) {
    std::smatch m;
    const std::string rest = r.err.substr(from);
    ASSERT_TRUE(std::regex_search(rest, m, std::regex(pattern))) << "'" << pattern << "' not in: " << r.err;
    from += m.position(0) + m.length(0);
  }
  expect_nothing_written(args);
}

INSTANTIATE_TEST_SUITE_P(Suite, BadInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });
