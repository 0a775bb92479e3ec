// The geometry of what is drawn over a view: the pinhole projection, where markers and their
// cards go, edge arrows, picking by pixel, ray and gaze dwell, and the film camera's frame.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/trigonometric.hpp>

#include "engine/view.h"
#include "ui/film_frame.h"
#include "ui/marker_layout.h"
#include "ui/marker_picking.h"
#include "ui/view_projection.h"

namespace ps {
namespace {

scenes::Marker markerAt(std::string id, double yawDeg, double pitchDeg, double distanceM = 3) {
  scenes::Marker m;
  m.id = std::move(id);
  m.tIn = 0;
  m.tOut = 10;
  m.fadeIn = m.fadeOut = 0.5;
  m.placement = scenes::DirectionPlacement{yawDeg, pitchDeg, distanceM};
  m.title = m.id;
  return m;
}

ui::ViewProjection straightAhead(float hfov = 90, float vfov = 90, glm::vec2 size = {640, 640}) {
  return ui::ViewProjection(engine::viewFromV360({0, 0, 0, hfov, vfov}), size);
}

TEST(ViewProjection, CentreAndEdgesOfASymmetricView) {
  const ui::ViewProjection eye = straightAhead();
  EXPECT_NEAR(eye.pixelOfDirection({0, 0, -1})->x, 320, 1e-3);
  EXPECT_NEAR(eye.pixelOfDirection({0, 0, -1})->y, 320, 1e-3);
  // 45 degrees right is the right edge of a 90-degree view; up is toward y = 0.
  EXPECT_NEAR(eye.pixelOfDirection(glm::normalize(glm::vec3(1, 0, -1)))->x, 640, 1e-3);
  EXPECT_NEAR(eye.pixelOfDirection(glm::normalize(glm::vec3(0, 1, -1)))->y, 0, 1e-3);
  EXPECT_FALSE(eye.pixelOfDirection({0, 0, 1}));  // behind
}

TEST(ViewProjection, DirectionAtInvertsPixelOf) {
  const ui::ViewProjection eye(engine::viewFromV360({25, -10, 5, 100, 70}), {800, 500});
  for (const glm::vec2 p : {glm::vec2(0.5f, 0.5f), glm::vec2(400, 250), glm::vec2(799, 17), glm::vec2(123, 456)}) {
    const auto back = eye.pixelOfDirection(eye.directionAt(p));
    ASSERT_TRUE(back);
    EXPECT_NEAR(back->x, p.x, 1e-2);
    EXPECT_NEAR(back->y, p.y, 1e-2);
  }
}

TEST(ViewProjection, ClipCoordinatesDivideToThePixel) {
  const ui::ViewProjection eye(engine::viewFromV360({-30, 12, 0, 80, 60}), {320, 240});
  const glm::vec3 point = 3.0f * eye.directionAt({100, 60});
  const glm::vec4 c = eye.clipOf(point);
  EXPECT_NEAR((c.x / c.w + 1) * 0.5f * 320, 100, 1e-2);
  EXPECT_NEAR((c.y / c.w + 1) * 0.5f * 240, 60, 1e-2);
  EXPECT_GT(c.z, 0);
  EXPECT_LT(c.z, c.w);
  EXPECT_LT(eye.clipOf(-point).w, 0);  // behind: the GPU clips it
}

TEST(MarkerLayout, PinLandsWhereThePinholeModelPutsTheMarker) {
  const ui::ViewProjection eye = straightAhead(90, 60, {640, 360});
  const auto sprites = ui::layoutMarkers({markerAt("lens", 30, -5)}, 5.0, eye);
  ASSERT_EQ(sprites.size(), 1u);
  ASSERT_TRUE(sprites[0].onScreen);
  // tan(30) right of centre, tan(5)/cos(30) below it, in pixels per tangent unit.
  const float fx = 320.0f / std::tan(glm::radians(45.0f)), fy = 180.0f / std::tan(glm::radians(30.0f));
  EXPECT_NEAR(sprites[0].pin.x, 320 + fx * std::tan(glm::radians(30.0f)), 1e-2);
  EXPECT_NEAR(sprites[0].pin.y, 180 + fy * std::tan(glm::radians(5.0f)) / std::cos(glm::radians(30.0f)), 1e-2);
  // The card starts right of the pin, level with it.
  EXPECT_GT(sprites[0].titleBar.min.x, sprites[0].pin.x);
  EXPECT_LT(sprites[0].titleBar.min.y, sprites[0].pin.y);
  EXPECT_GT(sprites[0].titleBar.max.y, sprites[0].pin.y);
}

TEST(MarkerLayout, CardKeepsItsVisualAngleAtAnyDistance) {
  const ui::ViewProjection eye = straightAhead(60, 60, {2000, 2000});
  const auto near = ui::layoutMarkers({markerAt("a", 0, 0, 1.5)}, 5.0, eye);
  const auto far = ui::layoutMarkers({markerAt("a", 0, 0, 12)}, 5.0, eye);
  ASSERT_EQ(near.size(), 1u);
  ASSERT_EQ(far.size(), 1u);
  EXPECT_NEAR(near[0].cardWidthPx, far[0].cardWidthPx, 1e-3);
  // 16 degrees at about 1732 pixels per radian.
  EXPECT_NEAR(near[0].cardWidthPx, 16 * glm::radians(1.0f) * 1000 / std::tan(glm::radians(30.0f)), 1.0);
}

TEST(MarkerLayout, FadesWithTheMarkerAndHidesOutsideItsWindow) {
  const ui::ViewProjection eye = straightAhead();
  std::vector<scenes::Marker> markers{markerAt("a", 0, 0)};
  markers[0].tIn = 2;
  markers[0].tOut = 6;
  markers[0].fadeIn = 1;
  markers[0].fadeOut = 1;
  EXPECT_TRUE(ui::layoutMarkers(markers, 1.9, eye).empty());
  EXPECT_NEAR(ui::layoutMarkers(markers, 2.5, eye)[0].opacity, 0.5, 1e-6);
  EXPECT_NEAR(ui::layoutMarkers(markers, 4.0, eye)[0].opacity, 1.0, 1e-6);
  EXPECT_NEAR(ui::layoutMarkers(markers, 5.75, eye)[0].opacity, 0.25, 1e-6);
  EXPECT_TRUE(ui::layoutMarkers(markers, 6.0, eye).empty());
}

TEST(MarkerLayout, MarkerOutsideTheViewGetsAnArrowOnTheEdgePointingTheWay) {
  const ui::ViewProjection eye = straightAhead(90, 90, {640, 480});
  const auto right = ui::layoutMarkers({markerAt("r", 100, 0)}, 5.0, eye);
  ASSERT_EQ(right.size(), 1u);
  ASSERT_FALSE(right[0].onScreen);
  ASSERT_TRUE(right[0].edge);
  EXPECT_GT(right[0].edge->toward.x, 0.99f);
  EXPECT_NEAR(right[0].edge->at.x, 640 - ui::MarkerStyle{}.edgeMarginPx, 1e-3);
  EXPECT_NEAR(right[0].edge->at.y, 240, 1e-3);
  const auto behindLeft = ui::layoutMarkers({markerAt("bl", -150, 0)}, 5.0, eye);
  ASSERT_TRUE(behindLeft[0].edge);
  EXPECT_LT(behindLeft[0].edge->toward.x, -0.99f);  // turn left, the shorter way
  const auto above = ui::layoutMarkers({markerAt("up", 0, 70)}, 5.0, eye);
  ASSERT_TRUE(above[0].edge);
  EXPECT_LT(above[0].edge->toward.y, -0.99f);
  EXPECT_NEAR(above[0].edge->at.y, ui::MarkerStyle{}.edgeMarginPx, 1e-3);
}

TEST(MarkerLayout, NeverComesCloserThanTheNearLimit) {
  scenes::Marker m = markerAt("near", 0, 0);
  const ui::MarkerStyle style;
  // At the capture point's height: (0.1, 0, -0.2) from it.
  m.placement = scenes::StagePlacement{{0.1, style.captureOrigin.y, -0.2}};
  const glm::vec3 p = ui::markerPointFor(m, glm::vec3(0), style);
  EXPECT_NEAR(glm::length(p), style.minDistanceM, 1e-5);
  EXPECT_NEAR(glm::dot(glm::normalize(p), glm::normalize(glm::vec3(0.1f, 0, -0.2f))), 1.0f, 1e-5);
  // From an eye that has walked up to it: still pushed out along the eye's ray.
  const glm::vec3 eye(0.1f, 0, 0);
  EXPECT_NEAR(glm::length(ui::markerPointFor(m, eye, style) - eye), style.minDistanceM, 1e-5);
  // A far one stays where it is.
  EXPECT_EQ(ui::markerPointFor(markerAt("far", 0, 0, 3), eye, style), glm::vec3(0, 0, -3));
}

TEST(MarkerLayout, DrawsFarthestFirst) {
  const auto sprites = ui::layoutMarkers({markerAt("near", 0, 0, 2), markerAt("far", 2, 0, 8)}, 5.0, straightAhead());
  ASSERT_EQ(sprites.size(), 2u);
  EXPECT_EQ(sprites[0].index, 1u);
  EXPECT_EQ(sprites[1].index, 0u);
}

// Thousands of markers out of view: a dozen arrows (the nearest) say where to turn; thousands
// piled on the edge would say no more and cost the frame.
TEST(MarkerLayout, EdgeArrowsAreTheNearestFewWhenManyAreOutOfView) {
  std::vector<scenes::Marker> markers{markerAt("seen", 0, 0)};
  for (int i = 0; i < 2000; ++i) markers.push_back(markerAt("out" + std::to_string(i), 90 + i % 180, 0, 3 + i * 0.01));
  const auto sprites = ui::layoutMarkers(markers, 5.0, straightAhead());
  ASSERT_EQ(sprites.size(), 1u + ui::MarkerStyle{}.maxEdgeIndicators);
  std::size_t onScreen = 0;
  for (const auto& s : sprites) {
    if (s.onScreen) {
      ++onScreen;
      EXPECT_EQ(s.index, 0u);
    } else {
      EXPECT_LE(s.index, ui::MarkerStyle{}.maxEdgeIndicators) << "not one of the nearest";
    }
  }
  EXPECT_EQ(onScreen, 1u);
}

// Given the markers active at t, the layout and the ray look only at those.
TEST(MarkerLayout, CandidatesLimitWhatIsLaidOutAndPicked) {
  const std::vector<scenes::Marker> markers{markerAt("a", 0, 0), markerAt("b", 10, 0), markerAt("c", -40, 0)};
  const std::vector<std::size_t> only{2};
  const auto sprites = ui::layoutMarkers(markers, only, 5.0, straightAhead());
  ASSERT_EQ(sprites.size(), 1u);
  EXPECT_EQ(sprites[0].index, 2u);
  const glm::vec3 ahead = engine::viewFromV360({0, 0, 0, 90, 90}).orientation * glm::vec3(0, 0, -1);
  EXPECT_EQ(ui::markerOnRay(markers, 5.0, glm::vec3(0.0f), ahead), 0u);
  EXPECT_FALSE(ui::markerOnRay(markers, only, 5.0, glm::vec3(0.0f), ahead));
}

TEST(MarkerPicking, ByPixelTakesTheOneOnTop) {
  const ui::ViewProjection eye = straightAhead();
  const std::vector<scenes::Marker> markers{markerAt("far", 0, 0, 8), markerAt("near", 0, 0, 2)};
  const auto sprites = ui::layoutMarkers(markers, 5.0, eye);
  EXPECT_EQ(ui::markerAtPixel(sprites, {320, 320}), 1u);
  EXPECT_EQ(ui::markerAtPixel(sprites, sprites[1].titleBar.max - glm::vec2(2)), 1u);
  EXPECT_FALSE(ui::markerAtPixel(sprites, {100, 600}));
}

TEST(MarkerPicking, ByRayHitsThePinOrTheTitleAndNothingElse) {
  const std::vector<scenes::Marker> markers{markerAt("a", 30, -5), markerAt("b", -60, 10)};
  const glm::vec3 origin(0.0f, 0.0f, 0.0f);
  const auto dir = [](float yaw, float pitch) {
    return engine::viewFromV360({yaw, pitch, 0, 90, 90}).orientation * glm::vec3(0, 0, -1);
  };
  EXPECT_EQ(ui::markerOnRay(markers, 5.0, origin, dir(30, -5)), 0u);
  EXPECT_EQ(ui::markerOnRay(markers, 5.0, origin, dir(31.5f, -4)), 0u);
  EXPECT_EQ(ui::markerOnRay(markers, 5.0, origin, dir(-60, 10)), 1u);
  EXPECT_EQ(ui::markerOnRay(markers, 5.0, origin, dir(30 + 10, -5)), 0u);  // along its title bar
  EXPECT_FALSE(ui::markerOnRay(markers, 5.0, origin, dir(30 - 8, -5)));    // left of the pin: nothing
  EXPECT_FALSE(ui::markerOnRay(markers, 5.0, origin, dir(0, 0)));
  EXPECT_FALSE(ui::markerOnRay(markers, 11.0, origin, dir(30, -5)));  // no longer active
}

TEST(GazeDwell, SelectsOnceAfterRestingLongEnough) {
  ui::GazeDwell dwell(1.5);
  EXPECT_FALSE(dwell.update(0.0, 3));
  EXPECT_FALSE(dwell.update(1.0, 3));
  EXPECT_NEAR(dwell.progress(0.75), 0.5, 1e-6);
  EXPECT_EQ(dwell.update(1.6, 3), 3u);
  EXPECT_FALSE(dwell.update(3.0, 3));  // once per rest
  EXPECT_FALSE(dwell.update(3.1, std::nullopt));
  EXPECT_FALSE(dwell.update(3.2, 3));
  EXPECT_FALSE(dwell.update(4.0, 4));  // a glance elsewhere starts over
  EXPECT_FALSE(dwell.update(4.5, 3));
  EXPECT_EQ(dwell.update(6.0, 3), 3u);
}

TEST(FilmFrame, CornersFollowTheCameraAnglesFovAndAspect) {
  scenes::FilmCamera camera;
  camera.state.pose.yawDeg = 20;
  camera.state.pose.pitchDeg = 5;
  camera.state.hfovDeg = 40;
  camera.aspect = 2.0;
  const ui::FilmFrame f = ui::filmFrameAt(camera, 0, 4);
  // The centre of the frame is 4 m along the camera's axis, which v360's angles give.
  const glm::vec3 centre = (f.corners[0] + f.corners[1] + f.corners[2] + f.corners[3]) * 0.25f;
  const glm::vec3 axis = engine::viewFromV360({20, 5, 0, 90, 90}).orientation * glm::vec3(0, 0, -1);
  EXPECT_NEAR(glm::length(centre - 4.0f * axis), 0, 1e-4);
  EXPECT_NEAR(glm::length(f.corners[1] - f.corners[0]), 2 * 4 * std::tan(glm::radians(20.0f)), 1e-4);
  EXPECT_NEAR(glm::length(f.corners[2] - f.corners[0]), 4 * std::tan(glm::radians(20.0f)), 1e-4);
  EXPECT_GT(f.corners[0].y, f.corners[2].y);  // top above bottom (no roll)
}

TEST(FilmFrame, SegmentsAreCutAtTheNearPlane) {
  const ui::ViewProjection eye = straightAhead();
  const auto across = ui::projectSegment(eye, {-1, 0, -2}, {1, 0, -2});
  ASSERT_TRUE(across);
  EXPECT_NEAR(across->first.x, 160, 1e-2);
  EXPECT_NEAR(across->second.x, 480, 1e-2);
  EXPECT_FALSE(ui::projectSegment(eye, {0, 0, 1}, {1, 0, 2}));  // wholly behind
  const auto cut = ui::projectSegment(eye, {0, -1, -2}, {0, -1, 2});  // runs past the eye
  ASSERT_TRUE(cut);
  EXPECT_NEAR(cut->first.y, 480, 1e-2);
  EXPECT_GT(cut->second.y, 6000);  // at the near plane (1 m below at 5 cm ahead): far below the view
}

}  // namespace
}  // namespace ps
