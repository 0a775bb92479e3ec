// The headset menu's card and the controller's ray as overlay geometry: where they are
// anchored, which way the card hangs, the lit row following the highlight, a card as wide as
// its widest row.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include <glm/geometric.hpp>

#include "engine/font_atlas.h"
#include "engine/view.h"
#include "ui/headset_menu_geometry.h"

namespace ps::ui {
namespace {

const engine::FontAtlas& font() {
  static const auto atlas = engine::FontAtlas::load();
  return *atlas;
}

HeadsetMenuView menu() {
  HeadsetMenuView v;
  v.anchor = {1.0f, 0.2f, -3.0f};
  v.heading = "New marker  0.10 s - 5.10 s";
  v.rows = {"Camera move", "Blocking", "Light", "Delete marker", "Close"};
  v.hint = "Stick up/down: choose; click: do";
  return v;
}

struct Box {
  float minX = std::numeric_limits<float>::max(), maxX = std::numeric_limits<float>::lowest();
  float minY = std::numeric_limits<float>::max(), maxY = std::numeric_limits<float>::lowest();
};

Box boxOf(const engine::OverlayGeometry& g) {
  Box b;
  for (const auto& v : g.vertices) {
    b.minX = std::min(b.minX, v.offset.x), b.maxX = std::max(b.maxX, v.offset.x);
    b.minY = std::min(b.minY, v.offset.y), b.maxY = std::max(b.maxY, v.offset.y);
  }
  return b;
}

// The top of the lit row's bar: the solid vertices in the highlight's colour.
float litRowTop(const engine::OverlayGeometry& g) {
  const glm::vec4 lit = engine::linearColour(90, 200, 255, 0.9f);
  float top = std::numeric_limits<float>::max();
  for (const auto& v : g.vertices)
    if (v.colour == lit) top = std::min(top, v.offset.y);
  return top;
}

TEST(HeadsetMenuGeometry, TheCardHangsLeftOfItsAnchorAtItsDepth) {
  engine::OverlayGeometry g;
  buildHeadsetMenuGeometry(menu(), 10, font(), g);
  ASSERT_FALSE(g.empty());
  for (const auto& v : g.vertices) {
    EXPECT_EQ(v.position, menu().anchor);
    EXPECT_EQ(v.kind & 0xF, static_cast<std::uint32_t>(engine::OverlayKind::Anchored));
  }
  const Box b = boxOf(g);
  EXPECT_LT(b.maxX, 0.0f) << "left of the pin, clear of the marker's card on its right";
  EXPECT_GE(b.maxX - b.minX, 150.0f) << "at least 15 degrees wide";
  EXPECT_GT(b.maxY - b.minY, 6 * 19.0f) << "a heading and five rows of 1.9 degrees";
}

TEST(HeadsetMenuGeometry, TheLitRowFollowsTheHighlight) {
  HeadsetMenuView v = menu();
  engine::OverlayGeometry first, third;
  buildHeadsetMenuGeometry(v, 10, font(), first);
  v.highlighted = 2;
  buildHeadsetMenuGeometry(v, 10, font(), third);
  EXPECT_NEAR(litRowTop(third) - litRowTop(first), 2 * 19.0f, 0.01f) << "two rows of 1.9 degrees lower";
}

TEST(HeadsetMenuGeometry, ALongRowWidensTheCard) {
  HeadsetMenuView v = menu();
  engine::OverlayGeometry narrow, wide;
  buildHeadsetMenuGeometry(v, 10, font(), narrow);
  v.rows.push_back("A title much longer than fifteen degrees of a headset's view");
  buildHeadsetMenuGeometry(v, 10, font(), wide);
  const Box a = boxOf(narrow), b = boxOf(wide);
  EXPECT_GT(b.maxX - b.minX, a.maxX - a.minX + 50);
  EXPECT_GE(b.maxX - b.minX, font().widthOf(v.rows.back(), 19.0f * 0.68f)) << "the row fits";
}

// The ray's hit test agrees with the drawing: a ray through the middle of a row's drawn pixels
// (from the eye, or from a controller elsewhere through the same point) picks that row; the
// heading picks none; a ray past the card misses.
TEST(HeadsetMenuGeometry, ARayPicksTheRowItCrossesAsTheEyeSeesIt) {
  engine::View view;
  view.fov = engine::symmetricFov(90, 90);
  const ViewProjection eye(view, {512, 512});
  HeadsetMenuView v = menu();
  v.anchor = {0.8f, 0.0f, -3.0f};
  const HeadsetMenuLayout l = layoutHeadsetMenu(v, pixelsPerDegree(view.fov, 512), font());
  const glm::vec2 anchorPx = *eye.pixelOfEyePoint(eye.toEye(v.anchor));
  const auto rayThrough = [&](glm::vec2 offset) { return eye.rayAt(anchorPx + offset); };
  const float midX = 0.5f * (l.min.x + l.max.x);
  for (std::size_t row = 0; row < v.rows.size(); ++row) {
    const engine::Ray r = rayThrough({midX, l.firstRowY + (static_cast<float>(row) + 0.5f) * l.rowPx});
    const auto hit = rayOnHeadsetMenu(r, v, eye, font());
    ASSERT_TRUE(hit) << "row " << row;
    EXPECT_EQ(hit->row, row);
    EXPECT_NEAR((r.origin + hit->alongM * r.direction).z, -3.0f, 1e-4f) << "at the anchor's depth";
    // The same point from a controller below and to the right.
    const glm::vec3 point = r.origin + hit->alongM * r.direction, from(0.25f, -0.3f, -0.2f);
    const auto again = rayOnHeadsetMenu({from, glm::normalize(point - from)}, v, eye, font());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->row, row);
    EXPECT_NEAR(again->alongM, glm::length(point - from), 1e-3f);
  }
  const auto heading = rayOnHeadsetMenu(rayThrough({midX, l.min.y + l.pad + 2}), v, eye, font());
  ASSERT_TRUE(heading) << "on the card";
  EXPECT_FALSE(heading->row);
  EXPECT_FALSE(rayOnHeadsetMenu(rayThrough({l.max.x + 4, l.firstRowY + 2}), v, eye, font())) << "right of it";
  EXPECT_FALSE(rayOnHeadsetMenu(rayThrough({midX, l.max.y + 4}), v, eye, font())) << "below it";
  EXPECT_FALSE(rayOnHeadsetMenu({glm::vec3(0.0f), {0.0f, 0.0f, 1.0f}}, v, eye, font())) << "pointing away";
}

TEST(PointerGeometry, TheRayRunsToTheCursorDrawnAtItsEnd) {
  const glm::vec3 from(0.2f, 1.4f, -0.3f), to(0.2f, 1.4f, -4.3f);
  engine::OverlayGeometry g;
  buildPointerGeometry(from, to, g);
  std::size_t line = 0, atEnd = 0;
  for (const auto& v : g.vertices) {
    const auto kind = static_cast<engine::OverlayKind>(v.kind & 0xF);
    if (kind == engine::OverlayKind::Line) {
      ++line;
      EXPECT_TRUE((v.position == from && v.toward == to) || (v.position == to && v.toward == from));
    } else if (kind == engine::OverlayKind::Anchored) {
      ++atEnd;
      EXPECT_EQ(v.position, to) << "the cursor is where the ray ends";
    }
  }
  EXPECT_GT(line, 0u);
  EXPECT_GT(atEnd, 0u);
}

}  // namespace
}  // namespace ps::ui
