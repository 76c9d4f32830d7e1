#pragma once
/// An append-only results table (samples.csv of a campaign, events.csv of
/// ART): one row per finished item, appended so that a kill at any moment
/// leaves only whole rows. Each row is one write(2) of the whole line to a
/// file opened O_APPEND, then fsync; a row cut by a crash (no final newline)
/// is dropped on the next open. Numbers go in with 17 significant digits
/// (exact round trip).
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "experiments/common/ranks.hpp"

namespace betarelax::experiments {

/// One parsed row: column name → text.
using ResultRow = std::map<std::string, std::string>;

/// 17 significant digits.
std::string exact(double x);
/// Free text made safe for a CSV cell (commas, quotes, newlines → ';').
std::string csv_cell(std::string s);
/// Cells joined by commas.
std::string csv_join(const std::vector<std::string>& cells);

/// One column of a results table, written once: its name, its meaning (what
/// experiments/README.md documents; a test checks the README lists every
/// name) and how its cell is made from the row's `Source`.
template <class Source>
struct Column {
  const char* name;
  const char* meaning;
  std::string (*cell)(const Source&);
};

template <class Source>
std::vector<std::string> column_names(const std::vector<Column<Source>>& columns) {
  std::vector<std::string> names;
  for (const Column<Source>& c : columns) names.push_back(c.name);
  return names;
}

/// The row of `source`: every column's cell, in the columns' order.
template <class Source>
std::string row_of(const std::vector<Column<Source>>& columns, const Source& source) {
  std::vector<std::string> cells;
  for (const Column<Source>& c : columns) cells.push_back(c.cell(source));
  return csv_join(cells);
}

/// Every row of a table (header checked against `columns`, cut last line
/// ignored); `what` names the kind of file in the error ("samples").
std::vector<ResultRow> read_results_table(const std::string& path, const std::vector<std::string>& columns,
                                          const std::string& what);

class ResultsTable {
 public:
  /// Opens `path`: with `resume`, keeps its whole rows (a cut last line is
  /// cut off the file); otherwise starts it afresh with the header. Throws
  /// InputError for a file whose header is not `columns`.
  ResultsTable(const std::string& path, std::vector<std::string> columns, std::string what, bool resume);

  const std::vector<ResultRow>& rows() const { return rows_; }
  /// The ids of the rows kept; throws InputError naming the file and the row
  /// when one was made with another configuration (its `config_hash`).
  std::set<long> finished_ids(const std::string& config_hash) const;
  /// Appends one row durably (write + fsync); throws std::runtime_error naming the file on failure.
  void append(const std::string& row);

 private:
  std::string path_, what_;
  std::vector<std::string> columns_;
  std::vector<ResultRow> rows_;
};

/// A table every MPI rank appends to: rank 0 opens it (or starts it afresh),
/// then the others open what it left, so all write one file.
template <class Table>
std::unique_ptr<Table> open_for_all_ranks(const std::string& path, bool resume) {
  std::unique_ptr<Table> table;
  const Ranks r = ranks();
  if (r.rank == 0) table = std::make_unique<Table>(path, resume);
  rank_barrier();
  if (r.rank != 0) table = std::make_unique<Table>(path, true);
  return table;
}

}  // namespace betarelax::experiments
