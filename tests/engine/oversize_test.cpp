// Pictures larger than the device's images (lavapipe: 16384): held at the lowest mip level that
// fits instead of crashing the driver, and drawn as the same picture. The validation layer
// (EngineTest) fails any test whose images exceed maxImageDimension2D or the mip count.
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/equirect_renderer.h"
#include "engine/image_limits.h"
#include "engine/offscreen_target.h"
#include "engine/picture_fit.h"
#include "engine/render_still.h"
#include "engine/view.h"
#include "engine_test.h"
#include "frame_textures_downscale.h"

namespace ps::test {
namespace {

// Two greys; BT.709 limited: R'G'B' = (Y - 16) / 219.
constexpr std::uint32_t kDarkLuma = 60;
constexpr std::uint32_t kLightLuma = 200;
constexpr int kDarkGrey = 51;    // round((60 - 16) * 255 / 219)
constexpr int kLightGrey = 214;  // round((200 - 16) * 255 / 219)

// A grey frame of `format`: dark where `light(x, y)` is false, light where it is true (luma
// only; chroma neutral). 10-bit formats get the same greys scaled.
template <typename Light>
OwnedFrame greyFrame(PixelFormat format, std::uint32_t width, std::uint32_t height, Light light) {
  OwnedFrame frame = makeFrame(format, width, height, ColorMatrix::Bt709, ColorRange::Limited);
  const bool tenBit = bytesPerSample(format) == 2;
  const std::uint32_t scale = format == PixelFormat::P010 ? 256 : tenBit ? 4 : 1;
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x) setSample(frame, 0, x, y, (light(x, y) ? kLightLuma : kDarkLuma) * scale);
  for (int p = 1; p < planeCount(format); ++p)
    for (std::uint32_t y = 0; y < planeHeight(format, p, height); ++y)
      for (std::uint32_t x = 0; x < planeWidth(format, p, width); ++x)
        for (int c = 0; c < componentsPerSample(format, p); ++c) setSample(frame, p, x, y, 128 * scale, c);
  return frame;
}

// The worst difference from `expected` over a small view of `eye` looking at `yawDeg`.
int worstGrey(engine::Device& device, const OwnedFrame& frame, StereoLayout stereo, Eye eye, float yawDeg,
              int expected, int frames = 2) {
  engine::EquirectRenderer renderer(device);
  engine::OffscreenTarget target(device, 8, 8, "oversize probe");
  FrameLayout layout;
  layout.stereo = stereo;
  // Twice: the second upload is made for the views of the first (fewer mip levels).
  for (int f = 0; f < frames; ++f) {
    const engine::FrameTicket ticket = renderer.beginFrame(frame.view, layout);
    renderer.drawView(engine::viewFromV360({yawDeg, 0, 0, 20, 20}), eye, target.target());
    renderer.recordReadback(target);
    renderer.submit();
    renderer.wait(ticket);
  }
  int worst = 0;
  for (std::uint8_t v : toRgb(target.pixels()).pixels) worst = std::max(worst, std::abs(v - expected));
  return worst;
}

// Left half of the picture dark, right half light: a view at yaw -90 sees the first, +90 the second.
bool rightHalf(std::uint32_t x, std::uint32_t width) { return x >= width / 2; }

TEST(PictureFitTest, LevelToFitDropsTheFewestLevels) {
  const VkExtent2D limit{16384, 16384};
  const std::vector<VkExtent2D> limits{limit, limit};
  EXPECT_EQ(engine::levelToFit(std::vector<VkExtent2D>{{16384, 8192}, {8192, 4096}}, limits), 0u);
  EXPECT_EQ(engine::levelToFit(std::vector<VkExtent2D>{{16386, 8}, {8193, 4}}, limits), 1u);
  // 65536x2 (chroma 32768x1): level 2 is 16384x1, a row that averages both.
  EXPECT_EQ(engine::levelToFit(std::vector<VkExtent2D>{{65536, 2}, {32768, 1}}, limits), 2u);
  EXPECT_EQ(engine::levelToFit(std::vector<VkExtent2D>{{2, 70000}}, std::vector<VkExtent2D>{limit}), 3u);
  const VkExtent2D level2 = engine::levelExtent({65536, 2}, 2);
  EXPECT_EQ(level2.width, 16384u);
  EXPECT_EQ(level2.height, 1u);
}

TEST(PictureFitTest, DownscaleAveragesEachBox) {
  // 5x3 samples, level 1: 2x1, the odd last column and row left out (as halving leaves them out).
  std::vector<std::uint8_t> src{10, 20, 30, 40, 250,  //
                                30, 40, 50, 60, 250,  //
                                250, 250, 250, 250, 250};
  std::vector<std::uint8_t> dst(2, 0);
  engine::downscalePlane(reinterpret_cast<const std::byte*>(src.data()), 5, 5, 3,
                         engine::PlaneLevel{reinterpret_cast<std::byte*>(dst.data()), 2, 1, 2}, 1, {1, 1});
  EXPECT_EQ(dst, (std::vector<std::uint8_t>{25, 45}));
  // A plane lower than one box: the box is cut at its edge (4x1 at level 3 is 1x1, all four).
  std::vector<std::uint16_t> wide{100, 200, 300, 401};
  std::vector<std::uint16_t> one(1, 0);
  engine::downscalePlane(reinterpret_cast<const std::byte*>(wide.data()), 8, 4, 1,
                         engine::PlaneLevel{reinterpret_cast<std::byte*>(one.data()), 1, 1, 2}, 3, {1, 2});
  EXPECT_EQ(one[0], 250);  // 1001 / 4 rounded
}

using OversizeTest = EngineTest;

TEST_F(OversizeTest, FitReportsTheLevelThatFits) {
  const engine::PictureFit fit = engine::fitPicture(device(), 65536, 2, PixelFormat::Yuv420P, StereoLayout::Mono);
  ASSERT_GE(fit.maxImageDimension2D, 4096u);
  if (fit.maxImageDimension2D >= 65536) GTEST_SKIP() << "this device holds 65536-wide images";
  EXPECT_GT(fit.level, 0u);
  EXPECT_LE(fit.eyeExtent.width, fit.lumaLimit.width);
  EXPECT_EQ(fit.eyeExtent.width, 65536u >> fit.level);
  EXPECT_EQ(fit.eyeExtent.height, 1u);
}

TEST_F(OversizeTest, A65536WidePictureIsShownDownscaled) {
  const std::uint32_t w = 65536;
  for (PixelFormat format : {PixelFormat::Yuv420P, PixelFormat::Nv12, PixelFormat::Yuv420P10, PixelFormat::P010,
                             PixelFormat::Yuv444P}) {
    const OwnedFrame frame = greyFrame(format, w, 2, [&](std::uint32_t x, std::uint32_t) { return rightHalf(x, w); });
    EXPECT_LE(worstGrey(device(), frame, StereoLayout::Mono, Eye::Left, -90, kDarkGrey), 2) << toString(format);
    EXPECT_LE(worstGrey(device(), frame, StereoLayout::Mono, Eye::Left, 90, kLightGrey), 2) << toString(format);
  }
}

TEST_F(OversizeTest, TwoColumnsTooWideIsShownAtLevelOne) {
  const std::uint32_t w = 16386;  // the smallest even width past lavapipe's 16384
  const OwnedFrame frame =
      greyFrame(PixelFormat::Yuv420P, w, 8, [&](std::uint32_t x, std::uint32_t) { return rightHalf(x, w); });
  EXPECT_LE(worstGrey(device(), frame, StereoLayout::Mono, Eye::Left, -90, kDarkGrey), 2);
  EXPECT_LE(worstGrey(device(), frame, StereoLayout::Mono, Eye::Left, 90, kLightGrey), 2);
}

TEST_F(OversizeTest, EachEyeIsDownscaledFromItsOwnHalf) {
  // Eyes of 65536x2: the left eye dark, the right eye light, whatever the view.
  const OwnedFrame leftRight = greyFrame(PixelFormat::Yuv420P, 131072, 2,
                                         [](std::uint32_t x, std::uint32_t) { return rightHalf(x, 131072); });
  const OwnedFrame topBottom =
      greyFrame(PixelFormat::Yuv420P, 65536, 4, [](std::uint32_t, std::uint32_t y) { return y >= 2; });
  for (float yaw : {-90.0f, 0.0f, 90.0f}) {
    EXPECT_LE(worstGrey(device(), leftRight, StereoLayout::LeftRight, Eye::Left, yaw, kDarkGrey, 1), 2) << yaw;
    EXPECT_LE(worstGrey(device(), leftRight, StereoLayout::LeftRight, Eye::Right, yaw, kLightGrey, 1), 2) << yaw;
    EXPECT_LE(worstGrey(device(), topBottom, StereoLayout::TopBottom, Eye::Left, yaw, kDarkGrey, 1), 2) << yaw;
    EXPECT_LE(worstGrey(device(), topBottom, StereoLayout::TopBottom, Eye::Right, yaw, kLightGrey, 1), 2) << yaw;
  }
}

TEST_F(OversizeTest, AStillTargetBeyondTheLimitIsAnError) {
  auto target = engine::makeStillTarget(device(), 70000, 10);
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().where, "output size");
  EXPECT_NE(target.error().what.find("maxImageDimension2D"), std::string::npos) << target.error().what;
  // And through renderStill.
  const OwnedFrame frame = greyFrame(PixelFormat::Yuv420P, 64, 32, [](std::uint32_t, std::uint32_t) { return false; });
  engine::StillRequest request;
  request.width = 10;
  request.height = 70000;
  auto image = engine::renderStill(device(), frame.view, request);
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.error().what.find("10x70000"), std::string::npos) << image.error().what;
}

TEST_F(OversizeTest, AnImageBeyondTheLimitThrowsBeforeVulkanSeesIt) {
  auto make = [&](VkExtent2D extent, std::uint32_t levels) {
    return engine::GpuImage(device(), engine::ImageDesc{VK_FORMAT_R8_UNORM, extent, levels, VK_IMAGE_USAGE_SAMPLED_BIT},
                            "oversize");
  };
  EXPECT_THROW(make({65536, 2}, 1), engine::ImageTooLarge);
  EXPECT_THROW(make({16384, 2}, 16), engine::ImageTooLarge);  // a 16384 chain has 15 levels
}

}  // namespace
}  // namespace ps::test
