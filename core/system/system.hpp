#pragma once
/// The state of an ensemble of R replicas of the same N-atom system, as plain
/// Views. Per-atom arrays are flattened over replicas: atom i of replica r is
/// row r*N + i. Replicas share atom ids, types and masses, never positions,
/// velocities, boxes or thermostat state. R = 1 is the plain case.
#include <string>
#include <vector>

#include "core/system/types.hpp"

namespace betarelax {

struct System {
  int n_atoms = 0;     ///< N, atoms per replica
  int n_replicas = 0;  ///< R
  int n_types = 0;

  Vec3View x;                                     ///< positions (Å), R*N rows
  Vec3View v;                                     ///< velocities (Å/ps), R*N rows
  Vec3View f;                                     ///< forces (eV/Å), R*N rows
  Kokkos::View<int* [3], MemSpace> image;        ///< periodic image flags, R*N rows
  IntView type;                                   ///< 0-based atom type, N rows (shared)
  IntView id;                                     ///< atom id as in the data file, N rows (shared)
  RealView mass;                                  ///< mass per type (amu), n_types
  Kokkos::View<double* [3], MemSpace> box_lo;    ///< per replica lower box corner (Å)
  Kokkos::View<double* [3], MemSpace> box_len;   ///< per replica orthorhombic edge lengths (Å)

  std::vector<std::string> type_names;  ///< element name per type (host), e.g. {"Cu", "Zr"}

  /// Per replica, 1 while it is held still: a batch slot with no work left
  /// (the last samples of a campaign still running in the others). Its
  /// velocities and forces stay zero; the CPU force passes and the thermostat
  /// skip it, so the running replicas get the whole machine.
  IntView frozen;
  int n_frozen = 0;  ///< how many entries of `frozen` are 1 (kept on the host)
};

/// Host-side description of one configuration (what a data file holds).
struct Configuration {
  std::vector<int> id;
  std::vector<int> type;              ///< 0-based
  std::vector<double> x, v;           ///< 3*N each (v may be empty: zero)
  std::vector<int> image;             ///< 3*N (may be empty: zero)
  std::vector<double> mass;           ///< per type (amu), may be empty (taken from the potential)
  std::vector<std::string> type_names;  ///< per type, may be empty
  double lo[3] = {0, 0, 0};
  double len[3] = {0, 0, 0};
  int n_types = 0;
  int n_atoms() const { return static_cast<int>(id.size()); }
};

/// R copies of one configuration on the device.
System make_system(const Configuration& conf, int n_replicas);

/// Replica r of a system copied back to the host (positions, velocities, box).
Configuration extract_replica(const System& sys, int r);

/// Overwrites replica r with a host configuration of the same atoms (and
/// thaws it if it was frozen).
void set_replica(System& sys, int r, const Configuration& conf);

/// Holds replica r still until set_replica gives it new work: velocities and
/// forces to zero. The other replicas' trajectories do not change by a bit.
/// NVT and NVE only (a barostat would still move its box).
void freeze_replica(System& sys, int r);

/// Scales each replica's box isotropically about its centre to the given
/// volume (Å^3; one per replica), positions affinely with it, as LAMMPS
/// `change_box all ... remap`. Velocities are left alone. The neighbour list
/// must be rebuilt afterwards.
void set_box_volumes(System& sys, const std::vector<double>& volumes);

/// Total mass of one replica (amu).
double replica_mass(const System& sys);

}  // namespace betarelax
