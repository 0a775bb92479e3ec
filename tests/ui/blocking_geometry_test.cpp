// The crew's blocking as overlay geometry (ui/blocking_geometry.h): every element lies where the
// blocking says, in stage space (the floor is y = 0), the actor where the path puts them at the
// time; and the geometry is rebuilt only across times where an actor moves or a trail fades.
#include "ui/blocking_geometry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/font_atlas.h"

namespace ps::test {
namespace {

const engine::FontAtlas& atlas() {
  static const auto a = engine::FontAtlas::load();
  return *a;
}

scenes::ActorPath crossing() {
  scenes::ActorPath p;
  p.id = "rick";
  p.actor = "Rick";
  p.trailSeconds = 1.0;
  p.keys = {{2.0, {-1.0, -3.0}}, {4.0, {1.0, -3.0}}};
  return p;
}

// The stage points the geometry's line vertices stand on (anchors and segment ends).
std::vector<glm::vec3> anchors(const engine::OverlayGeometry& g) {
  std::vector<glm::vec3> out;
  for (const auto& v : g.vertices)
    if ((v.kind & 0xF) != static_cast<std::uint32_t>(engine::OverlayKind::Screen)) out.push_back(v.position);
  return out;
}

TEST(BlockingGeometry, TheActorsColumnStandsWhereThePathPutsThemAtTheTime) {
  scenes::Blocking b;
  b.actors.push_back(crossing());
  engine::OverlayGeometry g;
  ui::buildBlockingGeometry(b, 3.0, atlas(), g);
  ASSERT_FALSE(g.empty());
  // At 3 s Rick is half way: x = 0. Every anchor of the column and its label is there; the
  // trail (2 .. 3 s) runs back to x = -0.5... -1 on the floor.
  const auto points = anchors(g);
  const auto tall = std::count_if(points.begin(), points.end(), [](const glm::vec3& p) { return p.y > 0.5f; });
  EXPECT_GT(tall, 0);
  for (const glm::vec3& p : points) {
    if (p.y > 0.5f) {
      EXPECT_NEAR(p.x, 0.0f, 1e-5f) << "the column and the name stand at x = 0";
    }
    EXPECT_NEAR(p.z, -3.0f, 1e-5f);
    EXPECT_GE(p.x, -1.0f - 1e-5f);
    EXPECT_LE(p.x, 1e-5f) << "nothing ahead of where he stands";
  }
}

TEST(BlockingGeometry, MarksTheDollyAndMeasurementsLieWhereTheBlockingSays) {
  scenes::Blocking b;
  b.marks.push_back({"m1", "Top", {0, 1, 0}, {2.0, -4.0}, 90.0});
  engine::OverlayGeometry g;
  ui::buildBlockingGeometry(b, 0.0, atlas(), g);
  for (const glm::vec3& p : anchors(g)) {
    EXPECT_LT(p.y, 0.01f) << "a mark lies on the floor";
    EXPECT_NEAR(std::hypot(p.x - 2.0f, p.z + 4.0f), 0.2f, 0.25f) << "within the ring, or its facing tick";
  }
  b.marks.clear();
  b.measurements.push_back({"door", "Door", {-1, 0, -4}, {-1, 2.1, -4}});
  g.clear();
  ui::buildBlockingGeometry(b, 0.0, atlas(), g);
  for (const glm::vec3& p : anchors(g)) {
    EXPECT_NEAR(p.x, -1.0f, 1e-5f);
    EXPECT_NEAR(p.z, -4.0f, 1e-5f);
  }
  EXPECT_NEAR(b.measurements[0].distanceM(), 2.1, 1e-12);
}

TEST(BlockingGeometry, ItIsBuiltAgainOnlyWhereAnActorMovesOrATrailFades) {
  scenes::Blocking still;
  still.marks.push_back({"m1", "", {}, {0, 0}, std::nullopt});
  EXPECT_FALSE(ui::blockingMovesBetween(still, 0.0, 10.0));
  scenes::Blocking b;
  b.actors.push_back(crossing());
  EXPECT_FALSE(ui::blockingMovesBetween(b, 0.0, 1.9)) << "waiting on the first key";
  EXPECT_TRUE(ui::blockingMovesBetween(b, 1.9, 2.1));
  EXPECT_TRUE(ui::blockingMovesBetween(b, 4.5, 4.6)) << "arrived, the trail still fades";
  EXPECT_FALSE(ui::blockingMovesBetween(b, 5.1, 9.0)) << "the trail is gone";
  EXPECT_FALSE(ui::blockingMovesBetween(b, 3.0, 3.0));
}

}  // namespace
}  // namespace ps::test
