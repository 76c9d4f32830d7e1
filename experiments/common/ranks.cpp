#include "experiments/common/ranks.hpp"

#include <cstdlib>
#include <initializer_list>

#ifdef BETARELAX_HAVE_MPI
#include <mpi.h>
#endif

namespace betarelax::experiments {
namespace {
[[maybe_unused]] bool started = false;

bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_NTASKS"})
    if (std::getenv(v)) return true;
  return false;
}
}  // namespace

void start_ranks(int* argc, char*** argv) {
#ifdef BETARELAX_HAVE_MPI
  if (!launched_by_mpirun()) return;
  MPI_Init(argc, argv);
  started = true;
#else
  (void)argc;
  (void)argv;
  (void)launched_by_mpirun;
#endif
}

void stop_ranks() {
#ifdef BETARELAX_HAVE_MPI
  if (started) MPI_Finalize();
  started = false;
#endif
}

Ranks ranks() {
  Ranks r;
#ifdef BETARELAX_HAVE_MPI
  if (started) {
    MPI_Comm_rank(MPI_COMM_WORLD, &r.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &r.size);
  }
#endif
  return r;
}

void rank_barrier() {
#ifdef BETARELAX_HAVE_MPI
  if (started) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

}  // namespace betarelax::experiments
