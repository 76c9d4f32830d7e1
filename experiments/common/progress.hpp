#pragma once
/// Progress of a long run on the terminal: a bar with rate and ETA redrawn in
/// place on a TTY, plain lines every `line_every_s` seconds otherwise (CI
/// logs, batch jobs).
#include <chrono>
#include <ostream>
#include <string>

namespace betarelax::experiments {

class Progress {
 public:
  Progress(std::ostream& os, bool tty, double line_every_s = 30.0);
  /// Starts a task of `total` units (MD steps, or e.g. "samples") named `label`.
  void start(const std::string& label, long total, long done = 0, const std::string& unit = "steps");
  /// A new label for the running task (counts that change as it runs).
  void relabel(const std::string& label) { label_ = label; }
  /// Reports `done` units; draws at most every 0.2 s (TTY) or line_every_s.
  void update(long done);
  /// Final line of the task.
  void finish();

  /// "1h02m", "3m12s", "45s".
  static std::string duration(double seconds);

 private:
  void draw(bool final);
  std::ostream& os_;
  bool tty_;
  double line_every_s_;
  std::string label_, unit_ = "steps";
  long total_ = 0, first_ = 0, done_ = 0;
  std::chrono::steady_clock::time_point begin_, last_draw_;
};

/// True when `fd` is a terminal.
bool is_terminal(int fd);

}  // namespace betarelax::experiments
