// `betarelax validate DIR`: every check of reference-data/ that applies to
// what the results directory holds — the glass (glass_structure.toml) and the
// paper's numbers and claims (paper.toml, on DIR/analysis/derived.json, made
// first when missing) — into DIR/validation.json and DIR/validation.md. Exit
// code non-zero iff a required check fails. With --against OTHER (another
// realisation of the protocol) both are validated and compared
// (validation/realisations.hpp); non-zero also when they disagree.
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
  auto against = std::make_shared<std::string>();
  sub->add_option("--profile", *profile, "the profile whose acceptance applies (default: the one the results record)");
  sub->add_option("--against", *against,
                  "another realisation of the same protocol (another glass): validate both and check that they agree "
                  "(DIR/realisations_agree.json; exit code non-zero when they do not)");
  sub->callback([&out, status, dir, profile, against] {
    const auto provenance = to_json(build_info());
    const bool ok = against->empty() ? validation::validate_results(*dir, *profile, provenance, out)
                                     : validation::validate_against(*dir, *against, *profile, provenance, out);
    *status = ok ? kOk : kError;
  });
  return sub;
}

}  // namespace betarelax::cli
