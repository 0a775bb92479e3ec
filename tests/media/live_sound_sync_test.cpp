// The live sound's keeping on the picture, with made-up offsets: nothing within the dead band,
// a pitch in proportion beyond it (slower when early, faster when late, never past the most), a
// resync when far off, smoothing that lets one stray measurement pass, and a fast card corrected.
#include <gtest/gtest.h>

#include <cmath>

#include "media/live_sound_sync.h"

namespace ps::media {
namespace {

TEST(LiveSoundSync, WithinTheDeadBandNothingChanges) {
  LiveSoundSync sync;
  double at = 0;
  for (double offset : {0.004, -0.008, 0.009, -0.002}) EXPECT_EQ(sync.update(offset, at += 0.005), 1.0);
}

TEST(LiveSoundSync, EarlySoundPlaysSlowerAndLateSoundFaster) {
  LiveSoundSync early;
  const std::optional<double> slower = early.update(0.015, 0.0);
  ASSERT_TRUE(slower);
  EXPECT_NEAR(*slower, 1.0 - 0.010, 1e-9);  // 5 ms beyond the dead band, half a second to correct it
  LiveSoundSync late;
  const std::optional<double> faster = late.update(-0.012, 0.0);
  ASSERT_TRUE(faster);
  EXPECT_NEAR(*faster, 1.0 + 0.004, 1e-9);
}

TEST(LiveSoundSync, ThePitchChangesByTwoPercentAtMost) {
  LiveSoundSync sync;
  EXPECT_NEAR(*sync.update(0.090, 0.0), 0.98, 1e-9);
}

TEST(LiveSoundSync, FarOffStartsAgain) {
  LiveSoundSync sync;
  EXPECT_FALSE(sync.update(0.150, 0.0)) << "smoothed beyond 100 ms";
  sync.reset();
  EXPECT_TRUE(sync.update(0.0, 1.0));
  EXPECT_FALSE(sync.update(-0.250, 1.005)) << "a jump of twice the limit at once (a reconnect)";
}

TEST(LiveSoundSync, OneStrayMeasurementIsSmoothedAway) {
  LiveSoundSync sync;
  double at = 0;
  for (int i = 0; i < 100; ++i) ASSERT_EQ(sync.update(0.0, at += 0.005), 1.0);
  // 150 ms once, 5 ms later: smoothed over a quarter second it moves the offset by ~3 ms.
  const std::optional<double> pitch = sync.update(0.150, at += 0.005);
  ASSERT_TRUE(pitch);
  EXPECT_EQ(*pitch, 1.0);
  EXPECT_NEAR(sync.smoothedOffset(), 0.150 * (1 - std::exp(-0.005 / 0.25)), 1e-9);
}

TEST(LiveSoundSync, AFastCardSettlesWithinTheDeadBandPlusItsDrift) {
  // The sound card plays 1 % fast: each second 10 ms more than the sender made, unless slowed.
  LiveSoundSync sync;
  double offset = 0, pitch = 1.0, at = 0;
  const double step = 0.005;
  for (int i = 0; i < 4000; ++i) {  // 20 s
    offset += step * (1.01 * pitch - 1.0);
    const std::optional<double> p = sync.update(offset, at += step);
    ASSERT_TRUE(p) << "never far off: at " << at << " s the offset is " << offset;
    pitch = *p;
  }
  EXPECT_NEAR(pitch * 1.01, 1.0, 1e-3) << "the pitch cancels the card's rate";
  EXPECT_GT(offset, 0.010);
  EXPECT_LT(offset, 0.020) << "dead band + 1 % x the half-second gain";
}

}  // namespace
}  // namespace ps::media
