// betarelax: the one executable of the suite.
#include <Kokkos_Core.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "experiments/common/ranks.hpp"

int main(int argc, char** argv) {
  // Threads pinned one per core unless the user says otherwise (Kokkos's
  // advice for OpenMP 4; silences its start-up warning).
  setenv("OMP_PROC_BIND", "spread", 0);
  setenv("OMP_PLACES", "threads", 0);
  // Under mpirun, MPI first (campaigns deal their samples over the ranks).
  betarelax::experiments::start_ranks(&argc, &argv);
  int status = betarelax::cli::kError;
  // Kokkos answers --help with its own 40 lines: it never sees betarelax's
  // --help/-h, and gets --kokkos-help (its block alone) instead.
  std::vector<char*> kokkos_args;
  bool kokkos_help = false;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (i > 0 && (a == "--help" || a == "-h")) continue;
    kokkos_help = kokkos_help || a == "--kokkos-help";
    kokkos_args.push_back(argv[i]);
  }
  int kokkos_argc = static_cast<int>(kokkos_args.size());
  {
    // Kokkos takes its own --kokkos-* options (threads, device) out of its argv.
    Kokkos::ScopeGuard kokkos(kokkos_argc, kokkos_args.data());
    // What betarelax parses: every argument Kokkos left, and the help flags.
    const std::set<char*> left(kokkos_args.begin(), kokkos_args.begin() + kokkos_argc);
    std::vector<char*> cli_args;
    for (int i = 0; i < argc; ++i) {
      const std::string a = argv[i];
      if (i == 0 || left.count(argv[i]) || a == "--help" || a == "-h") cli_args.push_back(argv[i]);
    }
    try {
      status = kokkos_help ? betarelax::cli::kOk
                           : betarelax::cli::run_cli(static_cast<int>(cli_args.size()), cli_args.data(), std::cout, std::cerr);
    } catch (const std::exception& e) {
      std::cerr << "betarelax: error: " << e.what() << "\n";
    }
  }
  betarelax::experiments::stop_ranks();
  return status;
}
