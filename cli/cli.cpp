#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "support/provenance.hpp"

namespace betarelax::cli {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "betarelax: re-runs every computational experiment of Yang et al., Phys. Rev. B 102, "
      "174103 (2020), checks the results against the paper's numbers, then draws its figures.",
      "betarelax"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "print version, git revision, build type and backend");

  int status = kOk;
  add_version_command(app, out, &status);
  add_reproduce_command(app, out, err, &status);
  add_energy_command(app, out, &status);
  add_md_command(app, out, &status);
  add_minimize_command(app, out, &status);
  add_lattice_command(app, out, &status);
  add_run_command(app, out, &status);
  add_validate_command(app, out, &status);
  add_analyze_command(app, out, &status);
  add_rmsd_command(app, out, &status);
  add_art_command(app, out, &status);
  add_plot_command(app, out, &status);
  add_bench_command(app, out, &status);
  add_glass_command(app, out, &status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return kOk;
  } catch (const CLI::CallForAllHelp& e) {
    out << app.help("", CLI::AppFormatMode::All);
    return kOk;
  } catch (const CLI::ParseError& e) {
    err << "betarelax: " << e.what() << "\n"
        << "Run 'betarelax --help' for the list of subcommands.\n";
    return kUsage;
  } catch (const std::exception& e) {
    // Bad input (InputError names the file and line/atom) or a failed run.
    err << "betarelax: error: " << e.what() << "\n";
    return kError;
  }
  if (show_version) {
    const char* args[] = {"betarelax", "version"};
    return run_cli(2, args, out, err);
  }
  if (app.get_subcommands().empty()) {
    out << app.help();
    return kUsage;
  }
  return status;
}

}  // namespace betarelax::cli
