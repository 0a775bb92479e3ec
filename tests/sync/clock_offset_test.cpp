#include "sync/clock_offset.h"

#include <cmath>

#include <gtest/gtest.h>

namespace {

using ps::sync::ClockOffset;
using ps::sync::RoundTrip;

// A round trip between a follower and a leader whose clock is `offset` ahead, taking `out` and
// `back` seconds each way and `hold` at the leader.
RoundTrip trip(double at, double offset, double out, double back, double hold = 0.0001) {
  RoundTrip r;
  r.sent = at;
  r.received = at + out + offset;
  r.answered = r.received + hold;
  r.back = at + out + hold + back;
  return r;
}

TEST(ClockOffset, ASymmetricRoundTripGivesTheOffsetExactly) {
  ClockOffset c;
  EXPECT_FALSE(c.estimate());
  ASSERT_TRUE(c.add(trip(100.0, 0.0123, 0.0004, 0.0004)));
  ASSERT_TRUE(c.estimate());
  EXPECT_NEAR(c.estimate()->offsetSeconds, 0.0123, 1e-9);
  EXPECT_NEAR(c.estimate()->delaySeconds, 0.0008, 1e-9);
  ASSERT_TRUE(c.add(trip(101.0, -2.5, 0.001, 0.001)));
  // The sample with the least delay is the one kept: the first.
  EXPECT_NEAR(c.estimate()->offsetSeconds, 0.0123, 1e-9);
}

TEST(ClockOffset, AQueuedPacketIsPassedOverForTheQuickestRoundTrip) {
  ClockOffset c(8);
  const double offset = -0.0371;
  // One way held 40 ms in a queue: its offset is 20 ms wrong, and its delay says so.
  c.add(trip(10.0, offset, 0.040, 0.0003));
  EXPECT_NEAR(c.estimate()->offsetSeconds, offset + 0.02, 2e-4);
  for (int i = 1; i < 6; ++i) c.add(trip(10.0 + i, offset, 0.0003 + 0.0001 * i, 0.0003));
  EXPECT_NEAR(c.estimate()->offsetSeconds, offset, 1e-4);
  EXPECT_LT(c.estimate()->delaySeconds, 0.001);
}

TEST(ClockOffset, OnlyTheLastWindowOfSamplesCounts) {
  ClockOffset c(4);
  c.add(trip(0.0, 1.0, 0.0001, 0.0001));  // quickest, but it will leave the window
  for (int i = 1; i <= 4; ++i) c.add(trip(i, 2.0, 0.001, 0.001));
  EXPECT_EQ(c.estimate()->samples, 4u);
  EXPECT_NEAR(c.estimate()->offsetSeconds, 2.0, 1e-9) << "the leader's clock was stepped: the new offset wins";
}

TEST(ClockOffset, NonsenseRoundTripsAreDropped) {
  ClockOffset c;
  RoundTrip r = trip(5.0, 0.0, 0.001, 0.001);
  RoundTrip early = r;
  early.back = r.sent - 1.0;
  EXPECT_FALSE(c.add(early));
  RoundTrip reversed = r;
  reversed.answered = r.received - 0.5;
  EXPECT_FALSE(c.add(reversed));
  RoundTrip nan = r;
  nan.received = std::nan("");
  EXPECT_FALSE(c.add(nan));
  // The leader held it longer than the whole trip took: impossible.
  RoundTrip held = r;
  held.answered = r.received + 1.0;
  EXPECT_FALSE(c.add(held));
  EXPECT_FALSE(c.estimate());
}

}  // namespace
