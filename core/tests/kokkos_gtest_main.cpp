// The main of every GoogleTest binary of the suite: Kokkos is initialised once
// per process (it cannot be re-initialised), then the tests run.
#include <Kokkos_Core.hpp>
#include <gtest/gtest.h>

#include <cstdlib>

int main(int argc, char** argv) {
  // Kokkos's advice for unit tests; it also keeps Kokkos's start-up warning
  // out of the test list that gtest_discover_tests reads.
  setenv("OMP_PROC_BIND", "false", 0);
  ::testing::InitGoogleTest(&argc, argv);
  Kokkos::ScopeGuard kokkos(argc, argv);
  return RUN_ALL_TESTS();
}
