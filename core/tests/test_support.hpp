#pragma once
// Shared helpers of the core tests: Cu50Zr50 test configurations, the
// potentials, and running LAMMPS (`lmp`) as the oracle.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/lammps_data.hpp"
#include "core/potential/eam_fs.hpp"
#include "core/potential/force_field.hpp"
#include "core/system/alloy_lattice.hpp"
#include "core/system/system.hpp"

namespace betarelax::test {

/// The potential CMake found, unless $BETARELAX_DEFAULT_POTENTIAL names
/// another place (the GPU kit carries the file to a machine without it).
inline std::string default_potential() {
  const char* env = std::getenv("BETARELAX_DEFAULT_POTENTIAL");
  return env && *env ? std::string(env) : std::string(BETARELAX_TEST_DEFAULT_POTENTIAL);
}
inline std::string paper_potential() { return BETARELAX_TEST_PAPER_POTENTIAL; }
inline bool have(const std::string& path) {
  return !path.empty() && path.find("NOTFOUND") == std::string::npos && std::filesystem::exists(path);
}
inline std::string lmp() { return BETARELAX_TEST_LMP; }

/// A host copy that owns its memory. create_mirror_view_and_copy hands back
/// the view itself on a host backend, so two of them taken of one view around
/// a change compare the view with itself: a check that cannot fail.
template <class V>
auto snapshot(const V& v) {
  auto h = Kokkos::create_mirror(Kokkos::HostSpace(), v);
  Kokkos::deep_copy(h, v);
  return h;
}

/// A dense disordered Cu50Zr50 configuration: fcc sites at the glass's number
/// density (a = 4.2 Å, 18.5 Å^3/atom), random species, random offsets.
inline Configuration cuzr_config(int cells = 5, uint64_t seed = 7, double jitter = 0.2, double a = 4.2) {
  AlloyLatticeParams p;
  p.cells = cells;
  p.a = a;
  p.seed = seed;
  p.jitter = jitter;
  return make_alloy_lattice(p);
}

inline ForceField force_field(System& sys, const std::string& potential = default_potential(), double skin = 1.0) {
  return make_force_field(make_eam_fs(read_eam_fs_file(potential), {"Cu", "Zr"}), sys, skin);
}

/// A fresh empty directory under the system temp dir.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("betarelax_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Runs `lmp` on `script` inside `dir`; fails the test if it does not exit 0.
inline void run_lammps(const std::filesystem::path& dir, const std::string& script) {
  std::ofstream((dir / "in.lmp").string()) << script;
  const std::string cmd = "cd '" + dir.string() + "' && '" + lmp() + "' -in in.lmp -log log.lammps -screen none";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "LAMMPS failed: " << cmd;
}

/// The LAMMPS input preamble that reads `data` with the eam/fs potential.
inline std::string lammps_preamble(const std::string& data, const std::string& potential) {
  return "units metal\natom_style atomic\nboundary p p p\nread_data " + data +
         "\npair_style eam/fs\npair_coeff * * " + potential +
         " Cu Zr\nneighbor 1.0 bin\nneigh_modify every 1 delay 0 check yes\n";
}

/// Rows "step v1 v2 ..." of the thermo table of a LAMMPS log.
inline std::map<long, std::vector<double>> lammps_thermo(const std::filesystem::path& log) {
  std::ifstream is(log);
  std::map<long, std::vector<double>> rows;
  bool in_table = false;
  for (std::string line; std::getline(is, line);) {
    if (line.rfind("Step", 0) == 0 || line.find(" Step ") != std::string::npos) {
      in_table = true;
      continue;
    }
    if (in_table && line.rfind("Loop time", 0) == 0) {
      in_table = false;
      continue;
    }
    if (!in_table) continue;
    std::istringstream ls(line);
    long step;
    if (!(ls >> step)) continue;
    std::vector<double> v;
    for (double x; ls >> x;) v.push_back(x);
    rows[step] = v;
  }
  return rows;
}

/// LAMMPS's Boltzmann constant in `metal` units. Our k_B is CODATA 2018; to
/// compare thermostatted trajectories, LAMMPS gets T·(k_B/k_B^LAMMPS) so that
/// both thermostats aim at the same k_B T.
constexpr double kLammpsBoltz = 8.617343e-5;

}  // namespace betarelax::test
