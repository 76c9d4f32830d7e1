#pragma once
/// An MD run advanced in slices of at most `checkpoint_every` steps, with a
/// checkpoint after each slice that ends before `until`, within the step
/// budget of the invocation: what makes a long schedule survive a kill.
#include <string>

#include "core/integrate/md.hpp"
#include "experiments/common/run_control.hpp"

namespace betarelax::experiments {

/// Advances the current run of `md` to step `until` (≤ md.run_end). Returns
/// false when the budget ran out first (a checkpoint of where it stopped is
/// written). The caller checkpoints at `until` itself, after whatever must be
/// on disk before that checkpoint (a saved glass, say).
bool advance_checkpointed(MdIntegrator& md, System& sys, ForceField& ff, long until, long thermo_every,
                          long checkpoint_every, const ThermoCallback& on_thermo, const std::string& checkpoint,
                          RunControl& control);

}  // namespace betarelax::experiments
