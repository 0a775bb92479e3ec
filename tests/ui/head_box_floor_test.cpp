// The RGB-D head box on the floor (ui/head_box_floor.h): on the stage floor around the capture
// point's foot, hidden near the capture point, full where the parallax starts to ease.
#include <gtest/gtest.h>

#include <algorithm>

#include "ui/head_box_floor.h"

namespace ps {
namespace {

TEST(HeadBoxFloor, FadesInAsTheHeadNearsTheFaces) {
  const ui::HeadBoxFloor box{{1.0f, 1.7f, -2.0f}, 0.4f};
  const auto at = [&](float dx, float dz) { return ui::headBoxFloorAlpha(box, box.capturePoint + glm::vec3(dx, 0.3f, dz)); };
  EXPECT_EQ(at(0, 0), 0.0f);
  EXPECT_EQ(at(0.19f, 0), 0.0f) << "within half of the box";
  EXPECT_EQ(at(0, -0.25f), 0.5f);
  EXPECT_EQ(at(0.3f, 0), 1.0f) << "3/4 of the way to a face";
  EXPECT_EQ(at(-2.0f, 3.0f), 1.0f) << "outside";
  EXPECT_GT(at(0.28f, 0), at(0.25f, 0));
}

TEST(HeadBoxFloor, TheSquareLiesOnTheFloorAroundTheCapturePointsFoot) {
  const ui::HeadBoxFloor box{{1.0f, 1.7f, -2.0f}, 0.4f};
  engine::OverlayGeometry none;
  ui::buildHeadBoxFloor(box, 0.0f, none);
  EXPECT_TRUE(none.empty());
  engine::OverlayGeometry g;
  ui::buildHeadBoxFloor(box, 1.0f, g);
  ASSERT_FALSE(g.empty());
  float minX = 1e9f, maxX = -1e9f;
  bool square = false;
  for (const engine::OverlayVertex& v : g.vertices) {
    EXPECT_NEAR(v.position.y, 0.0f, 1e-6);
    if (v.colour.a > 0.8f) {  // the outline, not the grid
      square = true;
      minX = std::min(minX, v.position.x);
      maxX = std::max(maxX, v.position.x);
    }
  }
  EXPECT_TRUE(square);
  EXPECT_NEAR(minX, 0.6f, 1e-5);
  EXPECT_NEAR(maxX, 1.4f, 1e-5);
}

}  // namespace
}  // namespace ps
