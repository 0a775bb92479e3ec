// The player loop's per-frame statistics: percentiles within the histogram's 1 % bins, and
// memory that does not grow with the number of frames (a kiosk session runs for days).
#include <gtest/gtest.h>

#include <cmath>

#include "player/frame_time_histogram.h"

namespace ps::player {
namespace {

TEST(FrameTimeHistogram, PercentilesAreWithinOnePercent) {
  FrameTimeHistogram h;
  for (int ms = 1000; ms >= 1; --ms) h.add(ms * 1e-3);  // 1..1000 ms, any order
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_NEAR(h.percentile(0.5), 0.500, 0.005);
  EXPECT_NEAR(h.percentile(0.99), 0.990, 0.0099);
  EXPECT_NEAR(h.percentile(0.0), 1e-3, 1e-5);  // the first rank
  EXPECT_NEAR(h.percentile(1.0), 1.0, 1e-2);
  EXPECT_LE(h.percentile(1.0), h.max());
  EXPECT_NEAR(h.mean(), 0.5005, 1e-9);
  EXPECT_DOUBLE_EQ(h.min(), 1e-3);
  EXPECT_DOUBLE_EQ(h.max(), 1.0);
}

TEST(FrameTimeHistogram, OutOfRangeAndEmpty) {
  FrameTimeHistogram h;
  EXPECT_EQ(h.percentile(0.5), 0.0);
  h.add(0.0);
  h.add(500.0);
  h.add(std::nan(""));
  EXPECT_EQ(h.count(), 2u);
  EXPECT_EQ(h.percentile(0.5), 0.0);
  EXPECT_EQ(h.percentile(1.0), 500.0);
}

// Two hours at 90 Hz, with the spread of a real loop's frame times.
TEST(FrameTimeHistogram, MemoryStaysTheSameHoweverManyFrames) {
  FrameTimeHistogram h;
  h.add(1e-3);
  const std::size_t first = h.memoryBytes();
  EXPECT_LT(first, 64u * 1024);
  for (int i = 0; i < 2 * 3600 * 90; ++i) h.add(1e-3 * (1.0 + 0.5 * std::sin(i * 0.01)));
  EXPECT_EQ(h.memoryBytes(), first);
  EXPECT_EQ(h.count(), 2u * 3600 * 90 + 1);
}

}  // namespace
}  // namespace ps::player
