#include "experiments/common/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace betarelax::experiments {

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

Progress::Progress(std::ostream& os, bool tty, double line_every_s)
    : os_(os), tty_(tty), line_every_s_(line_every_s) {}

std::string Progress::duration(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  char buf[32];
  const long t = std::lround(s);
  if (t >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
  } else if (t >= 60) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lds", t);
  }
  return buf;
}

void Progress::start(const std::string& label, long total, long done, const std::string& unit) {
  label_ = label;
  unit_ = unit;
  total_ = total;
  first_ = done_ = done;
  begin_ = last_draw_ = std::chrono::steady_clock::now();
  draw(false);
}

void Progress::update(long done) {
  done_ = done;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_draw_).count();
  if (since >= (tty_ ? 0.2 : line_every_s_)) draw(false);
}

void Progress::finish() {
  draw(true);
}

void Progress::draw(bool final) {
  const auto now = std::chrono::steady_clock::now();
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - begin_).count();
  const double frac = total_ > 0 ? double(done_) / total_ : 1.0;
  const double rate = elapsed > 0 ? (done_ - first_) / elapsed : 0.0;
  const double eta = rate > 0 ? (total_ - done_) / rate : NAN;
  char stats[200];
  const bool coarse = unit_ != "steps";  // samples: a rate per hour reads better
  std::snprintf(stats, sizeof stats, coarse ? "%5.1f%%  %ld/%ld %s  %.1f %s/h  %s %s" : "%5.1f%%  %ld/%ld %s  %.0f %s/s  %s %s",
                100 * frac, done_, total_, unit_.c_str(), coarse ? rate * 3600 : rate, unit_.c_str(),
                final ? "took" : "ETA", final ? duration(elapsed).c_str() : duration(eta).c_str());
  if (tty_) {
    constexpr int width = 24;
    const int fill = static_cast<int>(std::lround(frac * width));
    os_ << "\r\033[K" << label_ << " [" << std::string(fill, '#') << std::string(width - fill, '.') << "] " << stats;
    if (final) os_ << "\n";
  } else {
    os_ << label_ << ": " << stats << "\n";
  }
  os_.flush();
}

}  // namespace betarelax::experiments
