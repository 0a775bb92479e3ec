// The pipelined loop: frames in flight, staging reuse, a format change mid-stream, and the
// FrameView's bytes being free for reuse as soon as beginFrame returns.
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
  renderer.prepareTarget(engine::OffscreenTarget::kFormat);
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
