#pragma once
/// Reader for LAMMPS `eam/fs` (Finnis–Sinclair) and `eam/alloy` (setfl)
/// potential files, exactly as `pair_style eam/fs` and `eam/alloy` read them:
/// three comment lines; the element line; Nrho drho Nr dr cutoff; per element
/// a line (Z, mass, a0, lattice), Nrho values of F(ρ), then Nelements × Nr
/// values of ρ_{αβ}(r) (eam/fs) or Nr values of one ρ_α(r) (eam/alloy: the
/// density an atom gives its neighbours whatever their element); finally
/// r·φ(r) for every element pair i ≥ j. Numbers may wrap across lines. A setfl
/// file is held in the eam/fs form, ρ_{αβ} = ρ_α for every β, which is how
/// LAMMPS's eam/alloy maps it onto the same kernels.
#include <string>
#include <vector>

namespace betarelax {

struct EamFsFile {
  std::string path;
  std::string pair_style = "eam/fs";  ///< the LAMMPS pair style the file was read as: eam/fs or eam/alloy
  std::string sha256;                 ///< of the file's bytes (provenance)
  std::vector<std::string> comments;  ///< the three header lines
  std::vector<std::string> elements;
  std::vector<int> atomic_number;
  std::vector<double> mass;  ///< amu
  int nrho = 0;
  double drho = 0.0;
  int nr = 0;
  double dr = 0.0;
  double cutoff = 0.0;  ///< Å
  /// F_α(ρ) at ρ = k·drho, k = 0..nrho-1; one per element.
  std::vector<std::vector<double>> frho;
  /// ρ_{αβ}(r) at r = k·dr: rhor[α·nel + β] is the β-th density function
  /// listed in element α's block.
  std::vector<std::vector<double>> rhor;
  /// r·φ_{ij}(r) (eV·Å) for i ≥ j, stored at index i(i+1)/2 + j.
  std::vector<std::vector<double>> z2r;
};

/// The suite's default potential: $BETARELAX_DEFAULT_POTENTIAL when set (a
/// machine without Debian's lammps-data, such as a lent GPU machine), else the
/// 2007 Mendelev–Sordelet–Kramer Cu–Zr file that Debian's lammps-data installs.
std::string default_potential_path();

/// The pair style LAMMPS users name a file by: eam/alloy for *.eam.alloy and
/// *.setfl, else eam/fs.
std::string pair_style_of(const std::string& path);

/// Reads `path` as `pair_style` (eam/fs or eam/alloy; empty: from the file
/// name). Throws InputError naming the file and line for any malformed
/// content, and the count of numbers the format needs when the file holds
/// another.
EamFsFile read_eam_file(const std::string& path, const std::string& pair_style = "");

/// read_eam_file with the pair style taken from the file name.
EamFsFile read_eam_fs_file(const std::string& path);

}  // namespace betarelax
