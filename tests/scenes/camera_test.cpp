#include <gtest/gtest.h>

#include "scenes/camera.h"

namespace ps::scenes {
namespace {

FilmCamera trackedCamera() {
  FilmCamera c;
  c.state.hfovDeg = 50;
  CameraKey a{2, {}}, b{6, {}};
  a.state.pose = {{0, 1.6, 0}, 170, 0, 0};
  a.state.hfovDeg = 40;
  b.state.pose = {{4, 1.6, -2}, -170, 10, 0};
  b.state.hfovDeg = 20;
  c.track = {a, b};
  return c;
}

TEST(FilmCamera, WithoutATrackItIsStatic) {
  FilmCamera c;
  c.state.pose.yawDeg = 12;
  EXPECT_EQ(cameraAt(c, 0).pose, c.state.pose);
  EXPECT_EQ(cameraAt(c, 100).pose, c.state.pose);
}

TEST(FilmCamera, TrackHoldsOutsideAndInterpolatesInside) {
  const FilmCamera c = trackedCamera();
  EXPECT_EQ(cameraAt(c, 0).pose, c.track[0].state.pose);
  EXPECT_EQ(cameraAt(c, 9).pose, c.track[1].state.pose);
  const CameraState mid = cameraAt(c, 4);
  EXPECT_DOUBLE_EQ(mid.pose.position.x, 2);
  EXPECT_DOUBLE_EQ(mid.pose.position.z, -1);
  EXPECT_DOUBLE_EQ(mid.pose.pitchDeg, 5);
  EXPECT_DOUBLE_EQ(mid.hfovDeg, 30);
  // 170 to -170 turns 20 degrees through 180, not 340 through 0.
  EXPECT_NEAR(std::abs(mid.pose.yawDeg), 180, 1e-9);
  EXPECT_NEAR(cameraAt(c, 3).pose.yawDeg, 175, 1e-9);
  EXPECT_NEAR(cameraAt(c, 5).pose.yawDeg, -175, 1e-9);
}

TEST(FilmCamera, ClipTimeFollowsItsOffset) {
  FilmClip clip;
  clip.offset = 1.5;
  EXPECT_DOUBLE_EQ(clip.clipTime(1.5), 0);
  EXPECT_DOUBLE_EQ(clip.clipTime(4), 2.5);
}

}  // namespace
}  // namespace ps::scenes
