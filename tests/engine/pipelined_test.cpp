// The pipelined loop: frames in flight, staging reuse, a format change mid-stream, and the
// FrameView's bytes being free for reuse as soon as beginFrame returns.
#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <vector>
#include <memory>

#include <gtest/gtest.h>

#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/render_still.h"
#include "engine/view.h"
#include "engine_test.h"

namespace ps::test {
namespace {

class PipelinedTest : public EngineTest, public ::testing::WithParamInterface<std::uint32_t> {};

void fillGrey(OwnedFrame& frame, std::uint8_t luma) {
  const std::size_t lumaBytes = frame.view.planes[0].stride * frame.view.height;
  std::fill(frame.bytes.begin(), frame.bytes.begin() + static_cast<std::ptrdiff_t>(lumaBytes), std::byte{luma});
  std::fill(frame.bytes.begin() + static_cast<std::ptrdiff_t>(lumaBytes), frame.bytes.end(), std::byte{128});
}

TEST_P(PipelinedTest, EachFrameShowsItsOwnPicture) {
  const std::uint32_t framesInFlight = GetParam();
  engine::EquirectRenderer renderer(device(), engine::RendererOptions{framesInFlight});
  renderer.prepareTarget(engine::OffscreenTarget(device(), 4, 4, "prepare").target());
  // One buffer the "decoder" overwrites every frame, as a decoder's frame pool would.
  OwnedFrame small = makeFrame(PixelFormat::Yuv420P, 128, 64, ColorMatrix::Bt709, ColorRange::Full);
  OwnedFrame large = makeFrame(PixelFormat::Yuv444P, 256, 128, ColorMatrix::Bt709, ColorRange::Full);
  constexpr int kFrames = 9;
  std::vector<std::unique_ptr<engine::OffscreenTarget>> targets;
  std::vector<engine::FrameTicket> tickets;
  for (int i = 0; i < kFrames; ++i) {
    OwnedFrame& frame = i >= 4 && i < 7 ? large : small;  // a size and format change, and back
    fillGrey(frame, static_cast<std::uint8_t>(20 + 25 * i));
    targets.push_back(std::make_unique<engine::OffscreenTarget>(device(), 8, 8, "frame " + std::to_string(i)));
    tickets.push_back(renderer.beginFrame(frame.view, FrameLayout{}));
    fillGrey(frame, 0);  // the engine copied the bytes; scribbling on them must not show
    renderer.drawView(engine::viewFromV360({static_cast<float>(40 * i), 0, 0, 60, 60}), Eye::Left,
                      targets.back()->target());
    renderer.recordReadback(*targets.back());
    renderer.submit();
  }
  for (int i = 0; i < kFrames; ++i) {
    renderer.wait(tickets[static_cast<std::size_t>(i)]);
    const engine::RgbaImage image = targets[static_cast<std::size_t>(i)]->pixels();
    EXPECT_NEAR(image.pixels[0], 20 + 25 * i, 2) << "frame " << i;
  }
}

// A 90 Hz display over a 30 fps plate: most frames show the last picture again without an
// upload. An upload in between must not overwrite a picture that a queued reuse still samples.
TEST_P(PipelinedTest, ReusedFramesShowTheLastUploadedPicture) {
  const std::uint32_t framesInFlight = GetParam();
  engine::EquirectRenderer renderer(device(), engine::RendererOptions{framesInFlight});
  EXPECT_FALSE(renderer.hasFrame());
  EXPECT_THROW(renderer.reuseLastFrame(), std::logic_error);
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, 128, 64, ColorMatrix::Bt709, ColorRange::Full);
  // Per display frame: the grey of a new upload, or 0 for a reuse of the last one.
  const std::vector<int> uploads{40, 0, 0, 120, 0, 200, 0, 0, 0, 60};
  std::vector<std::unique_ptr<engine::OffscreenTarget>> targets;
  std::vector<engine::FrameTicket> tickets;
  std::vector<int> expected;
  for (std::size_t i = 0; i < uploads.size(); ++i) {
    if (uploads[i] != 0) {
      fillGrey(frame, static_cast<std::uint8_t>(uploads[i]));
      tickets.push_back(renderer.beginFrame(frame.view, FrameLayout{}));
      fillGrey(frame, 0);
      expected.push_back(uploads[i]);
    } else {
      tickets.push_back(renderer.reuseLastFrame());
      expected.push_back(expected.back());
    }
    EXPECT_TRUE(renderer.hasFrame());
    targets.push_back(std::make_unique<engine::OffscreenTarget>(device(), 8, 8, "display frame " + std::to_string(i)));
    renderer.drawView(engine::viewFromV360({static_cast<float>(30 * i), 0, 0, 60, 60}), Eye::Left,
                      targets.back()->target());
    renderer.recordReadback(*targets.back());
    renderer.submit();
  }
  for (std::size_t i = 0; i < uploads.size(); ++i) {
    renderer.wait(tickets[i]);
    EXPECT_NEAR(targets[i]->pixels().pixels[0], expected[i], 2) << "display frame " << i;
  }
}

// The first upload makes the whole mip chain; later ones only the levels the views drawn lately
// need. A minified view must look the same either way; a view that minifies more than the
// recent ones (a zoom out) gets its levels from the next upload on, and they are kept a while
// when the views go back to the smaller minification.
TEST_P(PipelinedTest, MipsMadeForTheViewsDrawnMatchTheWholeChain) {
  engine::EquirectRenderer renderer(device(), engine::RendererOptions{GetParam()});
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, 512, 256, ColorMatrix::Bt709, ColorRange::Full);
  for (std::uint32_t y = 0; y < 256; ++y)
    for (std::uint32_t x = 0; x < 512; ++x) setSample(frame, 0, x, y, (x / 3 + y / 5) % 2 == 0 ? 230 : 30);
  for (std::uint32_t y = 0; y < 128; ++y)
    for (std::uint32_t x = 0; x < 256; ++x) {
      setSample(frame, 1, x, y, 64 + (x * 7 + y) % 128);
      setSample(frame, 2, x, y, 64 + (x + y * 5) % 128);
    }
  struct Step {
    engine::V360Camera camera;
    std::uint32_t size;
  };
  // 64 px over 90 degrees minifies the 512-wide source about 2x; 8 px about 16x.
  const engine::V360Camera camera{30, 40, 0, 90, 90};
  const std::vector<Step> steps = {{camera, 64}, {camera, 64}, {camera, 8}, {camera, 8}, {camera, 64}, {camera, 64}};
  constexpr std::size_t kZoomOut = 2;  // drawn with the levels made for the 64 px view
  std::vector<engine::RgbaImage> images;
  for (const Step& step : steps) {
    engine::OffscreenTarget target(device(), step.size, step.size, "mips");
    const engine::FrameTicket ticket = renderer.beginFrame(frame.view, FrameLayout{});
    renderer.drawView(engine::viewFromV360(step.camera), Eye::Left, target.target());
    renderer.recordReadback(target);
    renderer.submit();
    renderer.wait(ticket);
    images.push_back(target.pixels());
  }
  // Each fresh renderer makes the whole chain: the reference for the same view.
  for (std::size_t i = 0; i < steps.size(); ++i) {
    engine::StillRequest request;
    request.view = engine::viewFromV360(steps[i].camera);
    request.width = request.height = steps[i].size;
    const auto reference = engine::renderStill(device(), frame.view, request);
    ASSERT_TRUE(reference.ok()) << reference.error().message();
    ASSERT_EQ(reference->pixels.size(), images[i].pixels.size());
    int worst = 0;
    for (std::size_t k = 0; k < images[i].pixels.size(); ++k)
      worst = std::max(worst, std::abs(int{images[i].pixels[k]} - int{reference->pixels[k]}));
    if (i == kZoomOut) {
      // The missing smaller levels show as aliasing, which is what proves the levels were cut.
      EXPECT_GT(worst, 8) << "step " << i;
    } else {
      EXPECT_LE(worst, 1) << "step " << i;
    }
  }
}

// On lavapipe a picture that every view minifies 2x or more is packed (luma level 1, Cb, Cr in
// one image): it must render as the three planes do. Proof that it was packed: a view that
// magnifies, drawn before the next upload can follow it, lacks luma level 0's detail; the
// upload after it goes back to the planes.
TEST_P(PipelinedTest, APackedPictureRendersAsItsPlanes) {
  engine::EquirectRenderer renderer(device(), engine::RendererOptions{GetParam()});
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, 512, 256, ColorMatrix::Bt709, ColorRange::Limited);
  for (std::uint32_t y = 0; y < 256; ++y)
    for (std::uint32_t x = 0; x < 512; ++x) setSample(frame, 0, x, y, (x + y) % 2 == 0 ? 200 : 40);
  for (std::uint32_t y = 0; y < 128; ++y)
    for (std::uint32_t x = 0; x < 256; ++x) {
      setSample(frame, 1, x, y, 64 + (x * 3 + y) % 128);
      setSample(frame, 2, x, y, 64 + (x + y * 7) % 128);
    }
  const engine::V360Camera camera{-20, 15, 0, 90, 90};
  // 16 px over 90 degrees minifies the 512-wide source about 8x at the centre and 3.8x at the
  // corners; 256 px magnifies it.
  const std::vector<std::uint32_t> sizes = {16, 16, 16, 256, 256};
  std::vector<engine::RgbaImage> images;
  for (std::uint32_t size : sizes) {
    engine::OffscreenTarget target(device(), size, size, "packing");
    const engine::FrameTicket ticket = renderer.beginFrame(frame.view, FrameLayout{});
    renderer.drawView(engine::viewFromV360(camera), Eye::Left, target.target());
    renderer.recordReadback(target);
    renderer.submit();
    renderer.wait(ticket);
    images.push_back(target.pixels());
  }
  auto worstAgainstReference = [&](std::size_t i) {
    engine::StillRequest request;
    request.view = engine::viewFromV360(camera);
    request.width = request.height = sizes[i];
    const auto reference = engine::renderStill(device(), frame.view, request);  // first upload: the planes
    EXPECT_TRUE(reference.ok()) << reference.error().message();
    int worst = 0;
    for (std::size_t k = 0; k < images[i].pixels.size(); ++k)
      worst = std::max(worst, std::abs(int{images[i].pixels[k]} - int{reference->pixels[k]}));
    return worst;
  };
  EXPECT_LE(worstAgainstReference(0), 1) << "first upload, the planes";
  EXPECT_LE(worstAgainstReference(1), 1) << "packed";
  EXPECT_LE(worstAgainstReference(2), 1) << "packed";
  // The one-texel checkerboard averages to flat grey at luma level 1: magnified, it is gone.
  EXPECT_GT(worstAgainstReference(3), 60) << "magnified from the packed picture";
  EXPECT_LE(worstAgainstReference(4), 1) << "back to the planes";
}

// With the frame's bytes kept alive, a packed picture is copied lazily, only where the views
// drawn from it sample (beginFrame with an owner). Every draw, including reuses of the picture
// by views that turn to parts not drawn before (across the seam, over a pole), must show what a
// full copy shows; the two source frames differ everywhere, so a part left unfilled (holding
// an older picture or nothing) would show.
TEST_P(PipelinedTest, ALazilyCopiedPictureShowsWhatAFullCopyShows) {
  engine::EquirectRenderer renderer(device(), engine::RendererOptions{GetParam()});
  auto makeSource = [](std::uint32_t seed) {
    auto frame = std::make_shared<OwnedFrame>(makeFrame(PixelFormat::Yuv420P, 512, 256, ColorMatrix::Bt709,
                                                        ColorRange::Limited));
    for (std::uint32_t y = 0; y < 256; ++y)
      for (std::uint32_t x = 0; x < 512; ++x) setSample(*frame, 0, x, y, 30 + (x * 7 + y * 3 + seed * 101) % 190);
    for (std::uint32_t y = 0; y < 128; ++y)
      for (std::uint32_t x = 0; x < 256; ++x) {
        setSample(*frame, 1, x, y, 64 + (x * 5 + y + seed * 37) % 128);
        setSample(*frame, 2, x, y, 64 + (x + y * 9 + seed * 53) % 128);
      }
    return frame;
  };
  const std::shared_ptr<OwnedFrame> first = makeSource(1), second = makeSource(2);
  struct Step {
    std::shared_ptr<OwnedFrame> frame;  // null: reuse the last picture
    engine::V360Camera camera;
  };
  // 16 px over 60-90 degrees minifies the 512-wide source 2x or more everywhere: packed.
  const engine::V360Camera front{20, 10, 0, 90, 90}, seam{175, -20, 30, 60, 60}, pole{-40, 80, 0, 70, 70},
      south{100, -75, 0, 60, 60};
  const std::vector<Step> steps = {{first, front},   {first, front},   {nullptr, seam}, {second, seam},
                                   {nullptr, pole},  {nullptr, front}, {first, south}, {nullptr, seam},
                                   {second, front}};
  std::shared_ptr<OwnedFrame> shown;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    engine::OffscreenTarget target(device(), 16, 16, "lazy");
    engine::FrameTicket ticket;
    if (steps[i].frame) {
      shown = steps[i].frame;
      ticket = renderer.beginFrame(shown->view, FrameLayout{}, 0, shown);
    } else {
      ticket = renderer.reuseLastFrame();
    }
    renderer.drawView(engine::viewFromV360(steps[i].camera), Eye::Left, target.target());
    renderer.recordReadback(target);
    renderer.submit();
    renderer.wait(ticket);
    engine::StillRequest request;
    request.view = engine::viewFromV360(steps[i].camera);
    request.width = request.height = 16;
    const auto reference = engine::renderStill(device(), shown->view, request);  // one full copy, the planes
    ASSERT_TRUE(reference.ok()) << reference.error().message();
    const engine::RgbaImage image = target.pixels();
    int worst = 0;
    for (std::size_t k = 0; k < image.pixels.size(); ++k)
      worst = std::max(worst, std::abs(int{image.pixels[k]} - int{reference->pixels[k]}));
    EXPECT_LE(worst, 1) << "step " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(FramesInFlight, PipelinedTest, ::testing::Values(1u, 2u, 3u));

using StillTest = EngineTest;

TEST_F(StillTest, RejectsAFrameThatDoesNotSplitIntoEyes) {
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, 64, 34, ColorMatrix::Bt709, ColorRange::Full);
  engine::StillRequest request;
  request.layout.stereo = StereoLayout::TopBottom;  // chroma is 17 rows high: no equal halves
  request.width = 8;
  request.height = 8;
  const auto image = engine::renderStill(device(), frame.view, request);
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.error().what.find("halves"), std::string::npos) << image.error().message();
}

}  // namespace
}  // namespace ps::test
