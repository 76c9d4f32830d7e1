#include "experiments/common/results_table.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/atomic_write.hpp"
#include "support/csv_table.hpp"
#include "support/input_error.hpp"

namespace betarelax::experiments {

std::string exact(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string csv_cell(std::string s) {
  for (char& c : s)
    if (c == ',' || c == '\n' || c == '"') c = ';';
  return s;
}

std::string csv_join(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
  return out;
}

std::vector<ResultRow> read_results_table(const std::string& path, const std::vector<std::string>& columns,
                                          const std::string& what) {
  const CsvTable t = read_csv_table(path, true);
  if (t.header != columns) {
    throw InputError(path + ": line 1: not a betarelax " + what + " file (expected the columns " + csv_join(columns) +
                     ")");
  }
  return t.rows;
}

ResultsTable::ResultsTable(const std::string& path, std::vector<std::string> columns, std::string what, bool resume)
    : path_(path), what_(std::move(what)), columns_(std::move(columns)) {
  namespace fs = std::filesystem;
  if (resume && fs::exists(path)) {
    rows_ = read_results_table(path, columns_, what_);
    // Cut off a partial last line so the next append starts a fresh line.
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t keep = text.rfind('\n') + 1;
    if (keep != text.size()) fs::resize_file(path, keep);
    return;
  }
  atomic_write(path, [&](std::ostream& os) { os << csv_join(columns_) << "\n"; });
}

std::set<long> ResultsTable::finished_ids(const std::string& config_hash) const {
  std::set<long> ids;
  for (const ResultRow& row : rows_) {
    if (row.at("config_hash") != config_hash) {
      throw InputError(path_ + ": " + what_ + " row " + row.at("id") + " was made with configuration " +
                       row.at("config_hash") + ", not this one (" + config_hash + "): use another --out folder");
    }
    ids.insert(std::stol(row.at("id")));
  }
  return ids;
}

void ResultsTable::append(const std::string& row) {
  const std::string line = row + "\n";
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path_ + ": cannot open for appending: " + std::strerror(errno));
  const ssize_t written = ::write(fd, line.data(), line.size());
  const int saved = errno;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size()) || !synced) {
    throw std::runtime_error(path_ + ": appending a " + what_ + " row failed: " + std::strerror(saved));
  }
  const std::vector<std::string> cells = split_csv_line(row);
  ResultRow r;
  for (size_t c = 0; c < cells.size() && c < columns_.size(); ++c) r[columns_[c]] = cells[c];
  rows_.push_back(r);
}

}  // namespace betarelax::experiments
