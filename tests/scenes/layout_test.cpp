#include <gtest/gtest.h>

#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps {
namespace {

TEST(Layout, ParsesManifestSpellingsAndRejectsOthers) {
  EXPECT_EQ(parseProjection("180"), Projection::Equirect180);
  EXPECT_EQ(parseStereoLayout("top-bottom"), StereoLayout::TopBottom);
  EXPECT_EQ(parseStereoLayout("left-right"), StereoLayout::LeftRight);
  EXPECT_FALSE(parseStereoLayout("tb").has_value());
  EXPECT_FALSE(parseProjection("fisheye").has_value());
  for (auto s : {StereoLayout::Mono, StereoLayout::TopBottom, StereoLayout::LeftRight})
    EXPECT_EQ(parseStereoLayout(toString(s)), s);
}

TEST(Layout, GuessesFromAspectRatio) {
  EXPECT_EQ(guessLayout(3840, 1920).stereo, StereoLayout::Mono);
  EXPECT_EQ(guessLayout(3840, 3840).stereo, StereoLayout::TopBottom);
  EXPECT_EQ(guessLayout(7680, 1920).stereo, StereoLayout::LeftRight);
  const auto vr180 = guessLayout(2048, 4096);
  EXPECT_EQ(vr180.projection, Projection::Equirect180);
  EXPECT_EQ(vr180.projectionSource, LayoutSource::Guess);
}

TEST(FrameView, PlaneGeometryFollowsTheFormat) {
  EXPECT_EQ(planeCount(PixelFormat::Nv12), 2);
  EXPECT_EQ(planeCount(PixelFormat::Yuv444P10), 3);
  EXPECT_EQ(planeWidth(PixelFormat::Yuv420P, 1, 101), 51u);
  EXPECT_EQ(planeHeight(PixelFormat::Yuv444P, 2, 101), 101u);
  EXPECT_EQ(componentsPerSample(PixelFormat::P010, 1), 2);
  EXPECT_EQ(bytesPerSample(PixelFormat::P010), 2);
}

}  // namespace
}  // namespace ps
