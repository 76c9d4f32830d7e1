#pragma once
/// What built and what runs a result: recorded in every output of the suite,
/// always through `to_json` so every file spells it the same way.
#include <string>

#include <nlohmann/json.hpp>

namespace betarelax {

/// The git revision baked in at build time ("-dirty" when the tree had edits).
const char* git_revision();

struct BuildInfo {
  std::string version;          ///< betarelax version (CMake project version)
  std::string git_revision;     ///< short hash, "-dirty" suffix for an edited tree
  std::string build_type;       ///< CMAKE_BUILD_TYPE
  std::string kokkos_version;   ///< e.g. "3.4.1"
  std::string execution_space;  ///< Kokkos default execution space name, e.g. "OpenMP"
  int concurrency = 0;          ///< threads (host) or GPU thread slots
  std::string device;           ///< "cpu" or the GPU's name
};

/// The provenance block of every JSON output.
nlohmann::json to_json(const BuildInfo& info);

}  // namespace betarelax
