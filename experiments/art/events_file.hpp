#pragma once
/// events.csv of an ART campaign: one row per finished search, failed ones
/// included (a ResultsTable: whole rows only, whatever the moment of a
/// kill). The row is written after the event's data files, so a row means a
/// finished event; an event without its row is run again.
///
/// Schema (documented in experiments/README.md): id, seed, status, E_min_eV,
/// E_saddle_eV, dQ_eV, E_final_eV, eigenvalue_eV_A2,
/// second_eigenvalue_eV_A2, saddle_fmax_eV_A, force_calls, displaced_atoms,
/// max_displacement_A, most_displaced_id, hessian_negative, hessian_atoms,
/// nu_star_Hz,
/// dS_harm_kB, wall_s, git_revision, backend, config_hash. Saddle columns
/// are empty when no saddle was reached, final-state ones when no final
/// minimum was.
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/art/art_event.hpp"
#include "experiments/common/results_table.hpp"

namespace betarelax::experiments {

const std::vector<std::string>& events_columns();

struct EventProvenance {
  std::string git_revision, backend, config_hash;
};

std::string events_row(long id, uint64_t seed, double e_min, const ArtEventResult& ev, int most_displaced_id,
                       double wall_s, const EventProvenance& prov);

class EventsFile : public ResultsTable {
 public:
  EventsFile(const std::string& path, bool resume) : ResultsTable(path, events_columns(), "ART events", resume) {}
};

}  // namespace betarelax::experiments
