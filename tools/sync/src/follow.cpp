#include "sync/follow.h"

#include <algorithm>
#include <cmath>

namespace ps::sync {

FollowAction follow(const LeaderState& leader, double offsetSeconds, double displayClockSeconds,
                    double shownShotSeconds, bool followerPlaying) {
  FollowAction a;
  a.targetShotSeconds = leaderShotSecondsAt(leader, displayClockSeconds + offsetSeconds);
  a.errorSeconds = shownShotSeconds - a.targetShotSeconds;
  if (leader.loop && leader.playing && leader.outSeconds > leader.inSeconds) {
    // Across the loop's wrap, the short way round.
    const double span = leader.outSeconds - leader.inSeconds;
    a.errorSeconds = std::remainder(a.errorSeconds, span);
  }
  const double halfFrame = 0.5 / std::max(1.0, leader.fps);
  a.rate = leader.rate;
  if (std::abs(a.errorSeconds) > halfFrame) {
    a.seekTo = a.targetShotSeconds;
  } else if (leader.playing && followerPlaying && std::abs(a.errorSeconds) > kNudgeDeadband) {
    const double nudge = std::clamp(-a.errorSeconds / kNudgeSeconds, -kMostNudge, kMostNudge);
    a.rate = leader.rate * (1.0 + std::round(nudge / kNudgeStep) * kNudgeStep);
  }
  if (followerPlaying != leader.playing) a.play = leader.playing;
  return a;
}

}  // namespace ps::sync
