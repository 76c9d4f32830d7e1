#pragma once
/// A campaign of ART nouveau events on one glass (paper §IV.C, Fig. 4b):
/// the inherent structure minimised once, then `events` independent searches
/// from it, each pushed on the boosted group with its own seed (a counter
/// hash of the campaign seed and the event id: adding events keeps the first
/// ones), resumable event by event. Outputs in the results folder:
///   art.json             the plan: parameters, group, initial minimum, provenance
///   initial_minimum.data the minimum every search starts from
///   events.csv           one row per finished search (events_file.hpp)
///   saddles/saddle_<id>.data, minima/final_<id>.data   for each verified event
///                        (LAMMPS data files: check them with any code)
///   summary.json         counts by status, duplicates, the ΔQ spectrum, ⟨ΔQ⟩,
///                        force calls per verified saddle, ν* and ΔS_harm
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/art/art_event.hpp"
#include "experiments/common/experiment_config.hpp"
#include "experiments/common/run_control.hpp"
#include "experiments/art/metad_class.hpp"

namespace betarelax::experiments {

struct ArtCampaignParams {
  std::string potential;
  std::string pair_style;           ///< eam/fs | eam/alloy; empty: from the file name
  std::vector<std::string> elements;
  std::string data;                 ///< the starting structure (LAMMPS data)
  long center_id = 0;               ///< 0: by rule (the atom of center_element nearest the box centre)
  std::string center_element = "Cu";
  double cutoff = 4.0;              ///< the pushed group: atoms within this of the centre (Å)
  /// The group's ids (centre first) when the campaign's reference fixes them
  /// (art_comparison: the MetaD group, experiments/common/group_rule.hpp
  /// reference_group); empty: chosen in the minimised starting structure.
  std::vector<int> group_ids;
  long events = 10;
  uint64_t seed = 1;
  double skin = 1.0;                ///< neighbour skin (Å)
  long replicas = 0;                ///< searches in flight as replicas of one engine; 0: from the backend (results do not depend on it)
  double minimize_ftol = 1e-4;      ///< the initial minimum: engine FIRE to this largest per-atom force (eV/Å)
  double duplicate_eV = 1e-3;       ///< two verified events are one when saddle and final energies agree to this
  double histogram_bin = 0.1;       ///< eV
  ArtGlassParams art;
  /// The events WT-MetaD would count (validation/art_spectrum.hpp applies it).
  MetadClassRule metad_class;
  /// LAMMPS NEB on this many events after the searches (validation/neb_check.py,
  /// run by `betarelax reproduce` when lmp and mpirun are found; 0: none), each NEB stage this many iterations.
  long neb_events = 0, neb_steps = 5000;
};

/// The suite's defaults: experiments/art_comparison.toml's protocol (its
/// [art], [search] and [classes]), read from that file, where each value
/// stands with its reason.
ArtCampaignParams default_art_params();

/// [input] glass_dir + temperature_K (its inherent structure) or data, [group],
/// [art], [search] of an art_comparison TOML.
ArtCampaignParams read_art_campaign(const ExperimentConfig& config, const std::string& glass_dir_override);

/// The parameters as JSON (recorded in art.json; hashed for `betarelax art`).
nlohmann::json to_json(const ArtCampaignParams& p);

/// Runs the pending events into control.out_dir as batches of replicas
/// (art_batch.hpp; control.replicas overrides p.replicas); control.stop_after,
/// if set, is the number of events this invocation may run. Returns false
/// when that cut it (finished events are in events.csv; --resume runs the rest).
bool run_art_campaign(const ArtCampaignParams& p, const nlohmann::json& provenance, const std::string& config_hash,
                      RunControl& control);

/// The TOML entry point (`betarelax run experiments/art_comparison.toml`).
bool run_art_comparison(const ExperimentConfig& config, RunControl& control);

}  // namespace betarelax::experiments
