#include "core/io/extxyz.hpp"

#include <fstream>
#include <iomanip>
#include <stdexcept>

#include "support/atomic_write.hpp"

namespace betarelax {
namespace {

void write_frame(std::ostream& os, const Configuration& c, double time_ps) {
  os << c.n_atoms() << "\n" << std::setprecision(10);
  os << "Lattice=\"" << c.len[0] << " 0 0 0 " << c.len[1] << " 0 0 0 " << c.len[2] << "\" Origin=\"" << c.lo[0] << " "
     << c.lo[1] << " " << c.lo[2] << "\" Properties=species:S:1:pos:R:3:vel:R:3:id:I:1 Time=" << time_ps
     << " pbc=\"T T T\"\n";
  for (int i = 0; i < c.n_atoms(); ++i) {
    const int t = c.type[i];
    os << (t < int(c.type_names.size()) && !c.type_names[t].empty() ? c.type_names[t] : "X" + std::to_string(t + 1));
    for (int d = 0; d < 3; ++d) os << " " << c.x[3 * i + d];
    for (int d = 0; d < 3; ++d) os << " " << (c.v.empty() ? 0.0 : c.v[3 * i + d]);
    os << " " << c.id[i] << "\n";
  }
}

}  // namespace

void write_extxyz(const std::string& path, const Configuration& conf, double time_ps, bool append) {
  if (!append) {
    atomic_write(path, [&](std::ostream& os) { write_frame(os, conf, time_ps); });
    return;
  }
  std::ofstream os(path, std::ios::app);
  if (!os) throw std::runtime_error(path + ": cannot open extxyz file for appending");
  write_frame(os, conf, time_ps);
  os.flush();
  if (!os) throw std::runtime_error(path + ": write failed (disk full?)");
}

}  // namespace betarelax
