// The equirect picture as the frame's background layer: under another layer (then drawn through
// the target's sRGB view, writing linear values) it shows what it shows alone (encoded values
// through the UNORM view); it writes no depth (the background is at infinity); a picture that a
// submitted frame samples is not overwritten before that frame has finished; a stereo frame's
// two eyes and a whole-sphere image are drawn in one submit.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "engine/equirect_layer.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/render_still.h"
#include "engine/view.h"
#include "engine_test.h"

namespace ps::test {
namespace {

class EquirectLayerTest : public EngineTest {};

// Draws nothing and cannot write encoded values: with it, the frame binds the sRGB view.
class BlendingLayer : public engine::Layer {
 public:
  void prepare(engine::FrameRecording&, std::span<const engine::EyePass>) override {}
  void record(engine::FrameRecording&, const engine::EyePass& eye) override { encoded.push_back(eye.encoded); }
  std::vector<bool> encoded;
};

OwnedFrame gradientFrame() {
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, 256, 128, ColorMatrix::Bt709, ColorRange::Full);
  for (std::uint32_t y = 0; y < 128; ++y)
    for (std::uint32_t x = 0; x < 256; ++x) setSample(frame, 0, x, y, (x * 3 + y * 5) % 256);
  for (std::uint32_t y = 0; y < 64; ++y)
    for (std::uint32_t x = 0; x < 128; ++x) {
      setSample(frame, 1, x, y, 64 + (x * 7 + y) % 128);
      setSample(frame, 2, x, y, 64 + (x + y * 3) % 128);
    }
  return frame;
}

int worstDifference(const engine::RgbaImage& a, const engine::RgbaImage& b) {
  EXPECT_EQ(a.pixels.size(), b.pixels.size());
  int worst = 0;
  for (std::size_t i = 0; i < std::min(a.pixels.size(), b.pixels.size()); ++i)
    worst = std::max(worst, std::abs(int{a.pixels[i]} - int{b.pixels[i]}));
  return worst;
}

TEST_F(EquirectLayerTest, UnderABlendingLayerItWritesLinearAndLooksTheSame) {
  const OwnedFrame frame = gradientFrame();
  const engine::View view = engine::viewFromV360({35, -10, 0, 80, 60});
  engine::StillRequest request;
  request.view = view;
  request.width = 48;
  request.height = 32;
  auto alone = engine::renderStill(device(), frame.view, request);  // the UNORM view, encoded values
  ASSERT_TRUE(alone.ok()) << alone.error().message();

  engine::FrameContext context(device(), 2, "test");
  engine::FrameRenderer renderer(device());
  engine::EquirectLayer background(context);
  BlendingLayer over;
  background.setPicture(frame.view, FrameLayout{});
  engine::OffscreenTarget target(device(), 48, 32, "under");
  const std::vector<engine::EyeDraw> eyes{{Eye::Left, engine::EyeCamera(view), target.target(), false}};
  std::vector<engine::Layer*> layers{&background, &over};
  engine::FrameRecording& recording = context.begin();
  renderer.record(recording, eyes, layers);
  target.recordReadback(recording.commands);
  const std::uint64_t serial = recording.serial;
  context.submit();
  context.wait(serial);
  EXPECT_EQ(over.encoded, std::vector<bool>{false});
  EXPECT_LE(worstDifference(target.pixels(), *alone), 1);
  context.waitAll();
}

TEST_F(EquirectLayerTest, WritesNoDepthAndDrawsStereoAndTheWholeSphereInOneSubmit) {
  const OwnedFrame frame = gradientFrame();
  engine::FrameContext context(device(), 2, "test");
  engine::FrameRenderer renderer(device());
  engine::EquirectLayer background(context);
  background.setPicture(frame.view, FrameLayout{});

  // A depth image of the test's own, kept after the pass and copied out.
  engine::ImageDesc depthDesc;
  depthDesc.format = renderer.depthFormat();
  depthDesc.extent = {16, 16};
  depthDesc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  depthDesc.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  engine::GpuImage depth(device(), depthDesc, "depth");
  ASSERT_EQ(depthDesc.format, VK_FORMAT_D32_SFLOAT) << "lavapipe offers D32";
  engine::GpuBuffer depthBytes(device(), 16 * 16 * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true, "depth readback");

  engine::OffscreenTarget left(device(), 16, 16, "left"), right(device(), 16, 16, "right"),
      sphere(device(), 64, 32, "sphere");
  engine::RenderTarget leftTarget = left.target();
  leftTarget.depthImage = depth.handle();
  leftTarget.depthView = depth.view();
  leftTarget.depthFormat = depthDesc.format;
  leftTarget.depthLayoutAfter = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  const engine::View view = engine::viewFromV360({0, 0, 0, 90, 90});
  const std::vector<engine::EyeDraw> eyes{{Eye::Left, engine::EyeCamera(view), leftTarget, false},
                                          {Eye::Right, engine::EyeCamera(view), right.target(), false},
                                          {Eye::Left, engine::EyeCamera{}, sphere.target(), true}};
  std::vector<engine::Layer*> layers{&background};
  engine::FrameRecording& recording = context.begin();
  renderer.record(recording, eyes, layers);
  for (const engine::OffscreenTarget* t : {&left, &right, &sphere}) t->recordReadback(recording.commands);
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, 1};
  region.imageExtent = {16, 16, 1};
  vkCmdCopyImageToBuffer(recording.commands, depth.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, depthBytes.handle(),
                         1, &region);
  VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, VK_ACCESS_TRANSFER_WRITE_BIT,
                         VK_ACCESS_HOST_READ_BIT};
  vkCmdPipelineBarrier(recording.commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost,
                       0, nullptr, 0, nullptr);
  const std::uint64_t serial = recording.serial;
  context.submit();
  context.wait(serial);
  EXPECT_EQ(context.submitCount(), 1u);
  EXPECT_EQ(renderer.lastPasses()[2].depthFormat, VK_FORMAT_UNDEFINED) << "a whole-sphere image has no depth";

  std::vector<float> depths(16 * 16);
  std::memcpy(depths.data(), depthBytes.mapped(), depths.size() * sizeof(float));
  for (int i = 0; i < 16 * 16; ++i) ASSERT_EQ(depths[i], 0.0f) << "texel " << i;  // cleared far, not written
  // Mono: both eyes show the same view; the sphere is not black (it was drawn).
  EXPECT_EQ(worstDifference(left.pixels(), right.pixels()), 0);
  const engine::RgbaImage whole = sphere.pixels();
  EXPECT_GT(*std::max_element(whole.pixels.begin(), whole.pixels.end()), 100);
  context.waitAll();
}

// Frames queue up without waiting; each shows the picture it was begun with, however many
// pictures the layer cycles through, and setting a picture after the frame's prepare is refused.
TEST_F(EquirectLayerTest, APictureInFlightIsNotOverwritten) {
  for (std::uint32_t pictures : {1u, 2u, 3u}) {
    SCOPED_TRACE(pictures);
    engine::FrameContext context(device(), 2, "test");
    engine::FrameRenderer renderer(device());
    engine::EquirectLayer background(context, pictures);
    OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, 64, 32, ColorMatrix::Bt709, ColorRange::Full);
    std::vector<std::unique_ptr<engine::OffscreenTarget>> targets;
    std::vector<std::uint64_t> serials;
    const engine::View view = engine::viewFromV360({0, 0, 0, 60, 60});
    for (int i = 0; i < 6; ++i) {
      const std::size_t luma = frame.view.planes[0].stride * frame.view.height;
      std::fill(frame.bytes.begin(), frame.bytes.begin() + static_cast<std::ptrdiff_t>(luma),
                std::byte{static_cast<std::uint8_t>(30 + 30 * i)});
      std::fill(frame.bytes.begin() + static_cast<std::ptrdiff_t>(luma), frame.bytes.end(), std::byte{128});
      background.setPicture(frame.view, FrameLayout{});
      targets.push_back(std::make_unique<engine::OffscreenTarget>(device(), 4, 4, "frame"));
      const std::vector<engine::EyeDraw> eyes{{Eye::Left, engine::EyeCamera(view), targets.back()->target(), false}};
      engine::Layer* const layers[] = {&background};
      engine::FrameRecording& recording = context.begin();
      renderer.record(recording, eyes, layers);
      if (pictures == 1) {
        EXPECT_THROW(background.setPicture(frame.view, FrameLayout{}), std::logic_error);
      }
      targets.back()->recordReadback(recording.commands);
      serials.push_back(recording.serial);
      context.submit();
    }
    for (std::size_t i = 0; i < targets.size(); ++i) {
      context.wait(serials[i]);
      EXPECT_NEAR(targets[i]->pixels().pixels[0], 30 + 30 * static_cast<int>(i), 2) << "frame " << i;
    }
    context.waitAll();
  }
}


// A frame staged ahead is copied into a free picture while the frames go on showing the latest;
// it is shown only by showStaged with its key, layout and yaw. Where a picture is set meanwhile,
// three pictures keep the staged one for later, two drop it; one picture has none to stage into.
TEST_F(EquirectLayerTest, AFrameStagedAheadIsShownOnlyWhenAskedFor) {
  const engine::View view = engine::viewFromV360({0, 0, 0, 60, 60});
  // A grey frame of luma `level`, owned by the shared pointer (as a decoded frame would be).
  auto grey = [](int level) {
    auto frame = std::make_shared<OwnedFrame>(makeFrame(PixelFormat::Yuv420P, 64, 32, ColorMatrix::Bt709, ColorRange::Full));
    const std::size_t luma = frame->view.planes[0].stride * frame->view.height;
    std::fill(frame->bytes.begin(), frame->bytes.begin() + static_cast<std::ptrdiff_t>(luma),
              std::byte{static_cast<std::uint8_t>(level)});
    std::fill(frame->bytes.begin() + static_cast<std::ptrdiff_t>(luma), frame->bytes.end(), std::byte{128});
    return frame;
  };
  for (std::uint32_t pictures : {1u, 2u, 3u}) {
    SCOPED_TRACE(pictures);
    engine::FrameContext context(device(), 2, "test");
    engine::FrameRenderer renderer(device());
    engine::EquirectLayer background(context, pictures);
    // Draws one frame and returns the luma it shows (after its end).
    auto shown = [&] {
      engine::OffscreenTarget target(device(), 4, 4, "frame");
      const std::vector<engine::EyeDraw> eyes{{Eye::Left, engine::EyeCamera(view), target.target(), false}};
      engine::Layer* const layers[] = {&background};
      engine::FrameRecording& recording = context.begin();
      renderer.record(recording, eyes, layers);
      EXPECT_THROW(background.stageAhead(1, grey(10)->view, FrameLayout{}, 0, grey(10)), std::logic_error)
          << "not while a frame is recorded";
      target.recordReadback(recording.commands);
      const std::uint64_t serial = recording.serial;
      context.submit();
      context.wait(serial);
      return int{target.pixels().pixels[0]};
    };
    const auto first = grey(30);
    background.setPicture(first->view, FrameLayout{});
    EXPECT_NEAR(shown(), 30, 2);

    const auto ahead = grey(90);
    const bool staged = background.stageAhead(7, ahead->view, FrameLayout{}, 0, ahead);
    if (pictures == 1) {
      EXPECT_FALSE(staged) << "the one picture is the latest";
      EXPECT_FALSE(background.stagedKey());
      EXPECT_FALSE(background.showStaged(7, FrameLayout{}, 0));
      context.waitAll();
      continue;
    }
    ASSERT_TRUE(staged);
    EXPECT_EQ(background.stagedKey(), 7);
    EXPECT_NEAR(shown(), 30, 2) << "staged, not shown";
    EXPECT_FALSE(background.showStaged(8, FrameLayout{}, 0)) << "another key";
    EXPECT_FALSE(background.showStaged(7, FrameLayout{}, 90)) << "another yaw";
    FrameLayout stereo;
    stereo.stereo = StereoLayout::TopBottom;
    EXPECT_FALSE(background.showStaged(7, stereo, 0)) << "another layout";
    EXPECT_NEAR(shown(), 30, 2);
    ASSERT_TRUE(background.showStaged(7, FrameLayout{}, 0));
    EXPECT_FALSE(background.stagedKey());
    EXPECT_NEAR(shown(), 90, 2);

    // A picture set while another frame waits staged.
    const auto later = grey(150);
    ASSERT_TRUE(background.stageAhead(9, later->view, FrameLayout{}, 0, later));
    const auto now = grey(200);
    background.setPicture(now->view, FrameLayout{});
    EXPECT_NEAR(shown(), 200, 2);
    EXPECT_EQ(background.showStaged(9, FrameLayout{}, 0), pictures == 3);
    EXPECT_NEAR(shown(), pictures == 3 ? 150 : 200, 2);

    // A frame that does not split into its layout's eyes is not staged; setPicture says why.
    const auto odd = std::make_shared<OwnedFrame>(makeFrame(PixelFormat::Yuv420P, 64, 30, ColorMatrix::Bt709, ColorRange::Full));
    FrameLayout topBottom;
    topBottom.stereo = StereoLayout::TopBottom;
    EXPECT_FALSE(background.stageAhead(11, odd->view, topBottom, 0, odd));
    EXPECT_THROW(background.setPicture(odd->view, topBottom), std::invalid_argument);
    context.waitAll();
  }
}

}  // namespace
}  // namespace ps::test
