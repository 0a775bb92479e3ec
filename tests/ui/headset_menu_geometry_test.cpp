// The headset menu's card and the controller's ray as overlay geometry: where they are
// anchored, which way the card hangs, the lit row following the highlight, a card as wide as
// its widest row.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "engine/font_atlas.h"
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
