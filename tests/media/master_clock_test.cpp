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

TEST(MasterClock, HoldsWhereItStartedUntilTheSoundFromThereIsHeard) {
  FakeAudio audio;
  MasterClock c(&audio);
  c.jump(2.0, 0.0);
  c.start(10.0);
  // The device's latency: 50 ms after the start the listener hears shot time 1.98.
  audio.now = AudioClockReading{.shotSeconds = 1.98, .atSeconds = 10.03};
  EXPECT_DOUBLE_EQ(c.position(10.05), 2.0);
  EXPECT_EQ(c.master(), ClockMaster::Audio);
  // Once the start is heard, the audio leads.
  audio.now = AudioClockReading{.shotSeconds = 2.01, .atSeconds = 10.08};
  EXPECT_DOUBLE_EQ(c.position(10.09), 2.02);
  // A jump while it plays holds at its target the same way...
  c.jump(5.0, 11.0);
  audio.now = AudioClockReading{.shotSeconds = 4.97, .atSeconds = 11.0};
  EXPECT_DOUBLE_EQ(c.position(11.01), 5.0);
  // ...and a reading behind a point already passed is followed (a slow device).
  audio.now = AudioClockReading{.shotSeconds = 5.5, .atSeconds = 11.6};
  EXPECT_DOUBLE_EQ(c.position(11.6), 5.5);
  audio.now = AudioClockReading{.shotSeconds = 5.52, .atSeconds = 11.7};
  EXPECT_DOUBLE_EQ(c.position(11.7), 5.52);
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
