// Thumbnails for the drag preview: the CPU conversion from decoded planes, and the worker
// that decodes them from the plate's keyframes with a bounded cache.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "media/video_source.h"
#include "ui/thumbnail.h"
#include "ui/thumbnail_source.h"

namespace ps::ui {
namespace {

using namespace std::chrono_literals;

const std::string kPlate = PS_SOURCE_DIR "/scenes/demo/plate.mp4";

TEST(Thumbnail, ConvertsLimitedRangeYuvHonouringTheMatrix) {
  // 8 x 4, 4:2:0: left half white, right half pure red (BT.709 limited: Y 63, Cb 102, Cr 240).
  std::vector<std::byte> y(8 * 4), cb(4 * 2), cr(4 * 2);
  for (int row = 0; row < 4; ++row)
    for (int col = 0; col < 8; ++col) y[static_cast<std::size_t>(row * 8 + col)] = std::byte(col < 4 ? 235 : 63);
  for (int row = 0; row < 2; ++row)
    for (int col = 0; col < 4; ++col) {
      cb[static_cast<std::size_t>(row * 4 + col)] = std::byte(col < 2 ? 128 : 102);
      cr[static_cast<std::size_t>(row * 4 + col)] = std::byte(col < 2 ? 128 : 240);
    }
  FrameView f;
  f.format = PixelFormat::Yuv420P;
  f.width = 8;
  f.height = 4;
  f.matrix = ColorMatrix::Bt709;
  f.range = ColorRange::Limited;
  f.planes = {Plane{y.data(), 8}, Plane{cb.data(), 4}, Plane{cr.data(), 4}};
  const Thumbnail t = makeThumbnail(f, 4, 2);
  ASSERT_EQ(t.rgba.size(), 4u * 2 * 4);
  const auto px = [&](int x, int row) { return &t.rgba[static_cast<std::size_t>((row * 4 + x) * 4)]; };
  EXPECT_EQ(px(0, 0)[0], 255);
  EXPECT_EQ(px(0, 0)[1], 255);
  EXPECT_EQ(px(0, 0)[2], 255);
  EXPECT_GE(px(3, 1)[0], 250);
  EXPECT_LE(px(3, 1)[1], 6);
  EXPECT_LE(px(3, 1)[2], 6);
  EXPECT_EQ(px(3, 1)[3], 255);
  EXPECT_THROW(makeThumbnail(FrameView{}, 4, 2), std::invalid_argument);
}

TEST(ThumbnailSource, KeyframesOnlyMatchTheDecodedKeyframeAndStayBounded) {
  ThumbnailOptions options;
  options.width = 64;
  options.height = 32;
  options.capacity = 3;
  auto source = ThumbnailSource::openKeyframes(kPlate, options);
  ASSERT_TRUE(source.ok()) << source.error().message();
  EXPECT_FALSE((*source)->fromProxy());

  auto video = media::VideoSource::open(kPlate);
  ASSERT_TRUE(video.ok());
  const media::StreamInfo info = video->info();
  const double keySeconds =
      info.keyframeInterval ? *info.keyframeInterval / info.frameRate.toDouble() : 1.0;  // as the source rounds

  // A time inside a GOP: the thumbnail is that GOP's keyframe (no decode of the frames after it).
  const double t = 2.6 * keySeconds;
  const auto thumb = (*source)->wait(t, 20s);
  ASSERT_NE(thumb, nullptr);
  EXPECT_NEAR(thumb->seconds, 2 * keySeconds, 1e-3);
  auto keyframe = video->frameAt(2 * keySeconds);
  ASSERT_TRUE(keyframe.ok());
  EXPECT_EQ(thumb->rgba, makeThumbnail(keyframe->view(), 64, 32).rgba);
  // The same GOP again is the cached one: nothing more decoded.
  EXPECT_EQ((*source)->wait(2.1 * keySeconds, 20s), thumb);
  EXPECT_EQ((*source)->decoded(), 1u);

  for (int k = 0; k < 6; ++k) ASSERT_NE((*source)->wait(k * keySeconds, 20s), nullptr) << k;
  EXPECT_EQ((*source)->cached(), 3u) << "the cache keeps its capacity";
  EXPECT_EQ((*source)->decoded(), 6u) << "key 2 was cached (the five others were not)";
}

}  // namespace
}  // namespace ps::ui
