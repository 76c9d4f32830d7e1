#pragma once
/// The build and the backend this process runs on (support/provenance.hpp
/// holds the record and its JSON form; filling it needs Kokkos).
#include "support/provenance.hpp"

namespace betarelax {

/// Needs Kokkos initialised.
BuildInfo build_info();

}  // namespace betarelax
