// The recentred view (yaw only, level horizon) and the fade's curve.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/gtc/quaternion.hpp>

#include "kiosk/fade.h"
#include "kiosk/head_locked_caption.h"
#include "kiosk/recentre.h"

namespace ps::kiosk {
namespace {

glm::quat ypr(float yawDeg, float pitchDeg, float rollDeg) {
  return glm::angleAxis(glm::radians(yawDeg), glm::vec3(0, 1, 0)) *
         glm::angleAxis(glm::radians(pitchDeg), glm::vec3(1, 0, 0)) *
         glm::angleAxis(glm::radians(rollDeg), glm::vec3(0, 0, -1));
}

TEST(Recentre, FacingYawIgnoresPitchAndRoll) {
  EXPECT_NEAR(facingYaw(ypr(0, 0, 0)), 0.0f, 1e-5f);
  EXPECT_NEAR(facingYaw(ypr(90, 0, 0)), glm::radians(90.0f), 1e-5f);
  EXPECT_NEAR(facingYaw(ypr(-135, 30, 20)), glm::radians(-135.0f), 1e-4f);
  // Looking straight down: the face's top decides.
  EXPECT_NEAR(facingYaw(ypr(60, -90, 0)), glm::radians(60.0f), 1e-4f);
}

TEST(Recentre, TheVisitorsFacingBecomesTheFilmsFrontWithALevelHorizon) {
  const glm::vec3 head(0.5f, 1.6f, -0.2f);
  const glm::quat tilted = ypr(70, 10, 15);  // a tilted head at recentre time
  Recentre r{facingYaw(tilted), head};
  // Looking level along the visitor's facing now shows the film's front, level.
  engine::View level;
  level.orientation = ypr(70, 0, 0);
  level.position = head;
  const engine::View out = r.apply(level);
  const glm::vec3 forward = out.orientation * glm::vec3(0, 0, -1);
  const glm::vec3 up = out.orientation * glm::vec3(0, 1, 0);
  EXPECT_NEAR(forward.x, 0.0f, 1e-5f);
  EXPECT_NEAR(forward.y, 0.0f, 1e-5f);
  EXPECT_NEAR(forward.z, -1.0f, 1e-5f);
  EXPECT_NEAR(up.y, 1.0f, 1e-5f);  // no roll or pitch was added
  EXPECT_NEAR(glm::length(out.position - head), 0.0f, 1e-5f);  // the pivot stays
  // A point beside the pivot turns about it, at the same height.
  engine::View side = level;
  side.position = head + glm::vec3(0.1f, 0.05f, 0);
  const engine::View s = r.apply(side);
  EXPECT_NEAR(s.position.y, head.y + 0.05f, 1e-5f);
  EXPECT_NEAR(glm::length(s.position - head), glm::length(glm::vec3(0.1f, 0.05f, 0)), 1e-5f);
}

TEST(Recentre, NoneLeavesTheViewAlone) {
  engine::View v;
  v.orientation = ypr(33, 5, 0);
  v.position = {1, 2, 3};
  const engine::View out = Recentre{}.apply(v);
  EXPECT_NEAR(glm::length(out.position - v.position), 0.0f, 1e-6f);
  EXPECT_NEAR(std::abs(glm::dot(out.orientation, v.orientation)), 1.0f, 1e-6f);
}

TEST(FadeCurve, BlackAtTheCutClearingLinearly) {
  FadeCurve f(2.0);
  EXPECT_EQ(f.opacity(0), 0.0f);  // no cut yet
  f.cut(10);
  EXPECT_EQ(f.opacity(10), 1.0f);
  EXPECT_NEAR(f.opacity(11), 0.5f, 1e-6f);
  EXPECT_EQ(f.opacity(12), 0.0f);
  EXPECT_EQ(f.opacity(100), 0.0f);
  FadeCurve none(0.0);
  none.cut(1);
  EXPECT_EQ(none.opacity(1), 0.0f);
}

}  // namespace
}  // namespace ps::kiosk

namespace ps::kiosk {
namespace {

TEST(HeadLockedCaption, StandsInFrontOfTheHeadWhereverItLooks) {
  engine::View head;
  head.position = {0.2f, 1.6f, 0.0f};
  const glm::vec3 ahead = headLockedAnchor(head);
  EXPECT_NEAR(ahead.x, 0.2f, 1e-5f);
  EXPECT_NEAR(ahead.y, 1.6f - kCaptionDropM, 1e-5f);
  EXPECT_NEAR(ahead.z, -kCaptionDistanceM, 1e-5f);
  // Turned left by 90 degrees: the caption went with the view.
  head.orientation = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
  const glm::vec3 left = headLockedAnchor(head);
  EXPECT_NEAR(left.x, 0.2f - kCaptionDistanceM, 1e-5f);
  EXPECT_NEAR(left.z, 0.0f, 1e-5f);
  EXPECT_NEAR(left.y, 1.6f - kCaptionDropM, 1e-5f);
}

}  // namespace
}  // namespace ps::kiosk
