#include "core/io/build_info.hpp"

#include <Kokkos_Core.hpp>

#ifndef BETARELAX_VERSION
#define BETARELAX_VERSION "unknown"
#endif
#ifndef BETARELAX_BUILD_TYPE
#define BETARELAX_BUILD_TYPE "unknown"
#endif

namespace betarelax {

BuildInfo build_info() {
  BuildInfo info;
  info.version = BETARELAX_VERSION;
  info.git_revision = git_revision();
  info.build_type = BETARELAX_BUILD_TYPE;
  info.kokkos_version = std::to_string(KOKKOS_VERSION / 10000) + "." +
                        std::to_string(KOKKOS_VERSION / 100 % 100) + "." +
                        std::to_string(KOKKOS_VERSION % 100);
  info.execution_space = Kokkos::DefaultExecutionSpace::name();
  info.concurrency = Kokkos::DefaultExecutionSpace::concurrency();
#ifdef KOKKOS_ENABLE_CUDA
  if constexpr (std::is_same_v<Kokkos::DefaultExecutionSpace, Kokkos::Cuda>) {
    cudaDeviceProp prop;
    if (cudaGetDeviceProperties(&prop, Kokkos::Cuda().cuda_device()) == cudaSuccess) {
      info.device = prop.name;
    }
  }
#endif
  if (info.device.empty()) info.device = "cpu";
  return info;
}

}  // namespace betarelax
