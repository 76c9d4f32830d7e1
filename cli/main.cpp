// betarelax: the one executable of the suite.
#include <Kokkos_Core.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>

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
  {
    // Kokkos takes its own --kokkos-* options (threads, device) out of argv.
    Kokkos::ScopeGuard kokkos(argc, argv);
    try {
      status = betarelax::cli::run_cli(argc, argv, std::cout, std::cerr);
    } catch (const std::exception& e) {
      std::cerr << "betarelax: error: " << e.what() << "\n";
    }
  }
  betarelax::experiments::stop_ranks();
  return status;
}
