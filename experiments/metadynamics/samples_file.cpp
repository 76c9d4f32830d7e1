#include "samples_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "atomic_write.hpp"
#include "csv_table.hpp"
#include "input_error.hpp"

namespace betarelax::experiments {
namespace {

std::string exact(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
  return out;
}

/// Labels and provenance words must not break the CSV.
std::string cell(std::string s) {
  for (char& c : s)
    if (c == ',' || c == '\n' || c == '"') c = ';';
  return s;
}

}  // namespace

const std::vector<std::string>& samples_columns() {
  static const std::vector<std::string> columns = {
      "id", "T_K", "cutoff_A", "cutoff_label", "group_size", "center_id", "sample_index", "seed", "status", "dF_eV",
      "s_initial_A", "s_saddle_A", "s_product_A", "dF_product_eV", "nu_harmonic_Hz", "frequency_Hz",
      "transition_time_ps", "boosted_time_ps", "hills", "steps", "wall_s", "git_revision", "backend", "config_hash"};
  return columns;
}

std::string samples_row(const SamplePoint& pt, const SampleRecord& rec, const std::string& git_revision,
                        const std::string& backend, const std::string& config_hash) {
  const auto& j = rec.json;
  const auto& fe = j.at("free_energy");
  const auto& tr = j.at("transition");
  const bool found = fe.at("found").get<bool>();
  auto if_found = [&](const char* key) { return found ? exact(fe.at(key).get<double>()) : std::string(); };
  const std::vector<std::string> cells = {
      std::to_string(pt.id), exact(pt.temperature), exact(pt.cutoff), cell(pt.cutoff_label),
      std::to_string(j.at("group").at("size").get<long>()), std::to_string(j.at("group").at("center_id").get<long>()),
      std::to_string(pt.index), std::to_string(pt.seed), rec.status, if_found("delta_F_eV"), if_found("initial_minimum_A"),
      if_found("saddle_A"), if_found("product_minimum_A"), if_found("F_product_minus_initial_eV"),
      found ? exact(j.at("attempt_frequency").at("harmonic_from_F_Hz").get<double>()) : "",
      found ? exact(j.at("frequency_Hz").get<double>()) : "",
      tr.at("confirmed").get<bool>() ? exact(tr.at("time_ps").get<double>()) : "",
      tr.at("confirmed").get<bool>() ? exact(tr.at("boosted_time_ps").get<double>()) : "",
      std::to_string(j.at("metad").at("hills").get<long>()), std::to_string(j.at("steps").get<long>()),
      exact(j.at("wall_time_s").get<double>()), cell(git_revision), cell(backend), cell(config_hash)};
  return join(cells);
}

std::vector<SampleRow> read_samples_file(const std::string& path) {
  const validation::CsvTable t = validation::read_csv_table(path, true);
  if (t.header != samples_columns()) {
    throw InputError(path + ": line 1: not a betarelax samples file (expected the columns " + join(samples_columns()) + ")");
  }
  return t.rows;
}

SamplesFile::SamplesFile(const std::string& path, bool resume) : path_(path) {
  namespace fs = std::filesystem;
  if (resume && fs::exists(path)) {
    rows_ = read_samples_file(path);
    // Cut off a partial last line so the next append starts a fresh line.
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t keep = text.rfind('\n') + 1;
    if (keep != text.size()) fs::resize_file(path, keep);
    return;
  }
  atomic_write(path, [](std::ostream& os) { os << join(samples_columns()) << "\n"; });
}

void SamplesFile::append(const std::string& row) {
  const std::string line = row + "\n";
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path_ + ": cannot open for appending: " + std::strerror(errno));
  const ssize_t written = ::write(fd, line.data(), line.size());
  const int saved = errno;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size()) || !synced) {
    throw std::runtime_error(path_ + ": appending a sample row failed: " + std::strerror(saved));
  }
  const std::vector<std::string> cells = validation::split_csv_line(row);
  SampleRow r;
  for (size_t c = 0; c < cells.size() && c < samples_columns().size(); ++c) r[samples_columns()[c]] = cells[c];
  rows_.push_back(r);
}

}  // namespace betarelax::experiments
