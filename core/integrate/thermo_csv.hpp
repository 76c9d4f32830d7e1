#pragma once
/// Thermo output as CSV, one row per (step, replica), flushed row by row so a
/// killed run keeps everything it printed.
#include <fstream>
#include <string>
#include <vector>

#include "core/integrate/thermo.hpp"

namespace betarelax {

class ThermoCsv {
 public:
  /// Truncates (or, with `append`, continues) `path`; throws std::runtime_error naming it.
  ThermoCsv(const std::string& path, double dt, bool append = false);
  void write(long step, const std::vector<ThermoRow>& rows);

  static const char* header();

 private:
  std::string path_;
  double dt_;
  std::ofstream os_;
};

/// Drops the rows after `last_step` (written after the checkpoint a run
/// resumes from), so that the resumed run appends without duplicates.
void truncate_thermo_csv(const std::string& path, long last_step);

}  // namespace betarelax
