#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/cli.hpp"
#include "core/io/build_info.hpp"

namespace betarelax::cli {

CLI::App* add_version_command(CLI::App& app, std::ostream& out, int* status) {
  CLI::App* sub = app.add_subcommand("version", "print version, git revision, build type and backend");
  sub->callback([&out, status] {
    const BuildInfo info = build_info();
    out << "betarelax " << info.version << "\n"
        << "git revision: " << info.git_revision << "\n"
        << "build type: " << info.build_type << "\n"
        << "Kokkos: " << info.kokkos_version << "\n"
        << "execution space: " << info.execution_space << "\n"
        << "concurrency: " << info.concurrency << "\n"
        << "device: " << info.device << "\n";
    *status = kOk;
  });
  return sub;
}

}  // namespace betarelax::cli
