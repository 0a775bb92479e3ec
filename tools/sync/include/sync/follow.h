#pragma once
// What a follower does to show the leader's frame: given the leader's last state, the measured
// clock offset and when this follower's next frame will be seen (its own wall clock), the shot
// time to show then, and whether its playback must jump there (seek) or change play state.
// A follower within half a frame of the leader's time shows the same frame; past that it seeks
// to the exact time, so a late joiner or one back from a lost network lands on the leader's
// frame at once. Within half a frame its rate is nudged toward the leader's time, so that two
// clocks that run at slightly different speeds (two sound cards, two crystals) are kept together
// by a change of speed nobody sees or hears rather than by a jump every few minutes.
#include <optional>

#include "sync/sync_state.h"

namespace ps::sync {

struct FollowAction {
  double targetShotSeconds = 0;  // the leader's shot time at the follower's display time
  double errorSeconds = 0;       // what the follower would show minus the target
  std::optional<double> seekTo;  // set when off by more than half a frame
  std::optional<bool> play;      // set when the play state must change
  double rate = 1;               // the leader's rate, nudged while playing a little off its time
};

// How the rate is nudged: by -error / kNudgeSeconds (an error dies away with that time
// constant: 3 ms in a few seconds), at most kMostNudge of the rate (0.5 %, under a tenth of a
// semitone for the sound), quantised to kNudgeStep so the rate is not set anew every frame.
// Within kNudgeDeadband of the leader's time the rate is the leader's.
inline constexpr double kNudgeSeconds = 2.0;
inline constexpr double kMostNudge = 0.005;
inline constexpr double kNudgeStep = 0.0005;
inline constexpr double kNudgeDeadband = 0.001;

// `offsetSeconds`: leader clock minus follower clock (ClockOffset). `displayClockSeconds`: the
// follower's wall clock when its next frame is seen. `shownShotSeconds`: the shot time its own
// playback would show then.
FollowAction follow(const LeaderState& leader, double offsetSeconds, double displayClockSeconds,
                    double shownShotSeconds, bool followerPlaying);

}  // namespace ps::sync
