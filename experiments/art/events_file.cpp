#include "experiments/art/events_file.hpp"

namespace betarelax::experiments {
namespace {

using E = EventRowSource;

bool saddle(const E& e) { return !e.event.saddle.empty(); }
std::string if_saddle(const E& e, double v) { return saddle(e) ? exact(v) : std::string(); }
bool hessian(const E& e) { return e.event.hessian_negative >= 0; }
bool prefactor(const E& e) { return e.event.prefactor.valid; }
bool final_state(const E& e) { return !e.event.final_minimum.empty(); }
std::string if_final(const E& e, const std::string& v) { return final_state(e) ? v : std::string(); }

}  // namespace

const std::vector<Column<EventRowSource>>& events_schema() {
  static const std::vector<Column<E>> columns = {
      {"id", "the event's number", [](const E& e) { return std::to_string(e.id); }},
      {"seed", "its push seed", [](const E& e) { return std::to_string(e.seed); }},
      {"status", "verified, or why not", [](const E& e) { return csv_cell(e.event.status); }},
      {"E_min_eV", "energy of the initial minimum", [](const E& e) { return exact(e.e_min); }},
      {"E_saddle_eV", "energy of the saddle", [](const E& e) { return if_saddle(e, e.event.e_saddle); }},
      {"E_back_eV", "energy of the minimum the saddle relaxes back to (E_min unless a spot off the group settled elsewhere)",
       [](const E& e) { return if_saddle(e, e.event.e_back); }},
      {"dQ_eV", "dQ = E_saddle - E_back", [](const E& e) { return if_saddle(e, e.event.e_saddle - e.event.e_back); }},
      {"E_final_eV", "energy of the final minimum",
       [](const E& e) { return e.event.final_minimum.empty() ? std::string() : exact(e.event.e_final); }},
      {"eigenvalue_eV_A2", "lowest Hessian eigenvalue at the saddle (eV/A^2, not mass-weighted)",
       [](const E& e) { return exact(e.event.eigenvalue); }},
      {"second_eigenvalue_eV_A2", "second-lowest Hessian eigenvalue at the saddle",
       [](const E& e) { return if_saddle(e, e.event.second_eigenvalue); }},
      {"saddle_fmax_eV_A", "largest per-atom force at the saddle", [](const E& e) { return if_saddle(e, e.event.saddle_fmax); }},
      {"force_calls", "force evaluations of the whole event (search, checks, Hessians)",
       [](const E& e) { return std::to_string(e.event.force_calls); }},
      {"search_force_calls", "force evaluations from the push to the converged saddle (eOn's count)",
       [](const E& e) { return std::to_string(e.event.search_force_calls); }},
      {"hessian_force_calls", "force evaluations of the partial Hessians (the prefactor)",
       [](const E& e) { return std::to_string(e.event.hessian_force_calls); }},
      {"region_weight", "the last mode's norm^2 on the group's region (group + first shell)",
       [](const E& e) { return exact(e.event.region_weight); }},
      {"displaced_atoms", "atoms moved more than displaced_A from minimum to saddle",
       [](const E& e) { return saddle(e) ? std::to_string(e.event.displaced_atoms) : std::string(); }},
      {"max_displacement_A", "the largest move", [](const E& e) { return if_saddle(e, e.event.max_displacement_A); }},
      {"most_displaced_id", "the atom that moved most",
       [](const E& e) { return saddle(e) ? std::to_string(e.most_displaced_id) : std::string(); }},
      {"group_rmsd_saddle_A", "Eq. (1) CV of the saddle from the initial minimum",
       [](const E& e) { return if_saddle(e, e.event.group_rmsd_saddle_A); }},
      {"group_rmsd_final_A", "Eq. (1) CV of the final minimum from the initial one",
       [](const E& e) { return if_final(e, exact(e.event.group_rmsd_final_A)); }},
      {"moved_2A", "atoms farther than 2 A from the initial minimum in the final one (Fig. 1's rule)",
       [](const E& e) { return if_final(e, std::to_string(e.event.moved_2A)); }},
      {"moved_0p5A", "atoms farther than 0.5 A from the initial minimum in the final one",
       [](const E& e) { return if_final(e, std::to_string(e.event.moved_0p5A)); }},
      {"back_outside_A", "largest move of a non-group atom when relaxing back (a spot elsewhere that settled otherwise)",
       [](const E& e) { return if_final(e, exact(e.event.back_outside_A)); }},
      {"hessian_negative", "negative modes of the partial Hessian at the saddle",
       [](const E& e) { return hessian(e) ? std::to_string(e.event.hessian_negative) : std::string(); }},
      {"hessian_atoms", "the partial Hessian region's size",
       [](const E& e) { return hessian(e) ? std::to_string(e.event.hessian_atoms) : std::string(); }},
      {"nu_star_Hz", "Vineyard prefactor", [](const E& e) { return prefactor(e) ? exact(e.event.prefactor.nu_star_Hz) : std::string(); }},
      {"dS_harm_kB", "ln(nu*/nu0)", [](const E& e) { return prefactor(e) ? exact(e.event.prefactor.dS_kB) : std::string(); }},
      {"wall_s", "wall time (the only column that differs between identical runs)", [](const E& e) { return exact(e.wall_s); }},
      {"git_revision", "provenance: the build's revision", [](const E& e) { return csv_cell(e.provenance.git_revision); }},
      {"backend", "provenance: the execution space", [](const E& e) { return csv_cell(e.provenance.backend); }},
      {"config_hash", "provenance: the configuration's sha256", [](const E& e) { return csv_cell(e.provenance.config_hash); }},
  };
  return columns;
}

const std::vector<std::string>& events_columns() {
  static const std::vector<std::string> names = column_names(events_schema());
  return names;
}

std::string events_row(const EventRowSource& source) { return row_of(events_schema(), source); }

}  // namespace betarelax::experiments
