#pragma once
/// Finnis–Sinclair EAM (LAMMPS `pair_style eam/fs`) on the device:
///   E = Σ_i F_i(ρ_i) + ½ Σ_i Σ_{j≠i} φ_ij(r_ij),   ρ_i = Σ_{j≠i} ρ_{J→I}(r_ij).
/// Tables are turned into the same per-knot cubic coefficients as LAMMPS's
/// pair_eam (interpolate(): 4th-order finite-difference slopes, Hermite
/// cubics) and evaluated with the same arithmetic, so energies and forces
/// agree with `lmp` to round-off. Each pair is evaluated once, by the atom
/// that owns it (neighbor_list.hpp), which sums its own share and leaves the
/// partner's in a pair slot; atoms then add the shares left for them in
/// full-list order, so no atomics are needed and the result does not depend
/// on the thread count.
#include <string>
#include <vector>

#include "core/neighbor/neighbor_list.hpp"
#include "core/potential/eam_fs_file.hpp"
#include "core/system/replica_sum.hpp"
#include "core/system/system.hpp"

namespace betarelax {

/// Spline coefficients per knot, LAMMPS layout: [0..2] derivative (per Å or
/// per density unit), [3..6] value, knots 1..n (index 0 unused). The tables
/// are row-major on every backend: a thread reads one knot's coefficients
/// together (one cache line on a CPU, one or two 32-byte sectors on a GPU),
/// where the default LayoutLeft of a GPU would spread them over the table.
using SplineTable = Kokkos::View<double** [7], Kokkos::LayoutRight, MemSpace>;

struct EamFs {
  EamFsFile file;  ///< the file as read (host; provenance and masses)
  int n_types = 0;
  std::vector<int> type_to_element;  ///< data-file type (0-based) -> element index of the file

  int nrho = 0, nr = 0;
  double rdrho = 0, rdr = 0, rhomax = 0, cutoff = 0, cutforcesq = 0;
  SplineTable frho;  ///< F(ρ) per element (the density and pair tables live in rho_pair, force_pair)
  /// Per type pair, what each kernel reads at one knot, packed so that a pair
  /// costs one or two cache lines instead of three table rows (copies of the
  /// coefficients above: the arithmetic stays LAMMPS's):
  /// rho_pair(I*nt + J, m, ·): [0..3] value coefficients of the density at I
  /// due to J, [4..7] at J due to I (one 64-byte line per pair);
  /// force_pair(I*nt + J, m, ·): [0..2] ρ' at J due to I, [3..5] ρ' at I due to J,
  /// [6..12] all seven r·φ coefficients, [13..15] padding to 128 bytes.
  Kokkos::View<double** [8], Kokkos::LayoutRight, MemSpace> rho_pair;
  Kokkos::View<double** [16], Kokkos::LayoutRight, MemSpace> force_pair;
  Kokkos::View<int*, MemSpace> type2frho;  ///< (n_types): element of each type
};

/// Maps data-file types to the file's elements by name (like LAMMPS
/// `pair_coeff * * file.eam.fs Cu Zr`); throws InputError naming the missing
/// element.
EamFs make_eam_fs(const EamFsFile& file, const std::vector<std::string>& type_elements);

/// What a force call computes besides the forces.
enum class Tally {
  forces,    ///< forces only (most MD steps)
  totals,    ///< and per-replica PE and virial, each pair's φ and virial summed
             ///< whole by the atom that owns it (NPT steps, thermo, minimisers)
  per_atom,  ///< and LAMMPS's per-atom split (`compute pe/atom`: half of a pair's
             ///< φ and virial to each atom), with the same totals
};

/// Work arrays of a force computation and its per-replica results.
struct EamWork {
  RealView pair_rho;                               ///< per pair slot: density at the partner due to the owner
  RealView pair_r;                                 ///< per pair slot: distance (Å), 0 beyond the cutoff
  Kokkos::View<double* [3], MemSpace> pair_force;  ///< per pair slot: the pair's force on the partner (eV/Å)
  RealView pair_phi;                               ///< per pair slot: φ(r) (eV), when energy is asked
  Kokkos::View<double* [6], MemSpace> pair_virial;  ///< per pair slot: half the pair virial (eV), when asked
  RealView rho;                                   ///< host electron density per atom
  RealView fp;                                    ///< F'(ρ) per atom
  RealView pe_atom;                               ///< per-atom energy (eV) after Tally::per_atom
  Kokkos::View<double* [6], MemSpace> virial_atom;  ///< per-atom virial (eV) after Tally::per_atom: xx yy zz xy xz yz
  ReplicaSum<7> totals;                           ///< per replica: PE, virial xx yy zz xy xz yz
};

EamWork make_eam_work(const System& sys);

/// Forces into sys.f; unless `tally` is forces, also the per-replica PE and
/// virial in work.totals.result() (stays on the device).
void compute_eam_fs(const EamFs& pot, System& sys, const NeighborList& list, EamWork& work, Tally tally);

}  // namespace betarelax
