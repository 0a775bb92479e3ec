// The markers as they reach the eyes through the overlay layer (ui geometry drawn by the
// engine in the eye pass): a pin behind an opaque box is dimmed to at most 30 %, one in front
// keeps its colour, and a stage marker at y = 0 shows on the floor where the camera puts it.
// The validation layer is on; any message fails.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

#include "engine/device.h"
#include "engine/eye_camera.h"
#include "engine/font_atlas.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/overlay_layer.h"
#include "ui/marker_geometry.h"
#include "ui/marker_layout.h"
#include "ui/marker_painter.h"
#include "ui/view_projection.h"

namespace ps::ui {
namespace {

constexpr std::uint32_t kW = 320, kH = 240;

// What a mesh layer leaves: an opaque black box at `distanceM` over the whole view.
class WallLayer : public engine::Layer {
 public:
  explicit WallLayer(float distanceM) : distance_(distanceM) {}
  void prepare(engine::FrameRecording&, std::span<const engine::EyePass>) override {}
  void record(engine::FrameRecording& frame, const engine::EyePass& eye) override {
    std::array<VkClearAttachment, 2> clears{};
    clears[0].aspectMask = VK_IMAGE_ASPECT_COLOR_BIT;
    clears[0].clearValue.color = {{0, 0, 0, 1}};
    clears[1].aspectMask = VK_IMAGE_ASPECT_DEPTH_BIT;
    clears[1].clearValue.depthStencil = {eye.camera.depthAt(distance_), 0};
    const VkClearRect rect{{{0, 0}, eye.extent}, 0, 1};
    vkCmdClearAttachments(frame.commands, 2, clears.data(), 1, &rect);
  }

 private:
  float distance_;
};

float toLinear(std::uint8_t v) {
  const float c = static_cast<float>(v) / 255.0f;
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

scenes::Marker marker(scenes::MarkerPlacement placement) {
  scenes::Marker m;
  m.id = "m";
  m.title = "mark";
  m.tOut = 10;
  m.fadeIn = m.fadeOut = 0;
  m.category = scenes::MarkerCategory::Production;
  m.placement = placement;
  return m;
}

class MarkerLayer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("PERFECTSHOT_VALIDATION", "1", 0);
    auto d = engine::Device::create();
    ASSERT_TRUE(d.ok()) << d.error().message();
    device_ = new engine::Device(std::move(*d));
  }
  static void TearDownTestSuite() {
    delete device_;
    device_ = nullptr;
  }
  void TearDown() override { EXPECT_EQ(device_->validationMessageCount(), 0u); }

  // The markers drawn for an eye at the capture point looking ahead, behind the layers given.
  static engine::RgbaImage draw(const std::vector<scenes::Marker>& markers, std::vector<engine::Layer*> before,
                                const ViewProjection& eye) {
    static const auto atlas = engine::FontAtlas::load();
    engine::FrameContext context(*device_, 2, "marker layer test");
    engine::FrameRenderer renderer(*device_);
    engine::OffscreenTarget target(*device_, kW, kH, "marker layer test");
    engine::OverlayLayer overlay(*device_, atlas);
    engine::OverlayGeometry common, edges;
    buildMarkerGeometry(markers, layoutMarkers(markers, 1.0, eye), MarkerPaint{}, *atlas, common, edges);
    overlay.setGeometry(std::move(common), {std::move(edges)});
    before.push_back(&overlay);
    engine::FrameRecording& frame = context.begin();
    const std::vector<engine::EyeDraw> eyes{{Eye::Left, eye.camera(), target.target(), false}};
    renderer.record(frame, eyes, before);
    target.recordReadback(frame.commands);
    context.submit();
    context.waitAll();
    return target.pixels();
  }

  static ViewProjection ahead() {
    engine::View view;
    view.fov = engine::symmetricFov(90, 75);
    return ViewProjection(engine::EyeCamera(view), {static_cast<float>(kW), static_cast<float>(kH)});
  }

  static std::array<std::uint8_t, 3> at(const engine::RgbaImage& image, glm::vec2 p) {
    const std::size_t i = (static_cast<std::size_t>(p.y) * image.width + static_cast<std::size_t>(p.x)) * 4;
    return {image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]};
  }

  static engine::Device* device_;
};

engine::Device* MarkerLayer::device_ = nullptr;

TEST_F(MarkerLayer, APinBehindAWallIsDimmedAndOneInFrontIsNot) {
  const ViewProjection eye = ahead();
  const std::vector<scenes::Marker> markers{marker(scenes::DirectionPlacement{0, 0, 3})};
  const glm::vec2 pin = eye.extent() * 0.5f;
  const auto colour = categoryRgb(scenes::MarkerCategory::Production);
  WallLayer nearWall(2), farWall(4);
  const auto behind = at(draw(markers, {&nearWall}, eye), pin);
  for (std::size_t c = 0; c < 3; ++c)
    EXPECT_LE(toLinear(behind[c]), 0.3f * toLinear(colour[c]) + 0.01f) << "channel " << c;
  EXPECT_GT(behind[0], 0) << "the hidden pin is still drawn, to be found";
  const auto front = at(draw(markers, {&farWall}, eye), pin);
  for (int c = 0; c < 3; ++c)
    EXPECT_NEAR(front[static_cast<std::size_t>(c)], colour[static_cast<std::size_t>(c)], 3) << "channel " << c;
}

TEST_F(MarkerLayer, AStageMarkerAtYZeroShowsOnTheFloor) {
  const ViewProjection eye = ahead();
  const std::vector<scenes::Marker> markers{marker(scenes::StagePlacement{{0.5, 0, -3}})};
  // The eye stands at the capture point, 1.6 m above the stage's floor.
  const auto pin = eye.camera().pixelOf({0.5f, -1.6f, -3.0f}, eye.extent());
  ASSERT_TRUE(pin);
  const auto colour = categoryRgb(scenes::MarkerCategory::Production);
  const auto shown = at(draw(markers, {}, eye), *pin);
  for (int c = 0; c < 3; ++c)
    EXPECT_NEAR(shown[static_cast<std::size_t>(c)], colour[static_cast<std::size_t>(c)], 3) << "channel " << c;
}

}  // namespace
}  // namespace ps::ui
