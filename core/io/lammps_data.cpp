#include "core/io/lammps_data.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <vector>

#include "core/system/closest_pair.hpp"
#include "support/atomic_write.hpp"
#include "support/input_error.hpp"

namespace betarelax {
namespace {

std::string strip_comment(const std::string& line, std::string* comment = nullptr) {
  const auto hash = line.find('#');
  if (comment) {
    *comment = hash == std::string::npos ? "" : line.substr(hash + 1);
    const auto b = comment->find_first_not_of(" \t\r");
    const auto e = comment->find_last_not_of(" \t\r");
    *comment = b == std::string::npos ? "" : comment->substr(b, e - b + 1);
  }
  return hash == std::string::npos ? line : line.substr(0, hash);
}

std::vector<std::string> split(const std::string& s) {
  std::istringstream is(s);
  std::vector<std::string> out;
  for (std::string t; is >> t;) out.push_back(t);
  return out;
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

struct Parser {
  std::string path;
  std::vector<std::string> lines;
  size_t pos = 0;  // next line index

  [[noreturn]] void fail(const std::string& what) const { throw input_error(path, static_cast<long>(pos), what); }

  double num(const std::string& tok, const std::string& what) const {
    char* end = nullptr;
    const double v = std::strtod(tok.c_str(), &end);
    if (end == tok.c_str() || *end != '\0' || !std::isfinite(v)) fail("expected a number for " + what + ", found '" + tok + "'");
    return v;
  }
  long integer(const std::string& tok, const std::string& what) const {
    char* end = nullptr;
    const long v = std::strtol(tok.c_str(), &end, 10);
    if (end == tok.c_str() || *end != '\0') fail("expected an integer for " + what + ", found '" + tok + "'");
    return v;
  }
};

}  // namespace

Configuration read_lammps_data(const std::string& path) {
  std::ifstream is(path);
  if (!is) throw InputError(path + ": cannot open LAMMPS data file");
  Parser p;
  p.path = path;
  for (std::string line; std::getline(is, line);) p.lines.push_back(line);
  if (p.lines.empty()) throw InputError(path + ": empty LAMMPS data file");

  Configuration c;
  long n_atoms = -1;
  bool box[3] = {false, false, false};
  p.pos = 1;  // the first line is a title
  // Header: keyword lines until the first section name.
  while (p.pos < p.lines.size()) {
    const std::string body = strip_comment(p.lines[p.pos]);
    if (is_blank(body)) {
      ++p.pos;
      continue;
    }
    const auto tok = split(body);
    if (tok.size() >= 2 && tok[1] == "atoms") {
      ++p.pos;
      n_atoms = p.integer(tok[0], "number of atoms");
    } else if (tok.size() >= 3 && tok[1] == "atom" && tok[2] == "types") {
      ++p.pos;
      c.n_types = static_cast<int>(p.integer(tok[0], "number of atom types"));
    } else if (tok.size() >= 4 && (tok[2] == "xlo" || tok[2] == "ylo" || tok[2] == "zlo")) {
      ++p.pos;
      const int d = tok[2][0] - 'x';
      const double lo = p.num(tok[0], tok[2]), hi = p.num(tok[1], tok[3]);
      if (!(hi > lo)) p.fail(tok[3] + " must be larger than " + tok[2]);
      c.lo[d] = lo;
      c.len[d] = hi - lo;
      box[d] = true;
    } else if (tok.size() >= 4 && tok[3] == "xy") {
      ++p.pos;
      p.fail("triclinic boxes are not supported (orthorhombic only)");
    } else if (tok.size() >= 2 && (tok[1] == "bonds" || tok[1] == "angles" || tok[1] == "dihedrals" ||
                                   tok[1] == "impropers" || (tok.size() >= 3 && tok[2] == "types"))) {
      ++p.pos;  // molecular counts: allowed when zero
      if (p.integer(tok[0], tok[1]) != 0) p.fail("molecular topology is not supported (atom_style atomic only)");
    } else {
      break;
    }
  }
  if (n_atoms < 1) p.fail("header lacks a positive 'N atoms' line");
  if (c.n_types < 1) p.fail("header lacks a positive 'N atom types' line");
  for (int d = 0; d < 3; ++d) {
    if (!box[d]) p.fail(std::string("header lacks the '") + "xyz"[d] + "lo " + "xyz"[d] + "hi' line");
  }

  c.mass.assign(c.n_types, 0.0);
  c.type_names.assign(c.n_types, "");
  c.id.assign(n_atoms, 0);
  c.type.assign(n_atoms, 0);
  c.x.assign(3 * n_atoms, 0.0);
  c.image.assign(3 * n_atoms, 0);
  std::map<long, long> row_of_id;
  bool have_atoms = false;

  auto section_rows = [&](long n_rows, const std::string& name, auto&& row) {
    ++p.pos;  // the section name
    long done = 0;
    while (p.pos < p.lines.size() && done < n_rows) {
      const std::string body = strip_comment(p.lines[p.pos]);
      if (is_blank(body)) {
        ++p.pos;
        continue;
      }
      const auto tok = split(body);
      ++p.pos;
      row(tok, p.lines[p.pos - 1]);
      ++done;
    }
    if (done < n_rows) {
      p.fail(name + " section ends after " + std::to_string(done) + " of " + std::to_string(n_rows) + " lines");
    }
  };

  while (p.pos < p.lines.size()) {
    const std::string body = strip_comment(p.lines[p.pos]);
    if (is_blank(body)) {
      ++p.pos;
      continue;
    }
    const auto tok = split(body);
    const std::string section = tok[0];
    if (section == "Masses") {
      section_rows(c.n_types, "Masses", [&](const std::vector<std::string>& t, const std::string& raw) {
        if (t.size() < 2) p.fail("expected 'type mass' in Masses");
        const long ty = p.integer(t[0], "atom type in Masses");
        if (ty < 1 || ty > c.n_types) p.fail("atom type " + t[0] + " in Masses is outside 1.." + std::to_string(c.n_types));
        c.mass[ty - 1] = p.num(t[1], "mass of type " + t[0]);
        if (!(c.mass[ty - 1] > 0)) p.fail("mass of type " + t[0] + " must be positive");
        std::string comment;
        strip_comment(raw, &comment);
        if (!comment.empty()) c.type_names[ty - 1] = split(comment)[0];
      });
    } else if (section == "Atoms") {
      if (tok.size() >= 2 && tok[1] != "atomic") {
        p.fail("Atoms section is '" + tok[1] + "'; only atom_style atomic is supported");
      }
      long row = 0;
      section_rows(n_atoms, "Atoms", [&](const std::vector<std::string>& t, const std::string&) {
        if (t.size() != 5 && t.size() != 8) p.fail("expected 'id type x y z [ix iy iz]' in Atoms");
        const long id = p.integer(t[0], "atom id");
        if (id < 1) p.fail("atom id " + t[0] + " must be positive");
        if (!row_of_id.emplace(id, row).second) p.fail("atom id " + t[0] + " appears twice");
        const long ty = p.integer(t[1], "type of atom " + t[0]);
        if (ty < 1 || ty > c.n_types) {
          p.fail("atom " + t[0] + " has type " + t[1] + ", outside 1.." + std::to_string(c.n_types));
        }
        c.id[row] = static_cast<int>(id);
        c.type[row] = static_cast<int>(ty - 1);
        for (int d = 0; d < 3; ++d) {
          double xd = p.num(t[2 + d], std::string("coordinate ") + "xyz"[d] + " of atom " + t[0]);
          int img = t.size() == 8 ? static_cast<int>(p.integer(t[5 + d], "image flag of atom " + t[0])) : 0;
          // Periodic remap into [lo, lo + len), as read_data does.
          const double s = std::floor((xd - c.lo[d]) / c.len[d]);
          xd -= s * c.len[d];
          img += static_cast<int>(s);
          c.x[3 * row + d] = xd;
          c.image[3 * row + d] = img;
        }
        ++row;
      });
      have_atoms = true;
    } else if (section == "Velocities") {
      if (!have_atoms) p.fail("Velocities section before Atoms");
      c.v.assign(3 * n_atoms, 0.0);
      section_rows(n_atoms, "Velocities", [&](const std::vector<std::string>& t, const std::string&) {
        if (t.size() != 4) p.fail("expected 'id vx vy vz' in Velocities");
        const long id = p.integer(t[0], "atom id in Velocities");
        const auto it = row_of_id.find(id);
        if (it == row_of_id.end()) p.fail("Velocities names atom " + t[0] + ", which is not in Atoms");
        for (int d = 0; d < 3; ++d) {
          c.v[3 * it->second + d] = p.num(t[1 + d], std::string("velocity ") + "xyz"[d] + " of atom " + t[0]);
        }
      });
    } else {
      ++p.pos;
      p.fail("unknown or unsupported section '" + section + "'");
    }
  }
  if (!have_atoms) throw InputError(path + ": no Atoms section");
  for (int t = 0; t < c.n_types; ++t) {
    if (c.type_names[t].empty()) c.type_names.clear();
  }
  const ClosestPair close = closest_pair(c, kMinPairDistance_A);
  if (close.i >= 0) {
    std::ostringstream msg;
    msg << path << ": atoms " << c.id[close.i] << " and " << c.id[close.j] << " are " << close.r
        << " A apart, closer than any two atoms of a condensed phase (" << kMinPairDistance_A
        << " A): a doubled atom or mixed-up columns?";
    throw InputError(msg.str());
  }
  return c;
}

void write_lammps_data(const std::string& path, const Configuration& c, const std::string& title) {
  atomic_write(path, [&](std::ostream& os) {
    os << title << "\n\n" << c.n_atoms() << " atoms\n" << c.n_types << " atom types\n\n";
    os << std::setprecision(17);
    for (int d = 0; d < 3; ++d) {
      os << c.lo[d] << " " << c.lo[d] + c.len[d] << " " << "xyz"[d] << "lo " << "xyz"[d] << "hi\n";
    }
    if (!c.mass.empty()) {
      os << "\nMasses\n\n";
      for (int t = 0; t < c.n_types; ++t) {
        os << t + 1 << " " << c.mass[t];
        if (t < int(c.type_names.size()) && !c.type_names[t].empty()) os << " # " << c.type_names[t];
        os << "\n";
      }
    }
    os << "\nAtoms # atomic\n\n";
    for (int i = 0; i < c.n_atoms(); ++i) {
      os << c.id[i] << " " << c.type[i] + 1 << " " << c.x[3 * i] << " " << c.x[3 * i + 1] << " " << c.x[3 * i + 2];
      if (!c.image.empty()) os << " " << c.image[3 * i] << " " << c.image[3 * i + 1] << " " << c.image[3 * i + 2];
      os << "\n";
    }
    if (!c.v.empty()) {
      os << "\nVelocities\n\n";
      for (int i = 0; i < c.n_atoms(); ++i) {
        os << c.id[i] << " " << c.v[3 * i] << " " << c.v[3 * i + 1] << " " << c.v[3 * i + 2] << "\n";
      }
    }
  });
}

}  // namespace betarelax
