#pragma once
/// The glass-preparation schedule of the paper (§II): melt → quench at rate q
/// → sub-T_g anneal → cool at rate q through the target temperatures, all NPT
/// at zero pressure; a stage per segment, with the glass saved as the cooling
/// path passes each target. Stage lengths are whole steps:
/// steps = round(duration / dt), and a ramp from T_a to T_b at rate q lasts
/// |T_a − T_b| / q (q in K/s, so × 1e12 for ps).
#include <string>
#include <vector>

namespace betarelax::experiments {

struct GlassScheduleParams {
  double dt_ps = 0.002;
  double melt_temperature = 2000;    ///< K
  double melt_ps = 100;
  double anneal_temperature = 700;   ///< K (the paper's sub-T_g anneal)
  double anneal_ps = 500000;         ///< ps (paper: 500 ns)
  double cooling_rate = 1e10;        ///< K/s (paper)
  std::vector<double> targets;       ///< K, every one below the anneal temperature
};

struct GlassStage {
  std::string name;        ///< "melt", "quench", "anneal", "cool_to_450K", ...
  double t_start = 0, t_stop = 0;  ///< K
  long steps = 0;
  long begin = 0, end = 0;  ///< cumulative step counts of the schedule
  double target = 0;        ///< K: the glass saved at the end of this stage; 0 for none
};

/// Steps of a ramp from t_a to t_b (K) at `rate` (K/s) with step dt (ps).
long ramp_steps(double t_a, double t_b, double rate, double dt_ps);

/// Throws std::invalid_argument on a target at or above the anneal
/// temperature, a repeated target, or non-positive times and rates.
std::vector<GlassStage> make_glass_schedule(const GlassScheduleParams& p);

/// Index of the stage a schedule at cumulative step `step` is in: the first
/// stage with step < end (the stage count when the schedule is complete).
size_t stage_at(const std::vector<GlassStage>& stages, long step);

}  // namespace betarelax::experiments
