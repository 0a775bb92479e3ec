// The frame's building blocks: the eye camera's matrices against a pinhole computed by hand,
// the disposer's timing, the frame context's ring and its one submit per frame, and the
// pipeline cache's sharing.
#include <cmath>
#include <memory>

#include <gtest/gtest.h>
#include <glm/gtc/quaternion.hpp>

#include "engine/disposer.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/gpu_resources.h"
#include "engine_test.h"

namespace ps::test {
namespace {

using engine::EyeCamera;
using engine::View;

TEST(EyeCameraTest, ProjectsAPointWhereAPinholePutsIt) {
  View view;
  view.fov = engine::symmetricFov(90, 90);
  const EyeCamera camera(view);
  // 45 degrees right at 2 m ahead: the right edge; 1 m up at 4 m ahead: a quarter up.
  const auto right = camera.pixelOf({2, 0, -2}, {200, 100});
  ASSERT_TRUE(right);
  EXPECT_NEAR(right->x, 200, 1e-3);
  EXPECT_NEAR(right->y, 50, 1e-3);
  const auto up = camera.pixelOf({0, 1, -4}, {200, 100});
  ASSERT_TRUE(up);
  EXPECT_NEAR(up->x, 100, 1e-3);
  EXPECT_NEAR(up->y, 50 - 0.25 * 50, 1e-3);  // y grows downward
  EXPECT_FALSE(camera.pixelOf({0, 0, 1}, {200, 100}));  // behind
}

TEST(EyeCameraTest, AsymmetricFovAndAMovedEye) {
  View view;
  view.fov = engine::Fov{-0.6f, 0.3f, 0.5f, -0.4f};
  view.position = {0.032f, 1.6f, 0.0f};
  view.orientation = glm::angleAxis(glm::radians(-30.0f), glm::vec3(0, 1, 0));  // turned right
  const EyeCamera camera(view);
  const glm::vec3 eyePoint(0.2f, -0.1f, -3.0f);
  const glm::vec3 stage = view.position + view.orientation * eyePoint;
  const auto ndc = camera.ndcOf(stage);
  ASSERT_TRUE(ndc);
  const float tx = eyePoint.x / 3.0f, ty = eyePoint.y / 3.0f;
  const float l = std::tan(-0.6f), r = std::tan(0.3f), u = std::tan(0.5f), d = std::tan(-0.4f);
  EXPECT_NEAR(ndc->x, (tx - l) / (r - l) * 2 - 1, 1e-5);
  EXPECT_NEAR(ndc->y, (u - ty) / (u - d) * 2 - 1, 1e-5);
  // The ray through that point's NDC comes back to it.
  const engine::Ray ray = camera.rayThroughNdc(glm::vec2(*ndc));
  const glm::vec3 along = ray.origin + ray.direction * glm::length(eyePoint);
  EXPECT_NEAR(glm::distance(along, stage), 0.0f, 1e-4);
}

TEST(EyeCameraTest, ReverseZDepthRunsFromOneAtNearToZeroAtInfinity) {
  View view;
  view.fov = engine::symmetricFov(90, 90);
  const EyeCamera camera(view, 0.1f);
  EXPECT_NEAR(camera.depthAt(0.1f), 1.0f, 1e-6);
  EXPECT_NEAR(camera.depthAt(1.0f), 0.1f, 1e-6);
  EXPECT_GT(camera.depthAt(2.0f), camera.depthAt(3.0f));  // nearer is greater
  EXPECT_NEAR(camera.distanceAt(camera.depthAt(7.5f)), 7.5f, 1e-4);
  const EyeCamera finite(view, 0.1f, 100.0f);
  EXPECT_NEAR(finite.depthAt(100.0f), 0.0f, 1e-6);
  EXPECT_NEAR(finite.depthAt(0.1f), 1.0f, 1e-6);
  EXPECT_NEAR(finite.distanceAt(finite.depthAt(12.0f)), 12.0f, 1e-3);
}

TEST(DisposerTest, FreesOnlyOnceTheLastFrameThatUsedItHasFinished) {
  engine::Disposer disposer;
  auto freed = std::make_shared<int>(0);
  struct Counted {
    std::shared_ptr<int> count;
    Counted(std::shared_ptr<int> c) : count(std::move(c)) {}
    Counted(Counted&&) = default;
    ~Counted() {
      if (count) ++*count;
    }
  };
  disposer.dispose(5, Counted{freed});
  disposer.disposeWith(3, [freed] { *freed += 10; });
  EXPECT_EQ(disposer.collect(2), 0u);
  EXPECT_EQ(*freed, 0);
  EXPECT_EQ(disposer.collect(4), 1u);
  EXPECT_EQ(*freed, 10);
  EXPECT_EQ(disposer.collect(5), 1u);
  EXPECT_EQ(*freed, 11);
  EXPECT_EQ(disposer.pending(), 0u);
}

class FrameContextTest : public EngineTest {};

TEST_F(FrameContextTest, OneSubmitPerFrameAndResourcesFreedAfterTheirFence) {
  engine::FrameContext context(device(), 2, "test");
  auto freed = std::make_shared<bool>(false);
  std::uint64_t firstSerial = 0;
  {
    engine::FrameRecording& frame = context.begin();
    firstSerial = frame.serial;
    engine::GpuBuffer buffer(device(), 256, VK_BUFFER_USAGE_TRANSFER_DST_BIT, false, "disposed");
    vkCmdFillBuffer(frame.commands, buffer.handle(), 0, VK_WHOLE_SIZE, 7);
    frame.disposer.dispose(frame.serial, std::move(buffer));
    frame.disposer.disposeWith(frame.serial, [freed] { *freed = true; });
    context.submit();
  }
  EXPECT_EQ(context.submitCount(), 1u);
  context.wait(firstSerial);
  EXPECT_GE(context.completedSerial(), firstSerial);
  EXPECT_FALSE(*freed);  // freed at the next begin, not behind the caller's back
  for (int i = 0; i < 4; ++i) {
    context.begin();
    context.submit();
  }
  EXPECT_TRUE(*freed);
  EXPECT_EQ(context.submitCount(), 5u);
  EXPECT_EQ(context.lastSubmitted(), firstSerial + 4);
  EXPECT_THROW(context.submit(), std::logic_error);
  context.begin();
  EXPECT_THROW(context.begin(), std::logic_error);
  context.submit();
  context.waitAll();
  EXPECT_EQ(context.completedSerial(), context.lastSubmitted());
}

}  // namespace
}  // namespace ps::test

namespace ps::test {
namespace {

// Paints its colour over a rectangle of every eye (a clear inside the pass), and notes what
// it was asked to do.
class PaintLayer : public engine::Layer {
 public:
  PaintLayer(VkClearColorValue colour, VkRect2D rect) : colour_(colour), rect_(rect) {}
  void prepare(engine::FrameRecording&, std::span<const engine::EyePass> eyes) override {
    prepared.push_back(eyes.size());
  }
  void record(engine::FrameRecording& frame, const engine::EyePass& eye) override {
    recorded.push_back(eye.index);
    depthFormat = eye.depthFormat;
    VkClearAttachment attachment{};
    attachment.aspectMask = VK_IMAGE_ASPECT_COLOR_BIT;
    attachment.colorAttachment = 0;
    attachment.clearValue.color = colour_;
    const VkClearRect rect{rect_, 0, 1};
    vkCmdClearAttachments(frame.commands, 1, &attachment, 1, &rect);
  }
  std::vector<std::size_t> prepared, recorded;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;

 private:
  VkClearColorValue colour_;
  VkRect2D rect_;
};

TEST_F(FrameContextTest, FrameRendererDrawsLayersInOrderIntoEveryEyeInOneSubmit) {
  engine::FrameContext context(device(), 2, "test");
  engine::FrameRenderer renderer(device());
  engine::OffscreenTarget left(device(), 16, 8, "left"), right(device(), 16, 8, "right");
  PaintLayer red({{1, 0, 0, 1}}, {{0, 0}, {8, 8}});
  PaintLayer green({{0, 1, 0, 1}}, {{4, 0}, {8, 8}});  // over red's right half
  std::vector<engine::Layer*> layers{&red, &green};
  std::vector<engine::EyeDraw> eyes{{Eye::Left, engine::EyeCamera{}, left.target(), false},
                                    {Eye::Right, engine::EyeCamera{}, right.target(), false}};
  engine::FrameRecording& frame = context.begin();
  renderer.record(frame, eyes, layers);
  left.recordReadback(frame.commands);
  right.recordReadback(frame.commands);
  const std::uint64_t serial = frame.serial;
  context.submit();
  context.wait(serial);
  EXPECT_EQ(context.submitCount(), 1u);
  EXPECT_EQ(red.prepared, std::vector<std::size_t>{2});
  EXPECT_EQ(red.recorded, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(green.recorded, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(red.depthFormat, renderer.depthFormat());
  for (const engine::OffscreenTarget* target : {&left, &right}) {
    const engine::RgbaImage pixels = target->pixels();
    auto at = [&](int x, int y) { return pixels.pixels[static_cast<std::size_t>((y * 16 + x) * 4)]; };
    auto green_at = [&](int x, int y) { return pixels.pixels[static_cast<std::size_t>((y * 16 + x) * 4 + 1)]; };
    EXPECT_EQ(at(1, 1), 255);        // red
    EXPECT_EQ(green_at(6, 1), 255);  // green drew after red
    EXPECT_EQ(at(6, 1), 0);
    EXPECT_EQ(at(14, 1), 0);         // cleared black
    EXPECT_EQ(green_at(14, 1), 0);
  }
}

}  // namespace
}  // namespace ps::test
