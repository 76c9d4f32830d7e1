#pragma once
/// When a metadynamics sample has made its transition (paper §II: "a sudden
/// jump in CV"). The rule, fixed before any run:
///  1. the initial basin's CV level is the mean of s over the first
///     `baseline_ps` of the sample;
///  2. a candidate jump is a running mean of s (over `window_ps`) that stays
///     at least `jump_A` above that level for `commit_ps` without a break;
///  3. the driver confirms a candidate by quenching a copy of the system: the
///     group's inherent structure must differ from the initial one by more
///     than an RMSD threshold (a rearrangement, not an elastic stretch of
///     the basin under the bias); an unconfirmed candidate is forgotten and
///     the watch goes on;
///  4. a confirmed transition stands while the system stays out of the
///     initial basin: when the running mean falls back below the level +
///     `return_A`, the system went back (a shallow intermediate state, not
///     the paper's jump to a basin it stays in) and the transition is
///     revoked; the watch goes on from there.
#include <deque>

namespace betarelax::experiments {

struct TransitionRule {
  double baseline_ps = 2.0;
  double window_ps = 1.0;
  double jump_A = 0.5;
  double commit_ps = 2.0;
  double return_A = 0.25;
};

class TransitionDetector {
 public:
  explicit TransitionDetector(const TransitionRule& rule) : rule_(rule) {}
  /// Feeds one CV sample; true when a candidate has just been committed.
  bool feed(double time_ps, double s);
  /// Forget the current candidate (it was not confirmed, or it was revoked).
  void reject();
  /// After a confirmed transition: feeds one CV sample; true when the
  /// running mean has fallen back below the initial level + return_A.
  bool returned(double time_ps, double s);

  double baseline() const { return baseline_; }
  /// Where the candidate left the basin: the time its running mean first
  /// crossed the threshold, and the running means just before and at commit.
  double left_at_ps() const { return left_at_; }
  double level_before() const { return level_before_; }
  double level_after() const { return level_after_; }

 private:
  TransitionRule rule_;
  double baseline_sum_ = 0, baseline_ = 0;
  long baseline_n_ = 0;
  bool have_baseline_ = false;
  std::deque<std::pair<double, double>> window_;  ///< (time, s)
  double window_sum_ = 0;
  /// The running mean of s over window_ps, with (t, s) pushed in.
  double running_mean(double t, double s);
  bool above_ = false;
  double left_at_ = 0, level_before_ = 0, level_after_ = 0, last_below_mean_ = 0;
};

}  // namespace betarelax::experiments
