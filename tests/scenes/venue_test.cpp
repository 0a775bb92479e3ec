// A venue (scenes/venue.h): the alignment from two floor touches puts the shot's origin at the
// first and its forward toward the second, at the floor's height; the file reads back what was
// written, atomically, and bad files and touches are refused with where and what.
#include "scenes/venue.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "temp_dir.h"

namespace ps::scenes {
namespace {

void expectNear(const Vec3& a, const Vec3& b, double tolerance, const char* what) {
  EXPECT_NEAR(a.x, b.x, tolerance) << what;
  EXPECT_NEAR(a.y, b.y, tolerance) << what;
  EXPECT_NEAR(a.z, b.z, tolerance) << what;
}

TEST(Venue, TwoTouchesPutTheOriginAtTheFirstAndTheForwardTowardTheSecond) {
  // Touched at (1, 0.02, -2), then 1.5 m along the room's +X (the floor 1 cm lower there).
  auto v = alignFromTouches("Stage 4", {1.0, 0.02, -2.0}, {2.5, 0.0, -2.0});
  ASSERT_TRUE(v.ok()) << v.error().message();
  expectNear(v->origin, {1.0, 0.01, -2.0}, 1e-12, "origin");
  EXPECT_NEAR(v->yawDeg, -90.0, 1e-9) << "forward (-Z) turned clockwise onto +X";
  // The shot's origin and a floor mark 1 m ahead of it land where the controller touched.
  expectNear(shotToRoom(*v, {0, 0, 0}), {1.0, 0.01, -2.0}, 1e-9, "the origin");
  expectNear(shotToRoom(*v, {0, 0, -1.5}), {2.5, 0.01, -2.0}, 1e-9, "ahead");
  expectNear(shotToRoom(*v, {1, 0, 0}), {1.0, 0.01, -1.0}, 1e-9, "the shot's right is the room's +Z here");
  // Facing the room's -X: a quarter turn the other way.
  auto left = alignFromTouches("", {0, 0, 0}, {-1, 0, 0});
  ASSERT_TRUE(left.ok());
  EXPECT_NEAR(left->yawDeg, 90.0, 1e-9);
  expectNear(shotToRoom(*left, {0, 0, -1}), {-1, 0, 0}, 1e-9, "forward");
}

TEST(Venue, TouchesTooCloseOrNotFiniteAreRefused) {
  auto close = alignFromTouches("", {0, 0, 0}, {0.1, 0.5, 0.1});
  ASSERT_FALSE(close.ok());
  EXPECT_NE(close.error().message().find("14 cm apart on the floor"), std::string::npos) << close.error().message();
  EXPECT_FALSE(alignFromTouches("", {NAN, 0, 0}, {1, 0, 0}).ok());
}

TEST(Venue, AFileReadsBackWhatWasWritten) {
  test::TempDir dir("venue");
  const auto file = dir.path() / "stage4.json";
  Venue v{"Stage 4", {1.25, 0.01, -2.5}, 33.5, std::nullopt};
  ASSERT_TRUE(writeVenue(file, v).ok());
  auto back = readVenue(file);
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(*back, v);
  v.boundsM = std::pair{4.0, 3.5};
  ASSERT_TRUE(writeVenue(file, v).ok());
  back = readVenue(file);
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(*back, v);
}

TEST(Venue, APlayAreaPutsTheOriginAtItsCentreFacingTheRoomsForwardAndKeepsItsSize) {
  // A 4 m x 2.5 m area whose centre is at (1, 0.02, -2), corners in order around it.
  const std::array<Vec3, 4> corners{{{-1, 0.02, -0.75}, {3, 0.02, -0.75}, {3, 0.02, -3.25}, {-1, 0.02, -3.25}}};
  auto v = alignToPlayArea("Stage 4", corners);
  ASSERT_TRUE(v.ok()) << v.error().message();
  EXPECT_NEAR(v->origin.x, 1.0, 1e-12);
  EXPECT_NEAR(v->origin.y, 0.02, 1e-12);
  EXPECT_NEAR(v->origin.z, -2.0, 1e-12);
  EXPECT_EQ(v->yawDeg, 0.0);
  ASSERT_TRUE(v->boundsM);
  EXPECT_NEAR(v->boundsM->first, 4.0, 1e-12);
  EXPECT_NEAR(v->boundsM->second, 2.5, 1e-12);
  const std::array<Vec3, 4> sliver{{{0, 0, 0}, {3, 0, 0}, {3, 0, -0.1}, {0, 0, -0.1}}};
  auto thin = alignToPlayArea("", sliver);
  ASSERT_FALSE(thin.ok());
  EXPECT_NE(thin.error().message().find("3.00 x 0.10 m: too small"), std::string::npos) << thin.error().message();
  std::array<Vec3, 4> broken = corners;
  broken[2].x = NAN;
  EXPECT_FALSE(alignToPlayArea("", broken).ok());
}

TEST(Venue, BadFilesAreRefusedWithWhereAndWhat) {
  test::TempDir dir("venue");
  const auto file = dir.path() / "bad.json";
  const auto refused = [&](const std::string& text, const std::string& expected) {
    std::ofstream(file, std::ios::trunc) << text;
    auto r = readVenue(file);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.error().message().find(expected), std::string::npos) << r.error().message();
  };
  refused("[1]", "bad.json: not a JSON object");
  refused(R"({"format": "perfectshot/1"})", "bad.json#/format: expected \"perfectshot-venue/1\"");
  refused(R"({"format": "perfectshot-venue/1", "yaw_deg": 0})", "#/origin: expected {x, y, z}");
  refused(R"({"format": "perfectshot-venue/1", "origin": {"x": 0, "y": "up", "z": 0}, "yaw_deg": 0})",
          "#/origin/y: expected a number");
  refused(R"({"format": "perfectshot-venue/1", "origin": {"x": 5000, "y": 0, "z": 0}, "yaw_deg": 0})",
          "#/origin/x: must be within 1000 m");
  refused(R"({"format": "perfectshot-venue/1", "origin": {"x": 0, "y": 0, "z": 0}, "yaw_deg": 720})",
          "#/yaw_deg: must be within [-360, 360]");
  refused(R"({"format": "perfectshot-venue/1", "origin": {"x": 0, "y": 0, "z": 0}, "yaw_deg": 0, "bounds_m": [4, 3]})",
          "#/bounds_m: expected {width, depth}");
  refused(R"({"format": "perfectshot-venue/1", "origin": {"x": 0, "y": 0, "z": 0}, "yaw_deg": 0,
              "bounds_m": {"width": 4, "depth": -3}})",
          "#/bounds_m/depth: must be more than 0");
  EXPECT_FALSE(readVenue(dir.path() / "missing.json").ok());
}

}  // namespace
}  // namespace ps::scenes
