// MasterClock: monotonic extrapolation, rate changes, and the audio clock as
// master with continuous hand-over. Time is given, never read.
#include <gtest/gtest.h>

#include <optional>

#include "media/master_clock.h"

namespace ps::media::test {
namespace {

struct FakeAudio final : AudioClock {
  std::optional<AudioClockReading> now;
  std::optional<AudioClockReading> reading() const override { return now; }
};

TEST(MasterClock, StoppedHoldsAndRunningAdvancesWithTime) {
  MasterClock c;
  EXPECT_DOUBLE_EQ(c.position(10.0), 0.0);
  c.jump(2.0, 10.0);
  EXPECT_DOUBLE_EQ(c.position(50.0), 2.0);
  c.start(50.0);
  EXPECT_DOUBLE_EQ(c.position(51.5), 3.5);
  c.stop(52.0);
  EXPECT_DOUBLE_EQ(c.position(99.0), 4.0);
  EXPECT_EQ(c.master(), ClockMaster::Monotonic);
}

TEST(MasterClock, RateChangeKeepsPositionContinuous) {
  MasterClock c;
  c.start(0.0);
  c.setRate(2.0, 1.0);
  EXPECT_DOUBLE_EQ(c.position(1.0), 1.0);
  EXPECT_DOUBLE_EQ(c.position(2.0), 3.0);
  c.setRate(0.25, 2.0);
  EXPECT_DOUBLE_EQ(c.position(6.0), 4.0);
}

TEST(MasterClock, AudioIsTheMasterWhileItSoundsAndHandsOverContinuously) {
  FakeAudio audio;
  MasterClock c(&audio);
  c.start(0.0);
  // The audio runs 40 ms behind the monotonic clock (a slow device): follow it.
  audio.now = AudioClockReading{.shotSeconds = 0.96, .atSeconds = 1.0};
  EXPECT_DOUBLE_EQ(c.position(1.0), 0.96);
  EXPECT_EQ(c.master(), ClockMaster::Audio);
  // A display time ahead of the reading extrapolates from it.
  EXPECT_DOUBLE_EQ(c.position(1.02), 0.98);
  // Audio stops: the monotonic clock carries on from the last reading.
  audio.now.reset();
  EXPECT_DOUBLE_EQ(c.position(2.0), 1.96);
  EXPECT_EQ(c.master(), ClockMaster::Monotonic);
}

TEST(MasterClock, StoppedClockIgnoresAudio) {
  FakeAudio audio;
  audio.now = AudioClockReading{.shotSeconds = 7.0, .atSeconds = 1.0};
  MasterClock c(&audio);
  c.jump(3.0, 0.0);
  EXPECT_DOUBLE_EQ(c.position(1.0), 3.0);
  EXPECT_EQ(c.master(), ClockMaster::Monotonic);
}

}  // namespace
}  // namespace ps::media::test
