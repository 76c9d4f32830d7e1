#include "core/integrate/thermo_csv.hpp"

#include <iomanip>
#include <stdexcept>

#include "support/atomic_write.hpp"

namespace betarelax {

const char* ThermoCsv::header() {
  return "step,time_ps,replica,temperature_K,pe_eV,ke_eV,etotal_eV,pressure_bar,volume_A3,density_g_cm3,lx_A,ly_A,lz_A";
}

ThermoCsv::ThermoCsv(const std::string& path, double dt, bool append)
    : path_(path), dt_(dt), os_(path, append ? std::ios::app : std::ios::trunc) {
  if (!os_) throw std::runtime_error(path + ": cannot open thermo file for writing");
  if (!append) os_ << header() << "\n";
  os_ << std::setprecision(15);
}

void ThermoCsv::write(long step, const std::vector<ThermoRow>& rows) {
  for (size_t r = 0; r < rows.size(); ++r) {
    const ThermoRow& t = rows[r];
    os_ << step << "," << step * dt_ << "," << r << "," << t.temperature << "," << t.potential << "," << t.kinetic
        << "," << t.potential + t.kinetic << "," << t.pressure << "," << t.volume << "," << t.density << "," << t.lx << "," << t.ly << ","
        << t.lz << "\n";
  }
  os_.flush();
  if (!os_) throw std::runtime_error(path_ + ": write failed (disk full?)");
}

void truncate_thermo_csv(const std::string& path, long last_step) {
  std::ifstream is(path);
  if (!is) throw std::runtime_error(path + ": cannot read thermo file to resume");
  std::string kept, line;
  std::getline(is, line);
  kept = line + "\n";
  while (std::getline(is, line)) {
    if (line.empty()) continue;
    if (std::stol(line.substr(0, line.find(','))) <= last_step) kept += line + "\n";
  }
  is.close();
  atomic_write(path, [&](std::ostream& os) { os << kept; });
}

}  // namespace betarelax
