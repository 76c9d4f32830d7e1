#include "support/csv_table.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

#include "support/input_error.hpp"

namespace betarelax {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

CsvTable read_csv_table(const std::string& path, bool drop_cut_last_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CsvTable t;
  size_t pos = 0;
  long line_no = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) {
      if (drop_cut_last_line) {
        t.cut_last_line = true;
        break;
      }
      end = text.size();
    }
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1) {
      t.header = split_csv_line(line);
      continue;
    }
    if (line.empty()) continue;
    const std::vector<std::string> cells = split_csv_line(line);
    if (cells.size() != t.header.size()) {
      throw InputError(path + ": line " + std::to_string(line_no) + ": " + std::to_string(cells.size()) +
                       " fields, the header has " + std::to_string(t.header.size()));
    }
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < cells.size(); ++c) row[t.header[c]] = cells[c];
    t.rows.push_back(std::move(row));
    t.line_of.push_back(line_no);
  }
  if (t.header.empty()) throw InputError(path + ": empty (no header line)");
  return t;
}

}  // namespace betarelax
