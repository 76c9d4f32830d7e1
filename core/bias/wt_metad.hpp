#pragma once
/// Well-tempered metadynamics (Barducci, Bussi & Parrinello, PRL 100, 020603
/// (2008)) on one scalar collective variable per channel (a replica, or one
/// site of a replica when a replica carries several), as Colvars does it
/// in LAMMPS (the paper's setup, §II): every `pace` steps a Gaussian hill
///   w exp(−(s − s_t)² / 2σ²),  w = w0 exp(−V(s_t) / k_B ΔT)
/// is added to the replica's bias, stored on a grid with its derivative and
/// interpolated by cubic Hermite splines (smooth forces). Channels never
/// share a bias. An optional harmonic upper wall keeps s on the grid. The
/// free energy follows as F(s) = −((T + ΔT)/ΔT) V(s).
///
/// Colvars's hill width: σ = width × hillWidth / 2 (colvarbias_meta.cpp),
/// with hillWidth = √(2π)/2 by default in the Colvars of 2020 LAMMPS; the
/// paper's "CV width of 0.35 Å" is the colvar `width`, so σ = 0.2193 Å.
#include <vector>

#include "core/system/types.hpp"

namespace betarelax {

struct WtMetadParams {
  double sigma = 0.35 * 1.2533141373155001 / 2;  ///< Gaussian σ (Å): Colvars width × hillWidth / 2
  double height0 = 0.01;           ///< w0 (eV)
  double bias_temperature = 2700;  ///< ΔT (K)
  long pace = 1000;                ///< steps between hills
  double grid_max = 4.0;           ///< the grid spans [0, grid_max] (Å)
  double grid_spacing = 0.005;     ///< Å
  double wall_position = 0;        ///< harmonic upper wall (Å); 0: none
  double wall_constant = 10.0;     ///< eV/Å²
};

using BiasGrid = Kokkos::View<double**, Kokkos::LayoutRight, MemSpace>;

struct WtMetad {
  WtMetadParams params;
  int n_points = 0;
  /// (R, n_points): V and dV/ds on the grid, each replica's grid contiguous
  /// on every backend (a hill is added by consecutive threads along one grid).
  BiasGrid bias, slope;
  RealView energy, dv_ds;                        ///< (R): at the last evaluated s (bias + wall)
  RealView height, center;                       ///< (R): the last hill
  RealView height0;                              ///< (R): w0 of each replica's sample (params.height0 unless set at clear)
  long hills = 0;
};

/// Checks the parameters (throws std::invalid_argument naming the bad one).
WtMetad make_wt_metad(int n_replicas, const WtMetadParams& params);

/// V(s) and dV/ds (hills + wall) at each replica's s, into energy and dv_ds.
void wt_metad_evaluate(WtMetad& m, const RealView& s);

/// Adds one hill per replica at its s, height w0 exp(−V(s)/k_B ΔT).
void wt_metad_deposit(WtMetad& m, const RealView& s);

/// Replica r starts a new sample: its bias, last hill and energy are
/// cleared, and its hills start at `height0` (eV; <= 0: params.height0). A
/// per-sample w0 lets one batch carry the deposition-rate control of a
/// campaign (same T, a fraction of the height) beside its main samples.
void wt_metad_clear(WtMetad& m, int r, double height0 = 0);

/// Channel r stops depositing and keeps its bias (a site whose sample has
/// finished while other sites of its replica run on): w0 = 0, so every
/// later hill adds exactly zero and the grid keeps its bits.
void wt_metad_freeze(WtMetad& m, int r);

/// The bias of replica r on the grid (host), and the grid's s values.
std::vector<double> wt_metad_bias(const WtMetad& m, int r);
std::vector<double> wt_metad_grid(const WtMetad& m);

}  // namespace betarelax
