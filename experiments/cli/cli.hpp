#pragma once
/// The `betarelax` command line: one subcommand per stage of the data flow
/// and per engine tool. `run_cli` is the whole program less Kokkos start-up,
/// so that tests can drive it in-process.
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace CLI {
class App;
}

namespace betarelax::cli {

/// Exit codes shared by every subcommand.
enum ExitCode : int {
  kOk = 0,
  kError = 1,           ///< bad input, failed run: the message names the file/field/atom
  kUsage = 2,           ///< malformed command line
};

/// Parses argv and runs the chosen subcommand; Kokkos must be initialised.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

/// Subcommand registration, one file each (cli/cmd_*.cpp). Each returns the
/// subcommand; the callback stores the exit code in `*status`.
CLI::App* add_version_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_energy_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_md_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_minimize_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_lattice_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_run_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_validate_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_analyze_command(CLI::App& app, std::ostream& out, int* status);
/// The analysis of a results directory into DIR/analysis/derived.json (returns its path).
std::string analyze_into(const std::string& dir, std::ostream& out);
/// git revision, build type, Kokkos version, backend, threads/GPU.
nlohmann::json provenance_block();
CLI::App* add_rmsd_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_art_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_plot_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_bench_command(CLI::App& app, std::ostream& out, int* status);

/// The glass-stage checks of a glass-preparation folder: printed, written to
/// structure_validation.json; true when all pass.
bool validate_glass(const std::string& glass_dir, std::ostream& out);
/// Every check that applies to a results directory (glass, paper numbers);
/// writes validation.json and validation.md; false iff a required check failed.
bool validate_results(const std::string& dir, const std::string& profile_override, std::ostream& out);
CLI::App* add_reproduce_command(CLI::App& app, std::ostream& out, std::ostream& err, int* status);

}  // namespace betarelax::cli
