#pragma once
/// samples.csv of a campaign: one row per finished sample, appended so that
/// a kill at any moment leaves only whole rows. Each row is one write(2) of
/// the whole line to a file opened O_APPEND, then fsync; a row cut by a
/// crash (no final newline) is dropped on the next open. The row is written
/// after the sample's own folder is complete, so a row means a finished
/// sample; a sample without its row is run again.
///
/// Schema (CSV, header line first; documented in experiments/README.md):
/// id, T_K, cutoff_A, cutoff_label, group_size, center_id, sample_index,
/// seed, status, dF_eV, s_initial_A, s_saddle_A, s_product_A,
/// dF_product_eV, nu_harmonic_Hz, frequency_Hz, transition_time_ps,
/// boosted_time_ps, hills, steps, wall_s, git_revision, backend, config_hash.
/// Numbers are written with 17 significant digits (exact round trip).
#include <map>
#include <string>
#include <vector>

#include "sample_run.hpp"

namespace betarelax::experiments {

/// One parsed row: column name → text.
using SampleRow = std::map<std::string, std::string>;

const std::vector<std::string>& samples_columns();

/// The row of a finished sample.
std::string samples_row(const SamplePoint& point, const SampleRecord& record, const std::string& git_revision,
                        const std::string& backend, const std::string& config_hash);

class SamplesFile {
 public:
  /// Opens `path`: with `resume`, keeps its whole rows (a cut last line is
  /// cut off the file); otherwise starts it afresh with the header. Throws
  /// InputError for a file whose header is not this schema.
  SamplesFile(const std::string& path, bool resume);

  const std::vector<SampleRow>& rows() const { return rows_; }
  /// Appends one row durably (write + fsync); throws std::runtime_error naming the file on failure.
  void append(const std::string& row);

 private:
  std::string path_;
  std::vector<SampleRow> rows_;
};

/// Every row of a samples file (header checked, cut last line ignored).
std::vector<SampleRow> read_samples_file(const std::string& path);

}  // namespace betarelax::experiments
