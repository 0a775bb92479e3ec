#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

#include "ui/panel_layout.h"
#include "ui/panel_placement.h"

namespace ps::ui {
namespace {

TEST(PanelLayout, BarEndsAreFractionsZeroAndOne) {
  const PanelLayout l;
  EXPECT_DOUBLE_EQ(l.fractionAt(l.barLeft), 0);
  EXPECT_DOUBLE_EQ(l.fractionAt(l.barRight), 1);
  EXPECT_FLOAT_EQ(l.pixelAt(0.5), (l.barLeft + l.barRight) / 2);
}

TEST(PanelLayout, HitsTheBarBandAndThePlayheadHandle) {
  const PanelLayout l;
  const float barV = (l.barTop + l.barBottom) / 2 / l.height;
  const PointerSample onBar = l.hit({l.pixelAt(0.3) / l.width, barV}, 0.8, true);
  ASSERT_TRUE(onBar.x);
  EXPECT_NEAR(*onBar.x, 0.3, 1e-6);
  EXPECT_TRUE(onBar.overGrab);
  EXPECT_TRUE(onBar.down);
  const PointerSample aboveText = l.hit({l.pixelAt(0.3) / l.width, 10 / l.height}, 0.8, false);
  EXPECT_TRUE(aboveText.x);
  EXPECT_FALSE(aboveText.overGrab) << "the text row is not the bar";
  const float handleV = (l.barTop - l.grabSlack - 4) / l.height;  // above the band, within the handle
  EXPECT_TRUE(l.hit({l.pixelAt(0.8) / l.width, handleV}, 0.8, false).overGrab) << "on the handle";
  EXPECT_FALSE(l.hit({l.pixelAt(0.3) / l.width, handleV}, 0.8, false).overGrab);
  EXPECT_FALSE(l.hit({1.2f, barV}, 0.8, false).x) << "off the panel";
}

TEST(PanelPlacement, ARayThroughAPointOfThePanelHitsItsUv) {
  const PanelPlacement p = PanelPlacement::below({0, 1.6f, 0}, glm::radians(30.0f));
  const glm::vec3 hand{0.2f, 1.2f, -0.3f};
  for (glm::vec2 uv : {glm::vec2(0.5f, 0.5f), glm::vec2(0.1f, 0.6f), glm::vec2(0.93f, 0.2f)}) {
    const auto hit = p.intersect(hand, glm::normalize(p.pointAt(uv) - hand));
    ASSERT_TRUE(hit);
    EXPECT_NEAR(hit->x, uv.x, 1e-4);
    EXPECT_NEAR(hit->y, uv.y, 1e-4);
  }
  EXPECT_FALSE(p.intersect(hand, {0, 1, 0})) << "pointing at the sky";
  const glm::vec3 behind = p.center - p.normal() * 0.5f;
  EXPECT_FALSE(p.intersect(behind, glm::normalize(p.center - behind))) << "from behind";
}

TEST(PanelPlacement, BelowTheViewFacingTheViewer) {
  const PanelPlacement p = PanelPlacement::below({0, 1.6f, 0}, 0);
  EXPECT_NEAR(p.center.y, 1.0f, 1e-6);
  EXPECT_NEAR(p.center.z, -1.5f, 1e-6);
  EXPECT_GT(p.normal().z, 0.9f) << "faces +Z, toward the viewer";
  EXPECT_GT(p.normal().y, 0.3f) << "tilted back, toward the eyes above it";
  EXPECT_NEAR(glm::length(p.pointAt({1, 0.5f}) - p.pointAt({0, 0.5f})), p.widthM, 1e-5);
}

}  // namespace
}  // namespace ps::ui
