#pragma once
// What a follower does to show the leader's frame: given the leader's last state, the measured
// clock offset and when this follower's next frame will be seen (its own wall clock), the shot
// time to show then, and whether its playback must jump there (seek) or change play state.
// A follower within half a frame of the leader's time shows the same frame and is left alone;
// past that it seeks to the exact time, so a late joiner or one back from a lost network lands
// on the leader's frame at once.
#include <optional>

#include "sync/sync_state.h"

namespace ps::sync {

struct FollowAction {
  double targetShotSeconds = 0;  // the leader's shot time at the follower's display time
  double errorSeconds = 0;       // what the follower would show minus the target
  std::optional<double> seekTo;  // set when off by more than half a frame
  std::optional<bool> play;      // set when the play state must change
};

// `offsetSeconds`: leader clock minus follower clock (ClockOffset). `displayClockSeconds`: the
// follower's wall clock when its next frame is seen. `shownShotSeconds`: the shot time its own
// playback would show then.
FollowAction follow(const LeaderState& leader, double offsetSeconds, double displayClockSeconds,
                    double shownShotSeconds, bool followerPlaying);

}  // namespace ps::sync
