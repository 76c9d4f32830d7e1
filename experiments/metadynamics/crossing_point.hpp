#pragma once
/// Where a sample's trajectory crossed from the initial basin into the
/// product (the hop rule of core/bias/fes_landmarks.hpp, crossing_barrier):
/// the batch keeps the last frames of each replica (every CV step over
/// `crossing_frames_ps`, enough to reach back past the running mean's window
/// and the commit time to the moment of the jump) and, when a transition is
/// confirmed, bisects them by quenching: a frame whose inherent structure
/// still has the group within the confirmation threshold (is_change_A) of
/// the initial one is in the initial basin. The first frame out and the last
/// one in bracket the crossing to one CV stride (20 fs); log2(frames) quenches.
#include <string>

namespace betarelax::experiments {

struct CrossingPoint {
  bool located = false;
  std::string why;         ///< when not located
  long step_in = 0;        ///< the sample's step of the last frame in the initial basin
  long step_out = 0;       ///< ... and of the first frame out of it
  double s_in = 0, s_out = 0;  ///< the CV there (Å)
  int quenches = 0;
  double s() const { return 0.5 * (s_in + s_out); }  ///< the crossing point on the CV
};

/// Frames 0..n-1 in time order, frame n-1 known to be out of the initial
/// basin: the first frame out by bisection, or -1 when frame 0 is already out
/// (the trajectory left before the kept frames). With several crossings
/// among the frames it finds one of them: a frame in followed by one out.
/// `calls` counts the quenches `still_in(i)` made.
template <class StillIn>
int first_frame_out(int n, StillIn&& still_in, int& calls) {
  calls = 0;
  if (n < 2) return -1;
  ++calls;
  if (!still_in(0)) return -1;
  int in = 0, out = n - 1;
  while (out - in > 1) {
    const int mid = in + (out - in) / 2;
    ++calls;
    (still_in(mid) ? in : out) = mid;
  }
  return out;
}

}  // namespace betarelax::experiments
