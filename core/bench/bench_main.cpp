// One BenchmarkMain for the suite: Kokkos is initialised, then Google
// Benchmark runs. Each benchmark reports atom-steps/s as a rate counter and
// fences the execution space inside its loop.
#include <Kokkos_Core.hpp>
#include <benchmark/benchmark.h>

int main(int argc, char** argv) {
  Kokkos::ScopeGuard kokkos(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
