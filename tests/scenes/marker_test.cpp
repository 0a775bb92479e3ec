#include <gtest/gtest.h>

#include <cmath>

#include "scenes/marker.h"

namespace ps::scenes {
namespace {

void expectNear(const Vec3& a, const Vec3& b) {
  EXPECT_NEAR(a.x, b.x, 1e-12);
  EXPECT_NEAR(a.y, b.y, 1e-12);
  EXPECT_NEAR(a.z, b.z, 1e-12);
}

TEST(Space, YawPitchFollowV360AndTheSpaceConvention) {
  expectNear(directionFromYawPitch(0, 0), {0, 0, -1});    // straight ahead is -Z
  expectNear(directionFromYawPitch(90, 0), {1, 0, 0});    // yaw is right-positive
  expectNear(directionFromYawPitch(-90, 0), {-1, 0, 0});
  expectNear(directionFromYawPitch(0, 90), {0, 1, 0});    // pitch is up-positive
  expectNear(directionFromYawPitch(180, 0), {0, 0, 1});
  const YawPitch back = yawPitchFromDirection(directionFromYawPitch(30, -5));
  EXPECT_NEAR(back.yawDeg, 30, 1e-9);
  EXPECT_NEAR(back.pitchDeg, -5, 1e-9);
}

TEST(Marker, DirectionMarkerStandsAtItsDistance) {
  Marker m;
  m.placement = DirectionPlacement{30, -5, 3};
  const Vec3 p = markerPosition(m);
  EXPECT_NEAR(length(p), 3, 1e-12);
  EXPECT_GT(p.x, 0);  // to the right
  EXPECT_LT(p.y, 0);  // below the horizon
  EXPECT_LT(p.z, 0);  // in front
  expectNear(markerDirection(m), p * (1.0 / 3));
}

TEST(Marker, StageMarkerDirectionIsNormalisedAndTheOriginIsSafe) {
  Marker m;
  m.placement = StagePlacement{{0, 0, -4}};
  expectNear(markerPosition(m), {0, 0, -4});
  expectNear(markerDirection(m), {0, 0, -1});
  m.placement = StagePlacement{{2, 0, 0}};
  expectNear(markerDirection(m), {1, 0, 0});
  m.placement = StagePlacement{{0, 0, 0}};
  expectNear(markerDirection(m), {0, 0, -1});
}

TEST(Marker, OpacityFadesInHoldsAndFadesOut) {
  Marker m;
  m.tIn = 2;
  m.tOut = 6;
  m.fadeIn = 1;
  m.fadeOut = 2;
  EXPECT_EQ(markerOpacity(m, 1.99), 0);
  EXPECT_EQ(markerOpacity(m, 2), 0);
  EXPECT_DOUBLE_EQ(markerOpacity(m, 2.5), 0.5);
  EXPECT_DOUBLE_EQ(markerOpacity(m, 3.5), 1);
  EXPECT_DOUBLE_EQ(markerOpacity(m, 5), 0.5);
  EXPECT_EQ(markerOpacity(m, 6), 0);  // the window is half-open
  EXPECT_FALSE(markerActive(m, 6));
  m.fadeIn = m.fadeOut = 0;
  EXPECT_EQ(markerOpacity(m, 2), 1);
}

TEST(Marker, CategoriesRoundTripThroughTheirNames) {
  EXPECT_EQ(allMarkerCategories().size(), 7u);
  for (auto c : allMarkerCategories()) EXPECT_EQ(parseMarkerCategory(toString(c)), c);
  EXPECT_FALSE(parseMarkerCategory("Camera").has_value());
}

}  // namespace
}  // namespace ps::scenes
