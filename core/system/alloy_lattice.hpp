#pragma once
/// Starting configurations for binary alloys: a cubic lattice (fcc or bcc)
/// of n×n×n cells, sites given species at random in exact proportion, each
/// atom displaced by a random offset. The melt of glass preparation starts
/// here, and tests and benchmarks use it as a dense, disordered-enough
/// Cu–Zr configuration.
#include <cstdint>
#include <string>

#include "core/system/system.hpp"

namespace betarelax {

struct AlloyLatticeParams {
  std::string lattice = "fcc";  ///< "fcc" (4 sites/cell) or "bcc" (2 sites/cell)
  int cells = 5;                ///< cells per edge
  double a = 4.2;               ///< lattice constant (Å)
  double fraction_type0 = 0.5;  ///< share of sites of type 0 (e.g. Cu in Cu50Zr50)
  double jitter = 0.1;          ///< max displacement per component (Å)
  uint64_t seed = 1;
  std::vector<std::string> type_names = {"Cu", "Zr"};
};

/// Throws std::invalid_argument on an unknown lattice or bad numbers.
Configuration make_alloy_lattice(const AlloyLatticeParams& p);

}  // namespace betarelax
