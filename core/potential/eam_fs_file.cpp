#include "core/potential/eam_fs_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/input_error.hpp"
#include "support/sha256.hpp"

namespace betarelax {

std::string default_potential_path() {
  if (const char* env = std::getenv("BETARELAX_DEFAULT_POTENTIAL"); env && *env) return env;
  return "/usr/share/lammps/potentials/CuZr_mm.eam.fs";
}
namespace {

/// Walks the file line by line and token by token, remembering the line
/// number so that every error names it.
class TokenReader {
 public:
  TokenReader(std::string path, const std::string& text) : path_(std::move(path)) {
    std::istringstream is(text);
    std::string line;
    while (std::getline(is, line)) lines_.push_back(line);
  }

  std::string next_line(const char* what) {
    if (!tokens_.empty()) fail("unexpected extra values before the " + std::string(what) + " line");
    if (line_ >= lines_.size()) fail_eof("while reading " + std::string(what));
    last_line_ = line_ + 1;
    return lines_[line_++];
  }

  std::vector<std::string> next_line_tokens(const char* what) {
    std::istringstream ls(next_line(what));
    std::vector<std::string> out;
    for (std::string t; ls >> t;) out.push_back(t);
    return out;
  }

  double next_double(const std::string& what) {
    while (tokens_.empty()) {
      if (line_ >= lines_.size()) fail_eof("while reading " + what);
      std::istringstream ls(lines_[line_++]);
      for (std::string t; ls >> t;) tokens_.push_back(t);
      last_line_ = line_;
    }
    const std::string tok = tokens_.front();
    tokens_.erase(tokens_.begin());
    return to_double(tok, what);
  }

  void read_block(std::vector<double>& out, int n, const std::string& what) {
    out.resize(n);
    for (int k = 0; k < n; ++k) out[k] = next_double(what + " value " + std::to_string(k + 1) + " of " + std::to_string(n));
  }

  double to_double(const std::string& tok, const std::string& what) const {
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(tok.c_str(), &end);
    if (end == tok.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v)) {
      fail("expected a finite number for " + what + ", found '" + tok + "'");
    }
    return v;
  }

  int to_int(const std::string& tok, const std::string& what) const {
    char* end = nullptr;
    const long v = std::strtol(tok.c_str(), &end, 10);
    if (end == tok.c_str() || *end != '\0') fail("expected an integer for " + what + ", found '" + tok + "'");
    return static_cast<int>(v);
  }

  /// Whitespace-separated tokens from here to the end of the file.
  long remaining_tokens() const {
    long n = static_cast<long>(tokens_.size());
    for (size_t l = line_; l < lines_.size(); ++l) {
      std::istringstream ls(lines_[l]);
      for (std::string t; ls >> t;) ++n;
    }
    return n;
  }

  bool at_end() const {
    if (!tokens_.empty()) return false;
    for (size_t l = line_; l < lines_.size(); ++l) {
      if (lines_[l].find_first_not_of(" \t\r") != std::string::npos) return false;
    }
    return true;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw input_error(path_, static_cast<long>(last_line_), what);
  }

  [[noreturn]] void fail_eof(const std::string& what) const {
    throw input_error(path_, static_cast<long>(lines_.size()), "file ends early: truncated potential file (" + what + ")");
  }

 private:

  std::string path_;
  std::vector<std::string> lines_;
  size_t line_ = 0;  // lines consumed
  size_t last_line_ = 0;  // 1-based number of the line read last
  std::vector<std::string> tokens_;
};

}  // namespace

std::string pair_style_of(const std::string& path) {
  const auto ends_with = [&](const std::string& tail) {
    return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends_with(".eam.alloy") || ends_with(".setfl") ? "eam/alloy" : "eam/fs";
}

EamFsFile read_eam_fs_file(const std::string& path) { return read_eam_file(path, pair_style_of(path)); }

EamFsFile read_eam_file(const std::string& path, const std::string& style) {
  const std::string pair_style = style.empty() ? pair_style_of(path) : style;
  if (pair_style != "eam/fs" && pair_style != "eam/alloy")
    throw InputError(path + ": pair style '" + pair_style + "' is not eam/fs or eam/alloy");
  std::ifstream is(path, std::ios::binary);
  if (!is) throw InputError(path + ": cannot open " + pair_style + " potential file");
  std::ostringstream ss;
  ss << is.rdbuf();
  const std::string text = ss.str();

  EamFsFile pot;
  pot.path = path;
  pot.pair_style = pair_style;
  pot.sha256 = sha256_hex(text);
  TokenReader in(path, text);
  for (int k = 0; k < 3; ++k) pot.comments.push_back(in.next_line("comment"));

  const auto elem = in.next_line_tokens("element");
  if (elem.empty()) in.fail("expected 'Nelements Element1 Element2 ...'");
  const int nel = in.to_int(elem[0], "Nelements");
  if (nel < 1 || static_cast<int>(elem.size()) != nel + 1) {
    in.fail("element line declares " + elem[0] + " elements but names " + std::to_string(elem.size() - 1));
  }
  pot.elements.assign(elem.begin() + 1, elem.end());

  const auto grid = in.next_line_tokens("grid");
  if (grid.size() < 5) in.fail("expected 'Nrho drho Nr dr cutoff'");
  pot.nrho = in.to_int(grid[0], "Nrho");
  pot.drho = in.to_double(grid[1], "drho");
  pot.nr = in.to_int(grid[2], "Nr");
  pot.dr = in.to_double(grid[3], "dr");
  pot.cutoff = in.to_double(grid[4], "cutoff");
  // The LAMMPS spline needs at least 5 knots (its 4th-order end formulas).
  if (pot.nrho < 5 || pot.nr < 5) in.fail("Nrho and Nr must be at least 5");
  if (!(pot.drho > 0) || !(pot.dr > 0) || !(pot.cutoff > 0)) in.fail("drho, dr and cutoff must be positive");
  // The two formats differ only in the density tables per element: a file of
  // the other format (or a truncated one) is refused by its count, up front.
  const bool fs = pair_style == "eam/fs";
  const auto needed = [&](int densities) {
    return long(nel) * (4 + pot.nrho + long(densities) * pot.nr) + long(nel) * (nel + 1) / 2 * pot.nr;
  };
  // (An element's header line holds 2 to 4 fields: LAMMPS reads Z and the
  // mass; the formats differ by Nelements × (Nelements − 1) × Nr values.)
  const long held = in.remaining_tokens(), want = needed(fs ? nel : 1), other = needed(fs ? 1 : nel);
  const auto about = [&](long n) { return std::labs(held - n) <= 2L * nel; };
  if (!about(want) && held < want && !about(other)) {
    in.fail_eof(std::to_string(held) + " of the " + std::to_string(want) + " values " + pair_style + " needs after the grid line");
  }
  if (!about(want) && about(other)) {
    throw InputError(path + ": " + std::to_string(held) + " values after the grid line, but " + pair_style + " with " +
                     std::to_string(nel) + " elements, Nrho = " + std::to_string(pot.nrho) + " and Nr = " +
                     std::to_string(pot.nr) + " needs " + std::to_string(needed(fs ? nel : 1)) + " (" +
                     (fs ? "eam/alloy" : "eam/fs") + " would need " + std::to_string(needed(fs ? 1 : nel)) +
                     "; each element's header line counted as 4)");
  }

  pot.frho.resize(nel);
  pot.rhor.resize(nel * nel);
  for (int a = 0; a < nel; ++a) {
    const std::string name = pot.elements[a];
    const auto head = in.next_line_tokens("element header");
    if (head.size() < 2) in.fail("expected 'Z mass a0 lattice' for element " + name);
    pot.atomic_number.push_back(in.to_int(head[0], "atomic number of " + name));
    pot.mass.push_back(in.to_double(head[1], "mass of " + name));
    if (!(pot.mass.back() > 0)) in.fail("mass of " + name + " must be positive");
    in.read_block(pot.frho[a], pot.nrho, "F(rho) of " + name);
    if (fs) {
      for (int b = 0; b < nel; ++b) in.read_block(pot.rhor[a * nel + b], pot.nr, "rho(r) of " + name + "-" + pot.elements[b]);
    } else {
      in.read_block(pot.rhor[a * nel], pot.nr, "rho(r) of " + name);
      for (int b = 1; b < nel; ++b) pot.rhor[a * nel + b] = pot.rhor[a * nel];
    }
  }
  pot.z2r.resize(nel * (nel + 1) / 2);
  for (int i = 0; i < nel; ++i) {
    for (int j = 0; j <= i; ++j) {
      in.read_block(pot.z2r[i * (i + 1) / 2 + j], pot.nr, "r*phi(r) of " + pot.elements[i] + "-" + pot.elements[j]);
    }
  }
  if (!in.at_end()) in.fail("unexpected extra values after the last r*phi(r) table");
  return pot;
}

}  // namespace betarelax
