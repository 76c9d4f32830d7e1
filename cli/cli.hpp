#pragma once
/// The `betarelax` command line: one subcommand per stage of the data flow
/// and per engine tool. `run_cli` is the whole program less Kokkos start-up,
/// so that tests can drive it in-process.
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "experiments/common/run_control.hpp"

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
CLI::App* add_rmsd_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_art_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_plot_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_bench_command(CLI::App& app, std::ostream& out, int* status);
CLI::App* add_glass_command(CLI::App& app, std::ostream& out, int* status);

/// Runs one experiment (experiments/run_experiment.hpp) and, when it
/// finished, writes the summary of a campaign folder (validation/folder_summary.hpp)
/// on rank 0; false when the step budget ran out first.
bool run_and_summarise(const std::string& toml_path, const std::string& profile, experiments::RunControl& control);
/// The summary step alone, for a campaign run some other way (`betarelax art`):
/// returns `finished`.
bool summarise_if_finished(bool finished, const experiments::RunControl& control);
CLI::App* add_reproduce_command(CLI::App& app, std::ostream& out, std::ostream& err, int* status);

}  // namespace betarelax::cli
