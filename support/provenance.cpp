#include "support/provenance.hpp"

namespace betarelax {

nlohmann::json to_json(const BuildInfo& info) {
  return {{"version", info.version},
          {"git_revision", info.git_revision},
          {"build_type", info.build_type},
          {"kokkos_version", info.kokkos_version},
          {"execution_space", info.execution_space},
          {"concurrency", info.concurrency},
          {"device", info.device}};
}

}  // namespace betarelax
