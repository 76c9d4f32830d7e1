#pragma once
/// samples.csv of a campaign: one row per finished sample (a ResultsTable:
/// whole rows only, whatever the moment of a kill). The row is written
/// after the sample's own folder is complete, so a row means a finished
/// sample; a sample without its row is run again.
///
/// Schema (CSV, header line first; documented in experiments/README.md):
/// id, T_K, cutoff_A, cutoff_label, group_size, center_id, sample_index,
/// seed, status, dF_eV, s_initial_A, s_saddle_A, s_product_A,
/// dF_product_eV, nu_harmonic_Hz, frequency_Hz, transition_time_ps,
/// boosted_time_ps, hills, steps, wall_s, git_revision, backend, config_hash.
/// Numbers are written with 17 significant digits (exact round trip).
#include <string>
#include <vector>

#include "experiments/common/results_table.hpp"
#include "experiments/metadynamics/sample_run.hpp"

namespace betarelax::experiments {

using SampleRow = ResultRow;

const std::vector<std::string>& samples_columns();

/// The row of a finished sample.
std::string samples_row(const SamplePoint& point, const SampleRecord& record, const std::string& git_revision,
                        const std::string& backend, const std::string& config_hash);

/// samples.csv opened for appending (see ResultsTable).
class SamplesFile : public ResultsTable {
 public:
  SamplesFile(const std::string& path, bool resume) : ResultsTable(path, samples_columns(), "samples", resume) {}
};

/// Every row of a samples file (header checked, cut last line ignored).
std::vector<SampleRow> read_samples_file(const std::string& path);

}  // namespace betarelax::experiments
