// The pipelined loop: frames in flight, staging reuse, a format change mid-stream, and the
// FrameView's bytes being free for reuse as soon as beginFrame returns.
#include <cstdlib>
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
