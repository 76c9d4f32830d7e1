#include "experiments/metadynamics/transition.hpp"

namespace betarelax::experiments {

double TransitionDetector::running_mean(double t, double s) {
  window_.emplace_back(t, s);
  window_sum_ += s;
  while (!window_.empty() && window_.front().first <= t - rule_.window_ps) {
    window_sum_ -= window_.front().second;
    window_.pop_front();
  }
  return window_sum_ / window_.size();
}

bool TransitionDetector::returned(double t, double s) { return running_mean(t, s) < baseline_ + rule_.return_A; }

bool TransitionDetector::feed(double t, double s) {
  if (!have_baseline_) {
    baseline_sum_ += s;
    ++baseline_n_;
    if (t >= rule_.baseline_ps) {
      have_baseline_ = true;
      baseline_ = baseline_sum_ / baseline_n_;
      last_below_mean_ = baseline_;
    }
    return false;
  }
  const double mean = running_mean(t, s);
  if (mean < baseline_ + rule_.jump_A) {
    above_ = false;
    last_below_mean_ = mean;
    return false;
  }
  if (!above_) {
    above_ = true;
    left_at_ = t;
    level_before_ = last_below_mean_;
  }
  if (t - left_at_ >= rule_.commit_ps) {
    level_after_ = mean;
    return true;
  }
  return false;
}

void TransitionDetector::reject() {
  above_ = false;
  window_.clear();
  window_sum_ = 0;
}

}  // namespace betarelax::experiments
