#include "sync/follow.h"

#include <gtest/gtest.h>

namespace {

using ps::sync::follow;
using ps::sync::LeaderState;

LeaderState leader() {
  LeaderState s;
  s.shotSeconds = 10.0;
  s.clockSeconds = 5000.0;  // leader clock
  s.playing = true;
  s.inSeconds = 0.0;
  s.outSeconds = 60.0;
  s.fps = 24;
  return s;
}

TEST(Follow, WithinHalfAFrameTheFollowerIsLeftAlone) {
  // The follower's clock is 3 s behind the leader's; its frame is seen at its 4998.5.
  const auto a = follow(leader(), 3.0, 4998.5, 11.5 + 0.4 / 24, true);
  EXPECT_NEAR(a.targetShotSeconds, 11.5, 1e-9);
  EXPECT_NEAR(a.errorSeconds, 0.4 / 24, 1e-9);
  EXPECT_FALSE(a.seekTo);
  EXPECT_FALSE(a.play);
}

TEST(Follow, OffByMoreThanHalfAFrameItSeeksToTheLeadersTime) {
  const auto a = follow(leader(), 3.0, 4998.5, 11.5 + 0.6 / 24, true);
  ASSERT_TRUE(a.seekTo);
  EXPECT_NEAR(*a.seekTo, 11.5, 1e-9);
  // A late joiner, far behind.
  const auto late = follow(leader(), 3.0, 4998.5, 0.0, false);
  ASSERT_TRUE(late.seekTo);
  EXPECT_NEAR(*late.seekTo, 11.5, 1e-9);
  EXPECT_EQ(late.play, true);
}

TEST(Follow, APausedLeaderIsFollowedToItsFrameAndPaused) {
  LeaderState s = leader();
  s.playing = false;
  const auto a = follow(s, 0.0, 9999.0, 10.0, true);
  EXPECT_FALSE(a.seekTo);
  EXPECT_EQ(a.play, false);
}

TEST(Follow, AcrossTheLoopsWrapTheErrorIsTheShortWayRound) {
  LeaderState s = leader();
  s.loop = true;
  s.shotSeconds = 59.99;
  // The leader has wrapped to 0.01 + a little; the follower still shows 59.995.
  const auto a = follow(s, 0.0, 5000.03, 59.995, true);
  EXPECT_NEAR(a.targetShotSeconds, 0.02, 1e-9);
  EXPECT_NEAR(a.errorSeconds, -0.025, 1e-9);
  EXPECT_TRUE(a.seekTo) << "0.025 s is more than half a frame at 24 fps";
  const auto close = follow(s, 0.0, 5000.03, 0.01, true);
  EXPECT_FALSE(close.seekTo);
}

}  // namespace
