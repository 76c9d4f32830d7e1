#pragma once
/// MPI ranks for campaigns split across processes or nodes (issue #10): each
/// rank runs the samples whose id ≡ rank (mod size) on its own thread pool
/// or device, and appends its rows to the one samples.csv (each row is one
/// O_APPEND write: rows of different ranks never interleave, and a kill
/// loses no finished row). mpi.h stays in ranks.cpp (host-only in CUDA
/// builds). Without mpirun (no launcher environment) MPI is never started
/// and there is one rank.
namespace betarelax::experiments {

struct Ranks {
  int rank = 0;
  int size = 1;
};

/// Starts MPI when this process was launched by mpirun/srun (OMPI_, PMI_ or
/// PMIX_ environment); call once, first thing in main.
void start_ranks(int* argc, char*** argv);
/// Finalises MPI if start_ranks started it.
void stop_ranks();
/// This process's rank and the number of ranks (0 and 1 without MPI).
Ranks ranks();
/// Waits for every rank (no-op with one rank).
void rank_barrier();

}  // namespace betarelax::experiments
