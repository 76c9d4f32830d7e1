#include "core/integrate/md.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/integrate/velocity_verlet.hpp"

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
  compute_forces(ff, sys, Tally::totals);
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

namespace {

/// Frozen replicas stay where they are: whatever post_force added (a bias on
/// a collective variable that no longer moves) is taken off again.
void hold_frozen(System& sys) {
  auto f = sys.f;
  auto frozen = sys.frozen;
  const size_t n = size_t(sys.n_atoms);
  Kokkos::parallel_for(
      "md::hold_frozen", Kokkos::RangePolicy<ExecSpace>(0, f.extent(0)), KOKKOS_LAMBDA(const size_t k) {
        if (frozen(k / n))
          for (int d = 0; d < 3; ++d) f(k, d) = 0.0;
      });
}

}  // namespace

void md_step(MdIntegrator& md, System& sys, ForceField& ff, double ramp, bool energy) {
  const double dt = md.params.dt;
  if (sys.n_frozen > 0 && md.params.ensemble == Ensemble::npt)
    throw std::logic_error("md_step: a frozen replica in an NPT run (its barostat would still move the box)");
  switch (md.params.ensemble) {
    case Ensemble::nve:
      half_kick(sys, dt);
      drift(sys, dt);
      compute_forces(ff, sys, energy ? Tally::totals : Tally::forces);
      if (md.post_force) md.post_force(sys);
      if (sys.n_frozen > 0) hold_frozen(sys);
      half_kick(sys, dt);
      break;
    case Ensemble::nvt:
      nose_hoover_initial(md.nh, sys, ff, ramp);
      compute_forces(ff, sys, energy ? Tally::totals : Tally::forces);
      if (md.post_force) md.post_force(sys);
      if (sys.n_frozen > 0) hold_frozen(sys);
      nose_hoover_final(md.nh, sys, ff);
      break;
    case Ensemble::npt:
      nose_hoover_initial(md.nh, sys, ff, ramp);
      compute_forces(ff, sys, Tally::totals);
      if (md.post_force) md.post_force(sys);
      nose_hoover_final(md.nh, sys, ff);
      break;
  }
  ++md.step;
}

void continue_md(MdIntegrator& md, System& sys, ForceField& ff, long thermo_every, const ThermoCallback& on_thermo,
                 long stop_after) {
  const long length = md.run_end - md.run_begin;
  const long last = stop_after > 0 ? std::min(md.run_end, md.step + stop_after) : md.run_end;
  while (md.step < last) {
    const long s = md.step + 1 - md.run_begin;  // 1-based step of this run
    const bool report = on_thermo && (s == length || (thermo_every > 0 && s % thermo_every == 0));
    md_step(md, sys, ff, double(s) / double(length), report);
    if (report) on_thermo(md.step, thermo_rows(sys, ff, md.kinetic));
  }
}

void run_md(MdIntegrator& md, System& sys, ForceField& ff, long n_steps, long thermo_every,
            const ThermoCallback& on_thermo, long stop_after) {
  md.run_begin = md.step;
  md.run_end = md.step + n_steps;
  if (on_thermo) on_thermo(md.step, thermo_rows(sys, ff, md.kinetic));
  continue_md(md, sys, ff, thermo_every, on_thermo, stop_after);
}

}  // namespace betarelax
