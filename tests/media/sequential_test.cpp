// Sequential decode: every frame, in display order, with the right timestamps.
#include <gtest/gtest.h>

#include "test_media.h"

namespace ps::media::test {
namespace {

void expectAllFramesInOrder(const char* file, int frames) {
  VideoSource src = openOrFail(file);
  EXPECT_TRUE(src.info().hasBFrames);
  int n = 0;
  for (;;) {
    Result<std::optional<DecodedFrame>> f = src.next();
    ASSERT_TRUE(f.ok()) << f.error().message();
    if (!f.value()) break;
    const DecodedFrame& d = **f;
    ASSERT_EQ(stampOf(d), n);
    EXPECT_EQ(d.index, n);
    EXPECT_NEAR(d.seconds, n / 30.0, 1e-6);
    EXPECT_EQ(d.timeBase, src.info().timeBase);
    EXPECT_NEAR(static_cast<double>(d.duration) * d.timeBase.toDouble(), 1 / 30.0, 1e-6);
    ++n;
  }
  EXPECT_EQ(n, frames);
  // The end stays the end.
  Result<std::optional<DecodedFrame>> again = src.next();
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value().has_value());
}

TEST(Sequential, EveryFrameInOrderGop30) { expectAllFramesInOrder("gop30_bf3.mp4", 150); }
TEST(Sequential, EveryFrameInOrderGop250) { expectAllFramesInOrder("gop250_bf3.mp4", 300); }
TEST(Sequential, EveryFrameInOrderOpenGop) { expectAllFramesInOrder("opengop.mp4", 150); }

// A live stream joined mid-GOP: the packets before the first keyframe cannot be decoded, and
// are not damage (strict decoding used to fail on them, and FFmpeg logged each as an error).
TEST(Sequential, AStreamJoinedMidGopStartsAtItsFirstKeyframe) {
  DecodeOptions strict;
  strict.strict = true;
  VideoSource src = openOrFail("joined_mid_gop.ts", strict);
  int first = -1;
  int n = 0;
  for (;;) {
    Result<std::optional<DecodedFrame>> f = src.next();
    ASSERT_TRUE(f.ok()) << f.error().message();
    if (!f.value()) break;
    const int stamp = stampOf(**f);
    if (first < 0) first = stamp;
    ASSERT_EQ(stamp, first + n) << "frames in order from the first keyframe";
    ++n;
  }
  EXPECT_GT(first, 0);
  EXPECT_EQ(first % 30, 0) << "the first frame shown is the first keyframe's";
  EXPECT_EQ(first + n, 150);
}

TEST(Sequential, SingleThreadedDecoderGivesTheSameFrames) {
  DecodeOptions o;
  o.threads = 1;
  VideoSource src = openOrFail("gop30_bf3.mp4", o);
  for (int n : {17, 73, 5}) {
    Result<DecodedFrame> f = src.frameAt(n / 30.0);
    ASSERT_TRUE(f.ok()) << f.error().message();
    EXPECT_EQ(stampOf(*f), n);
  }
}

TEST(StreamInfoProbe, DescribesTheStream) {
  VideoSource src = openOrFail("gop30_bf3.mp4");
  const StreamInfo& i = src.info();
  EXPECT_EQ(i.codec, "h264");
  EXPECT_NE(i.container.find("mp4"), std::string::npos);
  EXPECT_EQ(i.width, 320);
  EXPECT_EQ(i.height, 160);
  EXPECT_EQ(i.pixelFormatName, "yuv420p");
  EXPECT_EQ(i.pixelFormat, PixelFormat::Yuv420P);
  EXPECT_EQ(i.frameRate, (Rational{30, 1}));
  EXPECT_TRUE(i.timeBase.valid());
  EXPECT_NEAR(i.durationSeconds, 5.0, 0.05);
  EXPECT_EQ(i.frameCount, 150);
  EXPECT_EQ(i.keyframeInterval, 30);
  EXPECT_EQ(i.keyframeIntervalSource, KeyframeIntervalSource::Index);
  EXPECT_TRUE(i.hasBFrames);

  VideoSource longGop = openOrFail("gop250_bf3.mp4");
  EXPECT_EQ(longGop.info().keyframeInterval, 250);
}

TEST(StreamInfoProbe, KeyframeIntervalWithoutASampleTable) {
  // Matroska's cues list keyframes only; NUT raw video has no B-frames, every frame a keyframe.
  VideoSource mkv = openOrFail("gop30_bf3.mkv");
  EXPECT_EQ(mkv.info().keyframeInterval, 30) << toString(mkv.info().keyframeIntervalSource);
  VideoSource raw = openOrFail("f_nv12.nut");
  EXPECT_EQ(raw.info().keyframeInterval, 1) << toString(raw.info().keyframeIntervalSource);
  EXPECT_FALSE(raw.info().hasBFrames);
}

}  // namespace
}  // namespace ps::media::test
