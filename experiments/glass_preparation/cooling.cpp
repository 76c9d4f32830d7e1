// Phase 1 of the glass preparation: one replica through the whole schedule.
#include <algorithm>
#include <filesystem>

#include "core/integrate/md.hpp"
#include "core/integrate/thermo_csv.hpp"
#include "core/integrate/velocity_init.hpp"
#include "core/io/checkpoint.hpp"
#include "core/io/lammps_data.hpp"
#include "core/neighbor/spatial_sort.hpp"
#include "core/system/alloy_lattice.hpp"
#include "experiments/common/checkpointed_md.hpp"
#include "experiments/common/glass_folder.hpp"
#include "experiments/glass_preparation/glass_preparation.hpp"

namespace betarelax::experiments {

bool run_cooling(const GlassPreparationParams& p, RunControl& ctl) {
  namespace fs = std::filesystem;
  const fs::path dir(ctl.out_dir);
  const std::vector<GlassStage> stages = make_glass_schedule(p.schedule);
  const std::string ckpt = (dir / "cooling.ckpt").string();
  const std::string thermo = (dir / "cooling_thermo.csv").string();
  fs::create_directories(dir / "cooling");

  AlloyLatticeParams lp;
  lp.lattice = "fcc";
  lp.cells = p.fcc_cells;
  lp.a = p.lattice_constant;
  lp.fraction_type0 = p.cu_fraction;
  lp.seed = p.seed;
  lp.type_names = p.elements;
  System sys = make_system(spatially_sorted(make_alloy_lattice(lp)), 1);
  ForceField ff = make_force_field(p.potential, p.elements, sys, p.skin, p.pair_style);
  create_velocities(sys, {p.schedule.melt_temperature}, p.seed);
  MdParams mp;
  mp.ensemble = Ensemble::npt;
  mp.dt = p.schedule.dt_ps;
  mp.t_start = {stages.front().t_start};
  mp.t_stop = {stages.front().t_stop};
  mp.t_damp = p.t_damp_ps;
  mp.p_start = {p.pressure_bar};
  mp.p_damp = p.p_damp_ps;
  MdIntegrator md = make_md(sys, ff, mp);

  const bool resuming = ctl.resume && fs::exists(ckpt);
  if (resuming) {
    read_checkpoint(ckpt, sys, ff, md);
    truncate_thermo_csv(thermo, md.step);
  }
  if (stage_at(stages, md.step) == stages.size()) return true;  // done before

  ThermoCsv csv(thermo, mp.dt, resuming);
  long last_row = resuming ? md.step : -1;
  auto on_thermo = [&](long step, const std::vector<ThermoRow>& rows) {
    if (step > last_row) csv.write(step, rows);  // a stage's first row is the last one's end
    last_row = step;
  };
  if (!resuming) on_thermo(md.step, thermo_rows(sys, ff, md.kinetic));

  const long total = stages.back().end;
  if (ctl.progress) ctl.progress->start("[glass 1/3] cooling schedule", total, md.step);
  for (size_t k = stage_at(stages, md.step); k < stages.size(); ++k) {
    const GlassStage& st = stages[k];
    if (md.step == st.begin) {  // a stage starts: its ramp spans it (LAMMPS: a new `run` of fix npt Tstart Tstop)
      set_temperature_ramp(md.nh, {st.t_start}, {st.t_stop});
      md.run_begin = st.begin;
      md.run_end = st.end;
    }
    if (!advance_checkpointed(md, sys, ff, st.end, p.thermo_every, p.checkpoint_every, on_thermo, ckpt, ctl)) {
      if (ctl.progress) ctl.progress->finish();
      return false;
    }
    if (st.target > 0) {
      write_lammps_data((dir / "cooling" / (GlassFolder::stem(st.target) + "_quenched.data")).string(), extract_replica(sys, 0),
                        "betarelax glass preparation: the cooling path at " + std::to_string(st.target) + " K");
    }
    write_checkpoint(ckpt, sys, ff, md);
    if (ctl.log) *ctl.log << "\n[glass] stage " << st.name << " done at step " << md.step << "\n";
  }
  if (ctl.progress) ctl.progress->finish();
  return true;
}

}  // namespace betarelax::experiments
