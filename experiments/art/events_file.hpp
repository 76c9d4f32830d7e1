#pragma once
/// events.csv of an ART campaign: one row per finished search, failed ones
/// included (a ResultsTable: whole rows only, whatever the moment of a
/// kill). The row is written after the event's data files, so a row means a
/// finished event; an event without its row is run again.
///
/// Its columns are defined once, in events_file.cpp (name, meaning, cell).
/// Saddle columns are empty when no saddle was reached, final-state ones
/// when no final minimum was.
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/art/art_event.hpp"
#include "experiments/common/results_table.hpp"

namespace betarelax::experiments {

struct EventProvenance {
  std::string git_revision, backend, config_hash;
};

/// What one row is made of: a finished search, where it started and the run's provenance.
struct EventRowSource {
  long id;
  uint64_t seed;
  double e_min;  ///< the initial minimum's energy (eV)
  const ArtEventResult& event;
  int most_displaced_id;
  double wall_s;
  const EventProvenance& provenance;
};

/// The schema of events.csv.
const std::vector<Column<EventRowSource>>& events_schema();
/// Its column names, in order (the header).
const std::vector<std::string>& events_columns();

/// The row of a finished search.
std::string events_row(const EventRowSource& source);

class EventsFile : public ResultsTable {
 public:
  EventsFile(const std::string& path, bool resume) : ResultsTable(path, events_columns(), "ART events", resume) {}
};

}  // namespace betarelax::experiments
