#include "experiments/glass_preparation/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace betarelax::experiments {

long ramp_steps(double t_a, double t_b, double rate, double dt_ps) {
  if (!(rate > 0) || !(dt_ps > 0)) throw std::invalid_argument("cooling rate and time step must be positive");
  const double duration_ps = std::fabs(t_a - t_b) / rate * 1e12;
  return std::lround(duration_ps / dt_ps);
}

std::vector<GlassStage> make_glass_schedule(const GlassScheduleParams& p) {
  if (!(p.dt_ps > 0) || !(p.melt_ps > 0) || !(p.anneal_ps >= 0)) {
    throw std::invalid_argument("time step and melt time must be positive, anneal time not negative");
  }
  if (!(p.melt_temperature > p.anneal_temperature)) {
    throw std::invalid_argument("the melt temperature must exceed the anneal temperature");
  }
  if (p.targets.empty()) throw std::invalid_argument("no target temperatures");
  std::vector<double> targets = p.targets;
  std::sort(targets.begin(), targets.end(), std::greater<double>());
  for (size_t i = 0; i < targets.size(); ++i) {
    if (!(targets[i] > 0) || !(targets[i] < p.anneal_temperature)) {
      throw std::invalid_argument("target " + std::to_string(targets[i]) +
                                  " K is not between 0 and the anneal temperature");
    }
    if (i > 0 && targets[i] == targets[i - 1]) {
      throw std::invalid_argument("target " + std::to_string(targets[i]) + " K is listed twice");
    }
  }
  std::vector<GlassStage> stages;
  const auto add = [&](std::string name, double t0, double t1, long steps, double target) {
    GlassStage s{std::move(name), t0, t1, steps, 0, 0, target};
    s.begin = stages.empty() ? 0 : stages.back().end;
    s.end = s.begin + steps;
    stages.push_back(s);
  };
  add("melt", p.melt_temperature, p.melt_temperature, std::lround(p.melt_ps / p.dt_ps), 0);
  add("quench", p.melt_temperature, p.anneal_temperature,
      ramp_steps(p.melt_temperature, p.anneal_temperature, p.cooling_rate, p.dt_ps), 0);
  const long anneal = std::lround(p.anneal_ps / p.dt_ps);
  if (anneal > 0) add("anneal", p.anneal_temperature, p.anneal_temperature, anneal, 0);
  double from = p.anneal_temperature;
  for (double t : targets) {
    add("cool_to_" + std::to_string(std::lround(t)) + "K", from, t, ramp_steps(from, t, p.cooling_rate, p.dt_ps), t);
    from = t;
  }
  return stages;
}

size_t stage_at(const std::vector<GlassStage>& stages, long step) {
  for (size_t k = 0; k < stages.size(); ++k)
    if (step < stages[k].end) return k;
  return stages.size();
}

}  // namespace betarelax::experiments
