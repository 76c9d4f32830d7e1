#pragma once
/// samples.csv of a campaign: one row per finished sample (a ResultsTable:
/// whole rows only, whatever the moment of a kill). The row is written
/// after the sample's own folder is complete, so a row means a finished
/// sample; a sample without its row is run again.
///
/// Its columns are defined once, in samples_file.cpp (name, meaning, cell);
/// numbers carry 17 significant digits (exact round trip).
#include <string>
#include <vector>

#include "experiments/common/results_table.hpp"
#include "experiments/metadynamics/sample_run.hpp"

namespace betarelax::experiments {

using SampleRow = ResultRow;

/// What one row is made of: a finished sample and the run's provenance.
struct SampleRowSource {
  const SamplePoint& point;
  const SampleRecord& record;
  const std::string& git_revision;
  const std::string& backend;
  const std::string& config_hash;
};

/// The schema of samples.csv.
const std::vector<Column<SampleRowSource>>& samples_schema();
/// Its column names, in order (the header).
const std::vector<std::string>& samples_columns();

/// The row of a finished sample.
std::string samples_row(const SampleRowSource& source);

/// samples.csv opened for appending (see ResultsTable).
class SamplesFile : public ResultsTable {
 public:
  SamplesFile(const std::string& path, bool resume) : ResultsTable(path, samples_columns(), "samples", resume) {}
};

/// Every row of a samples file (header checked, cut last line ignored).
std::vector<SampleRow> read_samples_file(const std::string& path);

}  // namespace betarelax::experiments
