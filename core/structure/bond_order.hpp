#pragma once
/// Steinhardt bond-orientational order (Steinhardt, Nelson & Ronchetti,
/// PRB 28, 784 (1983)): the measure of crystalline order used to call a glass
/// amorphous. Bonds join atoms closer than a cutoff (the RDF's first minimum).
///   q_lm(i) = (1/N_b(i)) Σ_j Y_lm(r̂_ij),  q_l(i) = √(4π/(2l+1) Σ_m |q_lm(i)|²),
///   Q_lm = Σ_i Σ_j Y_lm(r̂_ij) / Σ_i N_b(i),  Q_l likewise.
/// Perfect crystals have large Q_6 (fcc 0.575, bcc/B2 with 14 neighbours
/// 0.511, hcp 0.485); in a glass the bond orientations cancel and Q_6 falls
/// as 1/√(bonds). Host code: computed once per saved glass.
#include "core/system/system.hpp"

namespace betarelax {

struct BondOrder {
  int l = 6;
  double global = 0;      ///< Q_l over all bonds
  double mean_local = 0;  ///< ⟨q_l(i)⟩ over atoms with at least one bond
  double mean_bonds = 0;  ///< bonds per atom
};

/// Minimum-image bonds within `cutoff` (Å) of one configuration.
BondOrder steinhardt(const Configuration& conf, int l, double cutoff);

}  // namespace betarelax
