#include <gtest/gtest.h>

#include "ui/timecode.h"

namespace ps::ui {
namespace {

constexpr Rational kNtsc24{24000, 1001};
constexpr Rational k30{30, 1};

TEST(Timecode, NominalRateRoundsFractionalRates) {
  EXPECT_EQ(nominalFps(kNtsc24), 24);
  EXPECT_EQ(nominalFps({30000, 1001}), 30);
  EXPECT_EQ(nominalFps(k30), 30);
  EXPECT_EQ(nominalFps({0, 0}), 30);  // unknown: the player's default
}

TEST(Timecode, FormatsHoursMinutesSecondsFrames) {
  EXPECT_EQ(timecodeOf(0, k30).text(), "00:00:00:00");
  EXPECT_EQ(timecodeOf(29, k30).text(), "00:00:00:29");
  EXPECT_EQ(timecodeOf(30, k30).text(), "00:00:01:00");
  EXPECT_EQ(timecodeOf(30 * 3661 + 7, k30).text(), "01:01:01:07");
  // Non-drop at 23.976: frames are counted at 24, so frame 24 is one timecode second.
  EXPECT_EQ(timecodeOf(24, kNtsc24).text(), "00:00:01:00");
  EXPECT_EQ(timecodeOf(24 * 60 + 23, kNtsc24).text(), "00:01:00:23");
  EXPECT_EQ(timecodeOf(-1, k30).text(), "-00:00:00:01");
}

TEST(Timecode, FrameAtIsExactOnBoundariesOfFractionalRates) {
  for (std::int64_t n : {0, 1, 23, 24, 1000, 86400 * 24}) {
    EXPECT_EQ(frameAt(frameStart(n, kNtsc24), kNtsc24), n) << n;
    EXPECT_EQ(frameAt(frameMiddle(n, kNtsc24), kNtsc24), n) << n;
    EXPECT_EQ(frameAt(frameStart(n + 1, kNtsc24) - 1e-4, kNtsc24), n) << n;
  }
  EXPECT_DOUBLE_EQ(frameStart(24, kNtsc24), 1.001);
  EXPECT_EQ(frameAt(1.0, k30), 30);
  EXPECT_EQ(frameAt(0.999, k30), 29);
}

}  // namespace
}  // namespace ps::ui
