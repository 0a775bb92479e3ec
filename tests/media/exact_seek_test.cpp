// frameAt(t) lands on the frame whose display interval holds t, read back from
// the frame stamp in the pixels, across GOP boundaries and with B-frames.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "test_media.h"

namespace ps::media::test {
namespace {

constexpr double kFps = 30.0;

struct SeekCase {
  const char* file;
  int frames;
  friend void PrintTo(const SeekCase& c, std::ostream* os) { *os << c.file; }
};

class ExactSeek : public ::testing::TestWithParam<SeekCase> {};

// Checks the frame at t is frame `expected`, by its stamp and its reported index.
void expectFrameAt(VideoSource& src, double t, int expected, SeekIntent intent = SeekIntent::Continue) {
  Result<DecodedFrame> f = src.frameAt(t, intent);
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(stampOf(*f), expected) << "t=" << t;
  EXPECT_EQ(f->index, expected) << "t=" << t;
  EXPECT_LE(f->seconds, t + 0.0005) << "t=" << t;  // Matroska rounds pts to 1 ms
}

TEST_P(ExactSeek, LandsOnFrameStartsMiddlesAndEnds) {
  const SeekCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  // Across and around GOP boundaries (30, 60, ... and 250), forwards then backwards.
  std::vector<int> targets = {0, 1, 2, 3, 29, 30, 31, 44, 59, 60, 61, 89, 90, 100, 119, 120, 121, c.frames - 1};
  if (c.frames > 250) targets.insert(targets.end(), {248, 249, 250, 251, 252, 275});
  for (int n : targets) {
    expectFrameAt(src, n / kFps, n);           // the start of frame n
    expectFrameAt(src, (n + 0.5) / kFps, n);   // its middle
    // Just before the next frame; Matroska keeps time in ms, so not closer than that.
    expectFrameAt(src, (n + 0.95) / kFps, n);
  }
  for (auto it = targets.rbegin(); it != targets.rend(); ++it) expectFrameAt(src, (*it + 0.5) / kFps, *it);
  // Jumping around: backwards by less than a GOP, then forwards across one.
  for (int n : {100, 95, 62, 58, 130, 3, 140, 31}) expectFrameAt(src, (n + 0.25) / kFps, n);
}

TEST_P(ExactSeek, ClampsToTheStream) {
  const SeekCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  expectFrameAt(src, 1000.0, c.frames - 1);
  Result<DecodedFrame> first = src.frameAt(-5.0);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(stampOf(*first), 0);
}

TEST_P(ExactSeek, PastTheEndAfterReadingToTheEndGivesTheLastFrame) {
  const SeekCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  expectFrameAt(src, (c.frames - 3) / kFps, c.frames - 3);
  for (;;) {
    Result<std::optional<DecodedFrame>> f = src.next();
    ASSERT_TRUE(f.ok()) << f.error().message();
    if (!f.value()) break;
  }
  expectFrameAt(src, 1000.0, c.frames - 1);
  expectFrameAt(src, (c.frames - 2) / kFps, c.frames - 2);
}

TEST_P(ExactSeek, NextContinuesFromTheTarget) {
  const SeekCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  for (int n : {47, 12, 91}) {
    expectFrameAt(src, (n + 0.5) / kFps, n);
    for (int k = 1; k <= 5; ++k) {
      Result<std::optional<DecodedFrame>> f = src.next();
      ASSERT_TRUE(f.ok()) << f.error().message();
      ASSERT_TRUE(f.value().has_value());
      EXPECT_EQ(stampOf(**f), n + k);
      EXPECT_EQ((*f)->index, n + k);
    }
  }
}

TEST_P(ExactSeek, StillsLandOnTheFrameAndNextStillContinues) {
  // A still drains the decoder at the target; next() has to seek to go on from it.
  const SeekCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  for (int n : {47, 12, 91, 30, 29, 0, c.frames - 2}) {
    expectFrameAt(src, (n + 0.5) / kFps, n, SeekIntent::Still);
    expectFrameAt(src, (n + 0.9) / kFps, n, SeekIntent::Still);  // the same frame, asked again
    for (int k = 1; k <= 3 && n + k < c.frames; ++k) {
      Result<std::optional<DecodedFrame>> f = src.next();
      ASSERT_TRUE(f.ok()) << f.error().message();
      ASSERT_TRUE(f.value().has_value()) << "after a still at " << n;
      EXPECT_EQ(stampOf(**f), n + k);
      EXPECT_EQ((*f)->index, n + k);
    }
  }
  // A still on the last frame: next() finds the end.
  expectFrameAt(src, 1000.0, c.frames - 1, SeekIntent::Still);
  Result<std::optional<DecodedFrame>> end = src.next();
  ASSERT_TRUE(end.ok()) << end.error().message();
  EXPECT_FALSE(end.value().has_value());
  for (int n = std::min(c.frames, 40) - 1; n >= 20; --n) expectFrameAt(src, n / kFps, n, SeekIntent::Still);
}

TEST_P(ExactSeek, EveryFrameOneByOneBackwards) {
  // Scrubbing backwards frame by frame: every step needs a seek and a decode forward.
  const SeekCase c = GetParam();
  VideoSource src = openOrFail(c.file);
  for (int n = std::min(c.frames, 70) - 1; n >= 0; --n) expectFrameAt(src, n / kFps, n);
}

INSTANTIATE_TEST_SUITE_P(Media, ExactSeek,
                         ::testing::Values(SeekCase{"gop30_bf3.mp4", 150}, SeekCase{"gop250_bf3.mp4", 300},
                                           SeekCase{"opengop.mp4", 150}, SeekCase{"gop30_bf3.mkv", 150}),
                         [](const auto& p) {
                           std::string n = p.param.file;
                           for (char& ch : n) {
                             if (ch == '.') ch = '_';
                           }
                           return n;
                         });

TEST(ExactSeekSpeed, LongGopSeekDecodesOnlyWhatItMust) {
  // Not a benchmark: prints the time of a seek deep into a 250-frame GOP, for the record.
  VideoSource src = openOrFail("gop250_bf3.mp4");
  const auto t0 = std::chrono::steady_clock::now();
  Result<DecodedFrame> f = src.frameAt(240.5 / kFps);
  const auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(stampOf(*f), 240);
  std::printf("frameAt(frame 240 of a 250-frame GOP): %.1f ms\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count());
}

}  // namespace
}  // namespace ps::media::test
