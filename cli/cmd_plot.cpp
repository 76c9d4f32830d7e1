// `betarelax plot DIR [--force]`: Figs. 1-5 and report.md from a results
// directory whose validation passed (--force: drawn anyway, marked NOT
// VALIDATED on every figure and in the report).
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/cli.hpp"
#include "plots/figures.hpp"

namespace betarelax::cli {

CLI::App* add_plot_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("plot", "draw Figs. 1-5 (PNG, PDF, data, gnuplot script) and report.md from validated results");
  auto dir = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  sub->add_option("dir", *dir, "results directory (after betarelax analyze and validate)")->required();
  sub->add_flag("--force", *force, "draw from results that did not pass validation, marked NOT VALIDATED");
  sub->callback([&out, status, dir, force] {
    const plots::PlotOutcome o = plots::plot_results(*dir, *force, out);
    *status = (o.validated || *force) ? kOk : kError;
  });
  return sub;
}

}  // namespace betarelax::cli
