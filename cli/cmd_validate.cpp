// `betarelax validate DIR`: every check of reference-data/ that applies to
// what the results directory holds — the glass (glass_structure.toml) and the
// paper's numbers and claims (paper.toml, on DIR/analysis/derived.json, made
// first when missing) — into DIR/validation.json and DIR/validation.md. Exit
// code non-zero iff a required check fails.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/cli.hpp"
#include "core/io/build_info.hpp"
#include "validation/results_validation.hpp"

namespace betarelax::cli {

CLI::App* add_validate_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("validate", "check a results directory against reference-data/");
  auto dir = std::make_shared<std::string>();
  auto profile = std::make_shared<std::string>();
  sub->add_option("dir", *dir, "results directory (e.g. results/smoke)")->required();
  sub->add_option("--profile", *profile, "the profile whose acceptance applies (default: the one the results record)");
  sub->callback([&out, status, dir, profile] { *status = validation::validate_results(*dir, *profile, to_json(build_info()), out) ? kOk : kError; });
  return sub;
}

}  // namespace betarelax::cli
