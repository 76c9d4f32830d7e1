#pragma once
/// Molecular dynamics of all replicas: NVE (velocity Verlet), NVT
/// (Nosé–Hoover chain) and NPT (MTK, isotropic), with temperature and
/// pressure ramps over a run as LAMMPS's Tstart → Tstop.
#include <functional>
#include <string>
#include <vector>

#include "core/integrate/nose_hoover.hpp"
#include "core/integrate/thermo.hpp"
#include "core/potential/force_field.hpp"
#include "core/system/system.hpp"

namespace betarelax {

enum class Ensemble { nve, nvt, npt };

/// "nve" | "nvt" | "npt"; throws std::invalid_argument otherwise.
Ensemble parse_ensemble(const std::string& name);
const char* ensemble_name(Ensemble e);

struct MdParams {
  Ensemble ensemble = Ensemble::nve;
  double dt = 0.002;                ///< ps (the paper's 2 fs)
  std::vector<double> t_start{300}; ///< K: one for all replicas, or one per replica
  std::vector<double> t_stop;       ///< K; empty: = t_start
  double t_damp = 0.2;              ///< ps
  std::vector<double> p_start{0};   ///< bar
  std::vector<double> p_stop;       ///< bar; empty: = p_start
  double p_damp = 2.0;              ///< ps
};

struct MdIntegrator {
  MdParams params;
  NoseHoover nh;
  ReplicaSum<1> kinetic;
  long step = 0;       ///< steps taken since creation
  long run_begin = 0;  ///< step at which the current run (and its ramps) began
  long run_end = 0;    ///< step at which it ends
  /// Extra forces after the potential's every step (LAMMPS post_force: a
  /// bias such as metadynamics adds to sys.f here); empty for none.
  std::function<void(System&)> post_force;
};

/// Checks the parameters, computes the first forces (with virial) and the
/// thermostat/barostat masses (LAMMPS setup()).
MdIntegrator make_md(System& sys, ForceField& ff, const MdParams& params);

/// One step; `ramp` is (step − begin)/(end − begin) of the step being taken.
/// `energy` asks for energies and virials at the end of the step (always
/// computed for NPT, which needs the virial).
void md_step(MdIntegrator& md, System& sys, ForceField& ff, double ramp, bool energy);

using ThermoCallback = std::function<void(long step, const std::vector<ThermoRow>& rows)>;

/// Starts a run of `n_steps` steps (ramps span it) and runs it to the end;
/// `on_thermo` sees the first step and every `thermo_every` steps (and the
/// last). Returns early, with the run unfinished, when `stop_after` > 0 steps
/// of it were taken (for checkpoints); continue_md finishes it.
void run_md(MdIntegrator& md, System& sys, ForceField& ff, long n_steps, long thermo_every,
            const ThermoCallback& on_thermo, long stop_after = 0);

/// Continues the current run up to its end (or `stop_after` more steps).
void continue_md(MdIntegrator& md, System& sys, ForceField& ff, long thermo_every, const ThermoCallback& on_thermo,
                 long stop_after = 0);

}  // namespace betarelax
