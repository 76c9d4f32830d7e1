#include "md.hpp"

#include <stdexcept>

#include "velocity_verlet.hpp"

namespace betarelax {

Ensemble parse_ensemble(const std::string& name) {
  if (name == "nve") return Ensemble::nve;
  if (name == "nvt") return Ensemble::nvt;
  if (name == "npt") return Ensemble::npt;
  throw std::invalid_argument("unknown ensemble '" + name + "' (nve, nvt or npt)");
}

const char* ensemble_name(Ensemble e) {
  switch (e) {
    case Ensemble::nve: return "nve";
    case Ensemble::nvt: return "nvt";
    case Ensemble::npt: return "npt";
  }
  return "?";
}

MdIntegrator make_md(System& sys, ForceField& ff, const MdParams& params) {
  if (!(params.dt > 0)) throw std::invalid_argument("time step must be positive");
  MdIntegrator md;
  md.params = params;
  md.kinetic = ReplicaSum<1>(sys.n_replicas, sys.n_atoms);
  compute_forces(ff, sys, true);
  if (params.ensemble != Ensemble::nve) {
    NoseHooverParams nhp;
    nhp.dt = params.dt;
    nhp.t_damp = params.t_damp;
    nhp.p_damp = params.p_damp;
    nhp.barostat = params.ensemble == Ensemble::npt;
    md.nh = make_nose_hoover(sys, nhp, params.t_start, params.t_stop, params.p_start, params.p_stop);
    nose_hoover_setup(md.nh, sys);
  }
  return md;
}

void md_step(MdIntegrator& md, System& sys, ForceField& ff, double ramp, bool energy) {
  const double dt = md.params.dt;
  switch (md.params.ensemble) {
    case Ensemble::nve:
      half_kick(sys, dt);
      drift(sys, dt);
      compute_forces(ff, sys, energy);
      half_kick(sys, dt);
      break;
    case Ensemble::nvt:
      nose_hoover_initial(md.nh, sys, ff, ramp);
      compute_forces(ff, sys, energy);
      nose_hoover_final(md.nh, sys, ff);
      break;
    case Ensemble::npt:
      nose_hoover_initial(md.nh, sys, ff, ramp);
      compute_forces(ff, sys, true);
      nose_hoover_final(md.nh, sys, ff);
      break;
  }
  ++md.step;
}

void run_md(MdIntegrator& md, System& sys, ForceField& ff, long n_steps, long thermo_every,
            const ThermoCallback& on_thermo) {
  if (on_thermo) on_thermo(0, thermo_rows(sys, ff, md.kinetic));
  for (long s = 1; s <= n_steps; ++s) {
    const bool report = on_thermo && (s == n_steps || (thermo_every > 0 && s % thermo_every == 0));
    md_step(md, sys, ff, double(s) / double(n_steps), report);
    if (report) on_thermo(s, thermo_rows(sys, ff, md.kinetic));
  }
}

}  // namespace betarelax
