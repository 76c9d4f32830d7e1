#pragma once
/// Nosé–Hoover chain thermostat (NVT) and Martyna–Tobias–Klein isotropic
/// barostat (NPT), step for step as LAMMPS `fix nvt` / `fix npt ... iso`
/// (fix_nh.cpp: Tobias-Martyna-Tuckerman-Klein integration with chains of 3,
/// one Trotter loop, masses Q_0 = dof k_B T/ω², Q_i = k_B T/ω², W = (N+1)
/// k_B T/ω_p²). Every replica carries its own chain, barostat, target
/// temperature and pressure; all updates run on the device.
#include <vector>

#include "core/potential/force_field.hpp"
#include "core/system/replica_sum.hpp"
#include "core/system/system.hpp"

namespace betarelax {

constexpr int kNhChain = 3;

struct NoseHooverParams {
  double dt = 0.002;     ///< time step (ps)
  double t_damp = 0.2;   ///< thermostat relaxation time (ps); LAMMPS advises 100 dt
  double p_damp = 2.0;   ///< barostat relaxation time (ps); LAMMPS advises 1000 dt
  bool barostat = false;  ///< NPT (isotropic) when true, else NVT
};

/// Per-replica state: plain Views of R rows.
struct NoseHoover {
  NoseHooverParams params;
  int n_atoms = 0;
  double tdof = 0;  ///< 3N − 3

  RealView t_start, t_stop, t_target, t_current;      ///< K
  Kokkos::View<double* [kNhChain], MemSpace> eta, eta_dotdot, eta_mass;
  Kokkos::View<double* [kNhChain + 1], MemSpace> eta_dot;  ///< last column stays 0

  RealView p_start, p_stop, p_hydro, p_current;  ///< bar
  RealView omega_dot, omega_mass, mtk_term2;     ///< barostat rate (1/ps), mass, MTK coupling
  Kokkos::View<double* [kNhChain], MemSpace> etap, etap_dotdot, etap_mass;
  Kokkos::View<double* [kNhChain + 1], MemSpace> etap_dot;

  RealView velocity_scale;  ///< per replica factor handed to scale_velocities
  ReplicaSum<1> kinetic;    ///< Σ ½mv² per replica
};

/// Temperatures (K) and pressures (bar) per replica; ramps go start → stop
/// over a run, as LAMMPS's Tstart/Tstop, Pstart/Pstop.
NoseHoover make_nose_hoover(const System& sys, const NoseHooverParams& params, const std::vector<double>& t_start,
                            const std::vector<double>& t_stop, const std::vector<double>& p_start = {},
                            const std::vector<double>& p_stop = {});

/// A new ramp t_start → t_stop (K; one value or one per replica) for the
/// next run, keeping the chains' state: a schedule of consecutive runs (melt,
/// quench, anneal, cool) then integrates as one continuous thermostat.
void set_temperature_ramp(NoseHoover& nh, const std::vector<double>& t_start, const std::vector<double>& t_stop);

/// LAMMPS FixNH::setup: current T, chain masses, barostat masses. Needs
/// forces with Tally::totals (the virial).
void nose_hoover_setup(NoseHoover& nh, const System& sys);

/// Replica r starts afresh at `temperature` (K), as a new fix nvt would:
/// chains and barostat at rest, masses and current T from its velocities.
/// The other replicas are left exactly as they were.
void nose_hoover_restart_replica(NoseHoover& nh, const System& sys, int r, double temperature);

/// First half of a step (FixNH::initial_integrate): thermostat and barostat
/// half steps, half kick, box remap, drift. `ramp` = (step − begin)/(end −
/// begin) of the step being taken.
void nose_hoover_initial(NoseHoover& nh, System& sys, const ForceField& ff, double ramp);

/// Second half (FixNH::final_integrate), after forces (with virial for NPT).
void nose_hoover_final(NoseHoover& nh, System& sys, const ForceField& ff);

}  // namespace betarelax
