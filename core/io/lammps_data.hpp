#pragma once
/// LAMMPS data files, `atom_style atomic`, orthorhombic box: the exchange
/// format with LAMMPS (the test oracle), OVITO and every later stage.
#include <string>

#include "core/system/system.hpp"

namespace betarelax {

/// Reads header (atoms, atom types, box), Masses, Atoms (id type x y z
/// [ix iy iz]) and Velocities. Type names come from comments on the Masses
/// lines ("1 63.546 # Cu") when present. Atoms outside a periodic box are
/// remapped into it with their image flags adjusted, as LAMMPS read_data
/// does. Throws InputError naming the file, line and atom, and naming the
/// two atoms when a pair is closer than kMinPairDistance_A (closest_pair.hpp).
Configuration read_lammps_data(const std::string& path);

/// Writes the configuration (with image flags, velocities and masses named by
/// type) atomically: to a temporary file, then renamed over `path`.
void write_lammps_data(const std::string& path, const Configuration& conf, const std::string& title);

}  // namespace betarelax
