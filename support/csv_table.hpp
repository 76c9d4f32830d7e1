#pragma once
/// Plain CSV as the suite writes it (no quoting: cells never hold commas):
/// a header line, then rows.
#include <map>
#include <string>
#include <vector>

namespace betarelax {

std::vector<std::string> split_csv_line(const std::string& line);

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;  ///< column → cell
  std::vector<long> line_of;                             ///< file line of each row (1-based)
  bool cut_last_line = false;                            ///< a partial last line was dropped
};

/// Throws InputError naming the file (unreadable, empty) or the line (field
/// count differs from the header). With `drop_cut_last_line` a last line
/// without its newline is a row cut by a crash (the suite's append-only
/// files) and is not returned; otherwise it is an ordinary last row.
CsvTable read_csv_table(const std::string& path, bool drop_cut_last_line = false);

}  // namespace betarelax
