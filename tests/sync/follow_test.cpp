#include "sync/follow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

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

TEST(Follow, WithinHalfAFrameTheFollowerIsNudgedNotMoved) {
  // The follower's clock is 3 s behind the leader's; its frame is seen at its 4998.5.
  const auto a = follow(leader(), 3.0, 4998.5, 11.5 + 0.4 / 24, true);
  EXPECT_NEAR(a.targetShotSeconds, 11.5, 1e-9);
  EXPECT_NEAR(a.errorSeconds, 0.4 / 24, 1e-9);
  EXPECT_FALSE(a.seekTo);
  EXPECT_FALSE(a.play);
  // Ahead by 16.7 ms: slower, by the most a nudge may be.
  EXPECT_NEAR(a.rate, 1.0 - ps::sync::kMostNudge, 1e-12);
  // Behind by 3 ms at twice the speed: a little faster (3 ms / 2 s, in steps of 0.05 %).
  LeaderState fast = leader();
  fast.rate = 2.0;
  const auto behind = follow(fast, 3.0, 4998.5, 13.0 - 0.003, true);
  EXPECT_NEAR(behind.errorSeconds, -0.003, 1e-9);
  EXPECT_NEAR(behind.rate, 2.0 * (1.0 + 0.0015), 1e-12);
}

TEST(Follow, WithinAMillisecondOrPausedTheRateIsTheLeaders) {
  EXPECT_EQ(follow(leader(), 3.0, 4998.5, 11.5 + 0.0009, true).rate, 1.0);
  EXPECT_EQ(follow(leader(), 3.0, 4998.5, 11.5 - 0.0009, true).rate, 1.0);
  LeaderState paused = leader();
  paused.playing = false;
  paused.rate = 0.5;
  EXPECT_EQ(follow(paused, 0.0, 9999.0, 10.01, false).rate, 0.5);
  // Off by more than half a frame: a seek, at the leader's rate.
  EXPECT_EQ(follow(leader(), 3.0, 4998.5, 11.6, true).rate, 1.0);
}

// A follower whose playback runs 300 ppm fast (its sound card's clock, say), shown at 90 Hz for
// ten minutes: without nudges it would drift half a 24 fps frame in 70 s and seek, visibly, about
// every 70 s. Nudged, it never seeks and stays within a few milliseconds.
TEST(Follow, AFollowerWhoseClockRunsFastIsKeptInStepWithoutSeeking) {
  LeaderState s = leader();
  s.outSeconds = 1000.0;
  const double drift = 300e-6, period = 1.0 / 90;
  double clock = 5000.0, shown = 10.0, rate = 1.0, worst = 0;
  int seeks = 0, unnudgedSeeks = 0;
  double unnudged = 10.0;
  for (int frame = 0; frame < 600 * 90; ++frame) {
    const auto a = follow(s, 0.0, clock, shown, true);
    if (frame > 0) worst = std::max(worst, std::abs(a.errorSeconds));
    if (a.seekTo) {
      ++seeks;
      shown = *a.seekTo;
    }
    rate = a.rate;
    const auto u = follow(s, 0.0, clock, unnudged, true);
    if (u.seekTo) {
      ++unnudgedSeeks;
      unnudged = *u.seekTo;
    }
    clock += period;
    shown += rate * (1 + drift) * period;
    unnudged += 1.0 * (1 + drift) * period;
  }
  EXPECT_EQ(seeks, 0);
  EXPECT_LT(worst, 0.003);
  EXPECT_GE(unnudgedSeeks, 8) << "the same follower at the leader's rate seeks every 70 s";
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
