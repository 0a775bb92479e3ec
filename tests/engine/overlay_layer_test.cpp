// The overlay layer: markers, cards, text and lines drawn in the eye pass with depth. A marker
// behind an opaque box is dimmed to at most 30 %, one in front of it is not; text lands where
// the font atlas puts its glyphs; a line lands where the eye camera projects it.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <glm/gtc/quaternion.hpp>
#include <glm/trigonometric.hpp>

#include "engine/eye_camera.h"
#include "engine/font_atlas.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/overlay_geometry.h"
#include "engine/overlay_layer.h"
#include "engine_test.h"

namespace ps::test {
namespace {

std::shared_ptr<const engine::FontAtlas> atlas() {
  static const auto loaded = engine::FontAtlas::load();
  return loaded;
}

// An opaque box in front of the eye as the layers before the overlay would leave it: its colour
// and its depth (reverse-Z, as at distanceM) over a rectangle of every eye.
class BoxLayer : public engine::Layer {
 public:
  BoxLayer(VkRect2D rect, float distanceM, VkClearColorValue colour)
      : rect_(rect), distance_(distanceM), colour_(colour) {}
  void prepare(engine::FrameRecording&, std::span<const engine::EyePass>) override {}
  void record(engine::FrameRecording& frame, const engine::EyePass& eye) override {
    std::array<VkClearAttachment, 2> clears{};
    clears[0].aspectMask = VK_IMAGE_ASPECT_COLOR_BIT;
    clears[0].clearValue.color = colour_;
    clears[1].aspectMask = VK_IMAGE_ASPECT_DEPTH_BIT;
    clears[1].clearValue.depthStencil = {eye.camera.depthAt(distance_), 0};
    const VkClearRect rect{rect_, 0, 1};
    vkCmdClearAttachments(frame.commands, 2, clears.data(), 1, &rect);
  }

 private:
  VkRect2D rect_;
  float distance_;
  VkClearColorValue colour_;
};

float toLinear(std::uint8_t v) {
  const float c = static_cast<float>(v) / 255.0f;
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

class OverlayLayerTest : public EngineTest {
 protected:
  static constexpr int kW = 128, kH = 96;

  engine::EyeCamera camera() const {
    engine::View view;
    view.fov = engine::symmetricFov(90, 75);
    return engine::EyeCamera(view);
  }

  // Draws the layers into one eye and reads it back.
  engine::RgbaImage draw(std::vector<engine::Layer*> layers, const engine::EyeCamera& eye) {
    engine::FrameRecording& frame = context_->begin();
    const std::vector<engine::EyeDraw> eyes{{Eye::Left, eye, target_->target(), false}};
    renderer_->record(frame, eyes, layers);
    target_->recordReadback(frame.commands);
    const std::uint64_t serial = frame.serial;
    context_->submit();
    context_->wait(serial);
    return target_->pixels();
  }

  static glm::vec4 linearAt(const engine::RgbaImage& image, int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * image.width + static_cast<std::size_t>(x)) * 4;
    const std::uint8_t* p = &image.pixels[i];
    return {toLinear(p[0]), toLinear(p[1]), toLinear(p[2]), p[3] / 255.0f};
  }

  void SetUp() override {
    EngineTest::SetUp();
    context_ = std::make_unique<engine::FrameContext>(device(), 2, "overlay test");
    renderer_ = std::make_unique<engine::FrameRenderer>(device());
    target_ = std::make_unique<engine::OffscreenTarget>(device(), std::uint32_t{kW}, std::uint32_t{kH}, "overlay test");
  }
  void TearDown() override {
    if (context_) context_->waitAll();
    target_.reset();
    renderer_.reset();
    context_.reset();
    EngineTest::TearDown();
  }

  std::unique_ptr<engine::FrameContext> context_;
  std::unique_ptr<engine::FrameRenderer> renderer_;
  std::unique_ptr<engine::OffscreenTarget> target_;
};

TEST_F(OverlayLayerTest, AMarkerBehindABoxIsDimmedAndOneInFrontIsNot) {
  // The box covers the left half of the view, 2 m away; black, so what shows over it is the
  // marker's own contribution.
  BoxLayer box({{0, 0}, {std::uint32_t{kW / 2}, std::uint32_t{kH}}}, 2.0f, {{0, 0, 0, 1}});
  engine::OverlayLayer overlay(device(), atlas());
  EXPECT_LE(overlay.hiddenOpacity(), 0.3f);
  overlay.setHiddenOpacity(0.9f);  // asked for more than allowed: clamped
  EXPECT_FLOAT_EQ(overlay.hiddenOpacity(), engine::OverlayLayer::kMaxHiddenOpacity);
  overlay.setHiddenOpacity(0.25f);
  const glm::vec4 red = engine::linearColour(255, 0, 0);
  const engine::EyeCamera eye = camera();
  // A card across the middle of the view, half over the box.
  const auto card = [&](float distanceM) {
    engine::OverlayGeometry g;
    g.rect({0, 0, -distanceM}, {-40, -10}, {40, 10}, red);
    return g;
  };
  overlay.setGeometry(card(4.0f));
  std::vector<engine::Layer*> layers{&box, &overlay};
  const engine::RgbaImage behind = draw(layers, eye);
  const int y = kH / 2;
  for (int x = kW / 2 - 30; x < kW / 2 - 2; ++x) {
    const glm::vec4 c = linearAt(behind, x, y);
    EXPECT_LE(c.r, 0.3f * red.r + 1e-2f) << "hidden part at x " << x;
    EXPECT_GE(c.r, 0.2f) << "hidden part still drawn at x " << x;
  }
  for (int x = kW / 2 + 2; x < kW / 2 + 30; ++x) EXPECT_NEAR(linearAt(behind, x, y).r, 1.0f, 1e-2f) << x;
  EXPECT_EQ(linearAt(behind, 5, 5).r, 0.0f);  // outside the card

  overlay.setGeometry(card(1.5f));
  const engine::RgbaImage front = draw(layers, eye);
  for (int x = kW / 2 - 30; x < kW / 2 + 30; ++x) EXPECT_NEAR(linearAt(front, x, y).r, 1.0f, 1e-2f) << x;
  EXPECT_EQ(context_->submitCount(), 2u);
}

TEST_F(OverlayLayerTest, TextLandsWhereTheAtlasPutsItsGlyphs) {
  engine::OverlayLayer overlay(device(), atlas());
  const engine::FontAtlas& font = *atlas();
  engine::OverlayGeometry g;
  // At the baked height, the baseline on a whole pixel: one texel per pixel, centres on centres.
  const glm::vec2 topLeft(-40, -30 + std::round(font.ascent()) - font.ascent());
  const float drawn = g.text(font, {0, 0, -3}, topLeft, "H", font.bakedPixelHeight(), glm::vec4(1.0f));
  EXPECT_NEAR(drawn, font.glyph(U'H').advance, 1e-4);
  overlay.setGeometry(std::move(g));
  std::vector<engine::Layer*> layers{&overlay};
  const engine::RgbaImage image = draw(layers, camera());
  const engine::Glyph& h = font.glyph(U'H');
  const glm::vec2 origin = glm::vec2(kW / 2, kH / 2) + topLeft + glm::vec2(0, font.ascent());
  int inked = 0, blank = 0;
  const int gw = static_cast<int>(std::lround(h.max.x - h.min.x));
  const int gh = static_cast<int>(std::lround(h.max.y - h.min.y));
  ASSERT_GT(gw, 4);
  ASSERT_GT(gh, 4);
  const int u0 = static_cast<int>(std::lround(h.uvMin.x * static_cast<float>(font.width())));
  const int v0 = static_cast<int>(std::lround(h.uvMin.y * static_cast<float>(font.height())));
  for (int j = 0; j < gh; ++j) {
    for (int i = 0; i < gw; ++i) {
      const std::uint8_t coverage =
          font.pixels()[static_cast<std::size_t>(v0 + j) * font.width() + static_cast<std::size_t>(u0 + i)];
      const int x = static_cast<int>(std::lround(origin.x + h.min.x)) + i;
      const int y = static_cast<int>(std::lround(origin.y + h.min.y)) + j;
      const float shown = linearAt(image, x, y).g;
      EXPECT_NEAR(shown, coverage / 255.0f, 0.05f) << "glyph texel " << i << "," << j;
      if (coverage > 200) ++inked;
      if (coverage == 0) ++blank;
    }
  }
  EXPECT_GT(inked, 20);  // an H has strokes...
  EXPECT_GT(blank, 20);  // ...and room between them
}

TEST_F(OverlayLayerTest, ALineLandsWhereTheCameraProjectsIt) {
  engine::View view;
  view.fov = engine::Fov{-0.7f, 0.6f, 0.5f, -0.6f};
  view.position = {0.3f, 1.6f, 0.2f};
  view.orientation = glm::angleAxis(glm::radians(20.0f), glm::vec3(0, 1, 0)) *
                     glm::angleAxis(glm::radians(-10.0f), glm::vec3(1, 0, 0));
  const engine::EyeCamera eye(view);
  // A floor line from the left front to the right, 3 px wide.
  const glm::vec3 a(-2.0f, 0.0f, -3.0f), b(1.0f, 0.0f, -4.0f);
  engine::OverlayGeometry g;
  g.segment(a, b, engine::linearColour(0, 255, 0), 3.0f);
  engine::OverlayLayer overlay(device(), atlas());
  overlay.setGeometry(std::move(g));
  std::vector<engine::Layer*> layers{&overlay};
  const engine::RgbaImage image = draw(layers, eye);
  const glm::vec2 extent(kW, kH);
  int checked = 0;
  for (const float f : {0.2f, 0.35f, 0.5f, 0.65f, 0.8f}) {
    const auto p = eye.pixelOf(glm::mix(a, b, f), extent);
    ASSERT_TRUE(p);
    if (p->x < 4 || p->y < 4 || p->x > kW - 4 || p->y > kH - 4) continue;
    ++checked;
    const int x = static_cast<int>(p->x), y = static_cast<int>(p->y);
    EXPECT_GT(linearAt(image, x, y).g, 0.9f) << "on the line at " << f;
    // Across the line, a few pixels off: nothing. The line runs mostly across the view, so
    // across is mostly vertical.
    EXPECT_EQ(linearAt(image, x, std::max(0, y - 6)).g, 0.0f) << "above the line at " << f;
    EXPECT_EQ(linearAt(image, x, std::min<int>(kH - 1, y + 6)).g, 0.0f) << "below the line at " << f;
  }
  EXPECT_GE(checked, 3);
}

TEST_F(OverlayLayerTest, ScreenTrianglesAreDrawnOverEverything) {
  BoxLayer box({{0, 0}, {std::uint32_t{kW}, std::uint32_t{kH}}}, 0.1f, {{0, 0, 0, 1}});  // right in front of the eye
  engine::OverlayLayer overlay(device(), atlas());
  std::vector<engine::OverlayGeometry> perEye(1);
  perEye[0].screenTriangle({100, 40}, {120, 48}, {100, 56}, engine::linearColour(0, 0, 255));
  overlay.setGeometry({}, std::move(perEye));
  std::vector<engine::Layer*> layers{&box, &overlay};
  const engine::RgbaImage image = draw(layers, camera());
  EXPECT_NEAR(linearAt(image, 105, 48).b, 1.0f, 1e-2f);
  EXPECT_EQ(linearAt(image, 60, 48).b, 0.0f);
}

TEST_F(OverlayLayerTest, GeometrySetEveryFrameDrawsThatFramesGeometry) {
  engine::OverlayLayer overlay(device(), atlas());
  std::vector<engine::Layer*> layers{&overlay};
  const engine::EyeCamera eye = camera();
  for (int i = 0; i < 7; ++i) {
    engine::OverlayGeometry g;
    const float x = static_cast<float>(i * 8 - 24);
    g.rect({0, 0, -2}, {x - 3, -3}, {x + 3, 3}, engine::linearColour(255, 0, 0));
    // Growing: the ring's buffers are replaced by larger ones on the way.
    for (int k = 0; k < i * i * 20; ++k) g.rect({0, 0, -2}, {-60, 40}, {-59, 41}, engine::linearColour(0, 0, 255));
    overlay.setGeometry(std::move(g));
    const engine::RgbaImage image = draw(layers, eye);
    EXPECT_GT(linearAt(image, kW / 2 + static_cast<int>(x), kH / 2).r, 0.9f) << "frame " << i;
    if (i > 0) {
      EXPECT_EQ(linearAt(image, kW / 2 + static_cast<int>(x) - 8, kH / 2).r, 0.0f) << "frame " << i;
    }
  }
  // Not set again: the last geometry stays.
  const engine::RgbaImage again = draw(layers, eye);
  EXPECT_GT(linearAt(again, kW / 2 + 24, kH / 2).r, 0.9f);
  overlay.setGeometry({});
  EXPECT_EQ(linearAt(draw(layers, eye), kW / 2 + 24, kH / 2).r, 0.0f);
}

TEST_F(OverlayLayerTest, APictureOnAQuadInSpaceShowsItsPixelsInPlace) {
  engine::OverlayLayer overlay(device(), atlas());
  // Four pixels: red, green over blue, white.
  engine::RgbaImage picture{2, 2, {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255}};
  overlay.setPicture(picture);
  EXPECT_THROW(overlay.setPicture(engine::RgbaImage{2, 2, {1, 2, 3}}), std::invalid_argument);
  engine::OverlayGeometry g;
  // A 2 m x 1.5 m frame 3 m ahead, turned a little: its quarters land where the camera puts them.
  const glm::quat turn = glm::angleAxis(glm::radians(15.0f), glm::vec3(0, 1, 0));
  const glm::vec3 centre(0, 0, -3);
  const auto corner = [&](float x, float y) { return centre + turn * glm::vec3(x, y, 0); };
  const std::array<glm::vec3, 4> corners{corner(-1, 0.75f), corner(1, 0.75f), corner(-1, -0.75f), corner(1, -0.75f)};
  g.picture(corners);
  overlay.setGeometry(std::move(g));
  std::vector<engine::Layer*> layers{&overlay};
  const engine::EyeCamera eye = camera();
  const engine::RgbaImage image = draw(layers, eye);
  const glm::vec2 extent(kW, kH);
  // The centre of each quarter of the frame, on the frame's plane.
  const auto at = [&](float x, float y) {
    const auto p = eye.pixelOf(corner(x, y), extent);
    EXPECT_TRUE(p);
    return linearAt(image, static_cast<int>(p->x), static_cast<int>(p->y));
  };
  const glm::vec4 topLeft = at(-0.75f, 0.55f), topRight = at(0.75f, 0.55f), bottomLeft = at(-0.75f, -0.55f),
                  bottomRight = at(0.75f, -0.55f);
  EXPECT_GT(topLeft.r, 0.9f);
  EXPECT_LT(topLeft.g, 0.1f);
  EXPECT_GT(topRight.g, 0.9f);
  EXPECT_LT(topRight.r, 0.1f);
  EXPECT_GT(bottomLeft.b, 0.9f);
  EXPECT_LT(bottomLeft.r, 0.1f);
  EXPECT_GT(bottomRight.r, 0.9f);
  EXPECT_GT(bottomRight.b, 0.9f);
  const auto outside = eye.pixelOf(corner(1.3f, 0), extent);
  ASSERT_TRUE(outside);
  EXPECT_EQ(linearAt(image, static_cast<int>(outside->x), static_cast<int>(outside->y)).r, 0.0f);
}

TEST(FontAtlas, BakesLatin1AndWrapsBetweenWords) {
  const engine::FontAtlas& font = *atlas();
  EXPECT_GT(font.width(), 0u);
  EXPECT_EQ(font.pixels().size(), std::size_t{font.width()} * font.height());
  EXPECT_GT(font.glyph(U'W').advance, font.glyph(U'i').advance);
  EXPECT_EQ(&font.glyph(U'\u4E00'), &font.glyph(U'?'));  // outside the atlas
  const float ab = font.glyph(U'a').advance + font.glyph(U'b').advance;
  EXPECT_NEAR(font.widthOf("ab", 24), ab * 24 / font.bakedPixelHeight(),
              1e-3);
  const float word = font.widthOf("lighting", 20);
  const auto lines = font.wrap("lighting lighting lighting", 20, word * 2.2f);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "lighting lighting");
  EXPECT_EQ(lines[1], "lighting");
  EXPECT_EQ(font.wrap("one\ntwo", 20, 1000).size(), 2u);
  EXPECT_EQ(engine::decodeUtf8("a\xC3\xA9"), U"a\u00E9");
  EXPECT_EQ(engine::decodeUtf8("\xC3"), U"\uFFFD");  // cut short
  EXPECT_EQ(engine::decodeUtf8("\xFF" "a"), U"\uFFFDa");
  EXPECT_THROW(engine::FontAtlas::load("/nonexistent/font.ttf"), std::runtime_error);
}

}  // namespace
}  // namespace ps::test
