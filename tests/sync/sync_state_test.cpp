#include "sync/sync_state.h"

#include <gtest/gtest.h>

namespace {

using ps::sync::LeaderState;
using ps::sync::leaderShotSecondsAt;

LeaderState playingAt(double shot, double clock) {
  LeaderState s;
  s.shotSeconds = shot;
  s.clockSeconds = clock;
  s.playing = true;
  s.inSeconds = 1.0;
  s.outSeconds = 5.0;
  s.fps = 25;
  return s;
}

TEST(LeaderState, PlayingMovesOnFromTheStampAtTheRate) {
  LeaderState s = playingAt(2.0, 1000.0);
  EXPECT_DOUBLE_EQ(leaderShotSecondsAt(s, 1000.0), 2.0);
  EXPECT_DOUBLE_EQ(leaderShotSecondsAt(s, 1001.5), 3.5);
  s.rate = 0.5;
  EXPECT_DOUBLE_EQ(leaderShotSecondsAt(s, 1002.0), 3.0);
  s.playing = false;
  EXPECT_DOUBLE_EQ(leaderShotSecondsAt(s, 1002.0), 2.0) << "paused: the stamp's time whenever asked";
}

TEST(LeaderState, ALoopWrapsIntoItsRangeAndAnEndHoldsOnTheLastFrame) {
  LeaderState s = playingAt(4.0, 0.0);
  s.loop = true;
  EXPECT_NEAR(leaderShotSecondsAt(s, 1.5), 1.5, 1e-12) << "4 + 1.5 = 5.5 wraps to 1.5";
  EXPECT_NEAR(leaderShotSecondsAt(s, 9.5), 1.5, 1e-12) << "two laps later, the same";
  s.loop = false;
  EXPECT_NEAR(leaderShotSecondsAt(s, 1.5), 5.0 - 0.5 / 25, 1e-12) << "held half a frame before out";
  s.shotSeconds = 0.2;  // before in
  s.playing = false;
  EXPECT_DOUBLE_EQ(leaderShotSecondsAt(s, 0.0), 1.0);
}

}  // namespace
