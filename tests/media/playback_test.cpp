// PlaybackDecoder: decoding on its own thread into a bounded queue, seeks merged.
#include <gtest/gtest.h>

#include <chrono>

#include "media/playback_decoder.h"
#include "test_media.h"

namespace ps::media::test {
namespace {

using namespace std::chrono_literals;

// Pops the next frame, failing the test on anything else.
int popStamp(PlaybackDecoder& p) {
  Popped got = p.pop(10s);
  if (got.kind != Popped::Kind::Frame) {
    ADD_FAILURE() << "expected a frame, got kind " << static_cast<int>(got.kind)
                  << (got.error ? ": " + got.error->message() : std::string());
    return -1;
  }
  EXPECT_EQ(got.frame->index, stampOf(*got.frame));
  return stampOf(*got.frame);
}

TEST(Playback, DecodesEveryFrameInOrderThenEnds) {
  PlaybackDecoder p(openOrFail("gop30_bf3.mp4"), {.queueCapacity = 4});
  for (int n = 0; n < 150; ++n) ASSERT_EQ(popStamp(p), n);
  Popped end = p.pop(10s);
  EXPECT_EQ(end.kind, Popped::Kind::EndOfStream);
  EXPECT_EQ(p.tryPop().kind, Popped::Kind::Empty);
}

TEST(Playback, QueueStaysWithinItsCapacity) {
  PlaybackDecoder p(openOrFail("gop30_bf3.mp4"), {.queueCapacity = 3});
  // Give the decoder time to fill up; it must stop at the capacity.
  for (int i = 0; i < 50 && p.queued() < 3; ++i) std::this_thread::sleep_for(20ms);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(p.queued(), 3u);
  EXPECT_EQ(popStamp(p), 0);
  EXPECT_LE(p.queued(), 3u);
}

TEST(Playback, BurstOfSeeksYieldsOnlyTheLastTarget) {
  PlaybackDecoder p(openOrFail("gop250_bf3.mp4"), {.queueCapacity = 4});
  for (int n = 0; n < 200; n += 7) p.seek(n / 30.0);
  p.seek(183.5 / 30.0);
  for (int k = 0; k < 10; ++k) ASSERT_EQ(popStamp(p), 183 + k);
}

TEST(Playback, SeekWhilePlayingDropsOldFrames) {
  PlaybackDecoder p(openOrFail("gop30_bf3.mp4"), {.queueCapacity = 4});
  EXPECT_EQ(popStamp(p), 0);
  EXPECT_EQ(popStamp(p), 1);
  p.seek(100 / 30.0);
  EXPECT_EQ(popStamp(p), 100);
  p.seek(10 / 30.0);  // backwards
  EXPECT_EQ(popStamp(p), 10);
  EXPECT_EQ(popStamp(p), 11);
}

TEST(Playback, SeekAfterTheEndStartsAgain) {
  PlaybackDecoder p(openOrFail("gop30_bf3.mp4"), {.queueCapacity = 4});
  p.seek(148 / 30.0);
  EXPECT_EQ(popStamp(p), 148);
  EXPECT_EQ(popStamp(p), 149);
  EXPECT_EQ(p.pop(10s).kind, Popped::Kind::EndOfStream);
  p.seek(0.0);
  EXPECT_EQ(popStamp(p), 0);
}

TEST(Playback, DestroyingWhileTheDecoderWaitsJoinsCleanly) {
  for (int i = 0; i < 3; ++i) {
    PlaybackDecoder p(openOrFail("gop30_bf3.mp4"), {.queueCapacity = 2});
    std::this_thread::sleep_for(10ms);
  }
}

TEST(Playback, DecodeErrorsReachTheConsumer) {
  DecodeOptions strict;
  strict.strict = true;
  strict.threads = 1;
  PlaybackDecoder p(openOrFail("corrupt.mp4", strict));
  for (int i = 0; i < 200; ++i) {
    Popped got = p.pop(10s);
    ASSERT_NE(got.kind, Popped::Kind::Empty);
    ASSERT_NE(got.kind, Popped::Kind::EndOfStream) << "the damage went unnoticed";
    if (got.kind == Popped::Kind::Error) {
      EXPECT_NE(got.error->message().find("corrupt.mp4@frame"), std::string::npos) << got.error->message();
      return;
    }
  }
  FAIL() << "no error";
}

}  // namespace
}  // namespace ps::media::test
