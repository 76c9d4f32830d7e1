#pragma once
/// A campaign of independent WT-MetaD samples over a grid of temperatures,
/// cluster cutoffs and sample indices (paper §III, §IV.A, Figs. 2–4), run
/// as batches of replicas (sample_batch.hpp), resumable sample by sample.
///
/// The experiments cluster_size.toml, sample_count.toml and
/// temperature_sweep.toml are campaigns; `campaign.kind` names the summary
/// each writes. Outputs in the results folder:
///   campaign.json   the plan: points, seeds, cutoffs and where they came
///                   from, the group at each (T, cutoff), provenance
///   samples.csv     one row per finished sample (samples_file.hpp)
///   samples/<id>/   each sample's sample.json, fes.csv, HILLS (cv.csv and
///                   configurations when output.sample_files asks)
///   summary.json    the statistics of the kind (campaign_summary.hpp)
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/experiment_config.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/metadynamics/sample_run.hpp"
#include "experiments/metadynamics/single_sample.hpp"

namespace betarelax::experiments {

struct CampaignParams {
  SingleSampleParams sample;           ///< shared by every sample (T, cutoff, seed per point)
  std::string kind;                    ///< cluster_size | sample_count | temperature_sweep
  std::vector<double> temperatures;    ///< K
  std::vector<std::string> cutoffs;    ///< Å as text, or an RDF landmark name (rdf_cutoffs)
  long samples = 1;                    ///< per (T, cutoff)
  uint64_t seed = 1;                   ///< the campaign's seed; each point's is derived from it
  long replicas = 0;                   ///< R; 0: chosen from the backend
  double reference_temperature = 300;  ///< K: the glass whose RDF and centre define the groups
  SampleFiles files;
  double histogram_bin = 0.05;         ///< eV
  std::vector<long> spectra_after;     ///< sample_count: spectra after these many samples
  long box_every = 10;                 ///< sample_count: box-and-whisker data every this many samples
  /// The deposition-rate control: `control_samples` more samples at
  /// `control_temperature` (one of the temperatures) and the first cutoff,
  /// with w0 scaled by `control_height_factor`. The hill rate is the largest
  /// systematic of a single-sample ΔF (a faster fill overshoots the basin);
  /// the control's spectrum beside the main one at the same T measures it.
  long control_samples = 0;
  double control_temperature = 0;      ///< K
  double control_height_factor = 1;
  /// Sites (issue 21): K groups of the glass, each with its own CV and bias,
  /// sampled in one MD run (core/cv/site_selection.hpp chooses them).
  int sites = 1;
  std::string separation_label;        ///< sites.separation_A as written: "cutoff_plus_skin" or a distance
  double separation_A = 0;             ///< resolved: the potential's cutoff + skin, or the number given
  /// The cross-talk measurement: every run once more per site alone (series
  /// "alone", K runs of one site, the same seed), paired with its run together.
  bool crosstalk = false;
  /// false: each site in an MD run of its own (issue 35): no bias but its
  /// own in the glass, so no cross-talk at any separation, at K times the MD.
  /// Site 0 keeps the point's seed (it is the paper's group as with one
  /// site); site k > 0 gets a seed of its own (a counter hash of it and k).
  /// The deposition-rate control samples site 0 only.
  bool together = true;
};

CampaignParams read_campaign(const ExperimentConfig& config, const std::string& glass_dir_override);

/// A cutoff named in the config: a number (Å), or one of first_peak,
/// first_minimum, second_peak_1, second_peak_2, second_minimum: the RDF's
/// characteristic positions in the glass preparation's structure.json at the
/// reference temperature (the rule of core/rdf_landmarks.hpp, fixed before
/// any sample is run). Throws InputError naming the label and the file.
double resolve_cutoff(const std::string& label, const nlohmann::json& structure, double reference_temperature,
                      const std::string& structure_path);

/// The grid in a fixed order, sample index outermost (a cut campaign has
/// samples at every point), then T, cutoff and site innermost; each run (the
/// K sites of one MD trajectory) with its seed: a counter-based hash of
/// (campaign seed, T, cutoff, index). With crosstalk, each run is followed
/// by its K runs alone (series "alone", same seed); with sites apart
/// (together = false) each site is a run of its own. Then the control's runs
/// (series "control", seeds from index + 2^32, so no seed repeats a main
/// sample's). Group ids are attached by the caller.
std::vector<SamplePoint> campaign_points(const CampaignParams& p, const std::vector<double>& cutoffs_A);

/// Runs the campaign's pending samples; false when control.stop_after cut it
/// (finished samples are in samples.csv; --resume runs the rest).
bool run_metad_campaign(const ExperimentConfig& config, RunControl& control);

}  // namespace betarelax::experiments
