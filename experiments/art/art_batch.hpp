#pragma once
/// ART searches as R replicas of one engine (issue #8, "batched"): each
/// search is host code that asks for forces one configuration at a time, so
/// R searches run on R host threads, each asking through its replica's slot;
/// the calling thread evaluates every waiting slot in one batched force call
/// (compute_forces over all replicas: one kernel launch per stage, what a
/// GPU needs) and hands the results back. Only the calling thread touches
/// Kokkos. Each replica has its own neighbour-list rebuilds, and every event
/// starts from the same state of its replica (the minimum, list invalidated),
/// so an event's result depends on its seed alone: the same bits with R = 1
/// or R = 16, in any order of completion. R = 1 runs inline, no threads.
#include <functional>
#include <vector>

#include "core/potential/force_field.hpp"
#include "core/saddle/art_nouveau.hpp"
#include "core/system/system.hpp"

namespace betarelax::experiments {

/// `work(ef, id)` runs one event with the energy function of its replica;
/// it is called on a worker thread when R > 1 (serialise its own output).
using ArtJob = std::function<void(const EnergyForce& ef, long id)>;

/// Runs the events `ids` on the replicas of `sys` (all holding `minimum`,
/// positions unwrapped as in art_engine.hpp). Exceptions from a job stop the
/// batch and are rethrown here.
void run_art_batch(System& sys, ForceField& ff, const Configuration& minimum, const std::vector<long>& ids,
                   const ArtJob& work);

}  // namespace betarelax::experiments
