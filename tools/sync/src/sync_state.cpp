#include "sync/sync_state.h"

#include <algorithm>
#include <cmath>

namespace ps::sync {

double leaderShotSecondsAt(const LeaderState& state, double leaderClockSeconds) {
  double t = state.shotSeconds;
  if (state.playing) t += state.rate * (leaderClockSeconds - state.clockSeconds);
  const double in = state.inSeconds, out = state.outSeconds;
  if (!(out > in)) return t;
  if (state.loop && state.playing) {
    const double span = out - in;
    return in + std::fmod(std::fmod(t - in, span) + span, span);
  }
  // The last frame's time is just before out: half a frame inside.
  const double last = std::max(in, out - 0.5 / std::max(1.0, state.fps));
  return std::clamp(t, in, last);
}

}  // namespace ps::sync
