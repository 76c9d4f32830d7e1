#include "experiments/common/checkpointed_md.hpp"

#include <algorithm>

#include "core/io/checkpoint.hpp"

namespace betarelax::experiments {

bool advance_checkpointed(MdIntegrator& md, System& sys, ForceField& ff, long until, long thermo_every,
                          long checkpoint_every, const ThermoCallback& on_thermo, const std::string& checkpoint,
                          RunControl& ctl) {
  while (md.step < until) {
    const long slice = std::min({checkpoint_every, until - md.step, ctl.budget()});
    if (slice <= 0) {
      write_checkpoint(checkpoint, sys, ff, md);
      return false;
    }
    const long before = md.step;
    continue_md(md, sys, ff, thermo_every, on_thermo, slice);
    ctl.steps_taken += md.step - before;
    if (ctl.progress) ctl.progress->update(md.step);
    if (md.step < until) write_checkpoint(checkpoint, sys, ff, md);
  }
  return true;
}

}  // namespace betarelax::experiments
