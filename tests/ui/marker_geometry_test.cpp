// Markers as the overlay layer's 3D geometry: where it is anchored (the same camera as the
// layout), a stage marker on the floor, and picking through the same camera and the scene's
// depth (a marker behind an occluder is not picked; the nearer of two is).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "engine/eye_camera.h"
#include "engine/font_atlas.h"
#include "engine/view.h"
#include "ui/film_frame.h"
#include "ui/marker_geometry.h"
#include "ui/marker_layout.h"
#include "ui/marker_picking.h"
#include "ui/view_projection.h"

namespace ps {
namespace {

scenes::Marker markerAt(std::string id, double yawDeg, double pitchDeg, double distanceM = 3) {
  scenes::Marker m;
  m.id = std::move(id);
  m.tOut = 10;
  m.fadeIn = m.fadeOut = 0;
  m.placement = scenes::DirectionPlacement{yawDeg, pitchDeg, distanceM};
  m.title = m.id;
  return m;
}

const engine::FontAtlas& font() {
  static const auto atlas = engine::FontAtlas::load();
  return *atlas;
}

ui::ViewProjection ahead(glm::vec2 size = {640, 480}) {
  engine::View view;
  view.fov = engine::symmetricFov(90, 75);
  return ui::ViewProjection(engine::EyeCamera(view), size);
}

std::uint32_t kindOf(const engine::OverlayVertex& v) { return v.kind & 15u; }
std::uint32_t fillOf(const engine::OverlayVertex& v) { return v.kind >> 4; }

TEST(StageMarker, AtYZeroLiesOnTheFloorBelowTheCapturePoint) {
  scenes::Marker mark = markerAt("floor mark", 0, 0);
  mark.placement = scenes::StagePlacement{{1.5, 0, -3}};
  ui::MarkerStyle style;
  EXPECT_EQ(style.captureOrigin, glm::vec3(0, 1.6f, 0));  // the default capture height
  // Relative to the capture point it is 1.6 m down: on the stage's floor, y = 0.
  const glm::vec3 p = ui::markerPoint(mark, style);
  EXPECT_NEAR((style.captureOrigin + p).y, 0.0f, 1e-6);
  EXPECT_NEAR(p.x, 1.5f, 1e-6);
  EXPECT_NEAR(p.z, -3.0f, 1e-6);
  // A shot whose capture point is lower puts the floor nearer the eye.
  style.captureOrigin = {0, 1.2f, 0};
  EXPECT_NEAR(ui::markerPoint(mark, style).y, -1.2f, 1e-6);
  // A direction marker is measured from the capture point, whatever its height.
  EXPECT_NEAR(glm::length(ui::markerPoint(markerAt("d", 30, 10, 3), style)), 3.0f, 1e-5);
  // Seen from the capture point, looking ahead: below the horizon, where the camera puts the floor.
  const ui::ViewProjection eye = ahead();
  const auto sprites = ui::layoutMarkers({mark}, 1.0, eye, ui::MarkerStyle{});
  ASSERT_EQ(sprites.size(), 1u);
  ASSERT_TRUE(sprites[0].onScreen);
  const auto floor = eye.camera().pixelOf({1.5f, -1.6f, -3.0f}, eye.extent());
  ASSERT_TRUE(floor);
  EXPECT_NEAR(sprites[0].pin.x, floor->x, 1e-3);
  EXPECT_NEAR(sprites[0].pin.y, floor->y, 1e-3);
  EXPECT_GT(sprites[0].pin.y, 240);
}

TEST(MarkerGeometry, CardsAreAnchoredAtTheMarkerWhereTheCameraPutsItsPin) {
  const ui::ViewProjection eye = ahead();
  const std::vector<scenes::Marker> markers{markerAt("lens", 20, -5, 4), markerAt("behind", 180, 0)};
  const auto sprites = ui::layoutMarkers(markers, 1.0, eye);
  ASSERT_EQ(sprites.size(), 2u);
  const auto seen = std::find_if(sprites.begin(), sprites.end(), [](const auto& s) { return s.onScreen; });
  ASSERT_NE(seen, sprites.end());
  ui::MarkerPaint paint;
  engine::OverlayGeometry common, edges;
  ui::buildMarkerGeometry(markers, sprites, paint, font(), common, edges);
  ASSERT_FALSE(common.empty());
  std::size_t glyphs = 0;
  for (const engine::OverlayVertex& v : common.vertices) {
    ASSERT_EQ(kindOf(v), static_cast<std::uint32_t>(engine::OverlayKind::Anchored));
    // Every part of the card sits at the marker's point: its depth is the marker's.
    EXPECT_EQ(v.position, seen->point);
    if (fillOf(v) == static_cast<std::uint32_t>(engine::OverlayFill::Glyph)) ++glyphs;
  }
  EXPECT_EQ(glyphs, 6u * 4);  // the title "lens", one quad per letter
  // The anchor projects where the layout put the pin, through the engine's camera.
  const auto pin = eye.camera().pixelOf(seen->point, eye.extent());
  ASSERT_TRUE(pin);
  EXPECT_NEAR(pin->x, seen->pin.x, 1e-3);
  EXPECT_NEAR(pin->y, seen->pin.y, 1e-3);
  // The marker behind the viewer: an arrow on the edge, in this eye's pixels, over everything.
  ASSERT_FALSE(edges.empty());
  for (const engine::OverlayVertex& v : edges.vertices)
    EXPECT_EQ(kindOf(v), static_cast<std::uint32_t>(engine::OverlayKind::Screen));
  // An open card shows its text below the title bar.
  paint.open = seen->index;
  engine::OverlayGeometry openCard, unused;
  auto withText = markers;
  withText[seen->index].text = "two words";
  ui::buildMarkerGeometry(withText, sprites, paint, font(), openCard, unused);
  EXPECT_EQ(openCard.vertices.size(), common.vertices.size() + 6 * 8);  // "two words": 8 letters
}

TEST(MarkerGeometry, FilmFrameHasItsClipOnAQuadAndItsFrustum) {
  scenes::FilmCamera camera;
  camera.state.pose.position = {1, 0, 0};
  const ui::FilmFrame frame = ui::filmFrameAt(camera, 0);
  engine::OverlayGeometry g;
  ui::buildFilmFrameGeometry(frame, "", true, font(), g);
  ASSERT_GE(g.vertices.size(), 6u);
  // The picture first (the outline over it), its corners the frame's, uv as the picture's.
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(fillOf(g.vertices[static_cast<std::size_t>(i)]),
              static_cast<std::uint32_t>(engine::OverlayFill::Picture));
  EXPECT_EQ(g.vertices[0].position, frame.corners[0]);
  EXPECT_EQ(g.vertices[0].uv, glm::vec2(0, 0));
  EXPECT_EQ(g.vertices[4].position, frame.corners[3]);
  EXPECT_EQ(g.vertices[4].uv, glm::vec2(1, 1));
  // Four frustum edges from the camera, four sides: eight segments of six vertices.
  EXPECT_EQ(g.vertices.size(), 6u + 8 * 6);
  EXPECT_EQ(g.vertices[6].position, frame.apex);
}

TEST(MarkerGeometry, FloorGridLiesOnTheFloor) {
  engine::OverlayGeometry g;
  ui::buildFloorGrid(ui::MarkerStyle{}, g, 2, 1);
  ASSERT_FALSE(g.empty());
  for (const engine::OverlayVertex& v : g.vertices) {
    EXPECT_NEAR(v.position.y, -1.6f, 1e-6);  // relative to the capture point: y = 0 on the stage
    EXPECT_EQ(kindOf(v), static_cast<std::uint32_t>(engine::OverlayKind::LineM));
  }
}

// A scene of one wall across the view at `distanceM`, facing the capture point: the depth a
// mesh layer's CPU side answers with.
ui::SceneHit wallAt(float distanceM) {
  return [distanceM](const engine::Ray& ray) -> std::optional<float> {
    if (ray.direction.z >= -1e-6f) return std::nullopt;
    return (-distanceM - ray.origin.z) / ray.direction.z;
  };
}

TEST(MarkerPicking, ByRayPicksTheNearerAndNothingBehindAnOccluder) {
  const std::vector<scenes::Marker> both{markerAt("far", 0, 0, 6), markerAt("near", 0, 0, 2)};
  const glm::vec3 eye(0.0f), ahead(0, 0, -1);
  EXPECT_EQ(ui::markerOnRay(both, 1.0, eye, ahead), 1u);
  // A wall at 4 m: the near one is in front of it, the far one behind.
  EXPECT_EQ(ui::markerOnRay(both, 1.0, eye, ahead, {}, 2.5f, wallAt(4)), 1u);
  const std::vector<scenes::Marker> farOnly{both[0]};
  EXPECT_EQ(ui::markerOnRay(farOnly, 1.0, eye, ahead), 0u);
  EXPECT_FALSE(ui::markerOnRay(farOnly, 1.0, eye, ahead, {}, 2.5f, wallAt(4)));
  // A wall right in front hides both; one past them all hides none.
  EXPECT_FALSE(ui::markerOnRay(both, 1.0, eye, ahead, {}, 2.5f, wallAt(1)));
  EXPECT_EQ(ui::markerOnRay(farOnly, 1.0, eye, ahead, {}, 2.5f, wallAt(10)), 0u);
}

TEST(MarkerPicking, ByPixelThroughTheSameCameraAndDepth) {
  const ui::ViewProjection eye = ahead();
  const std::vector<scenes::Marker> markers{markerAt("far", 0, 0, 6), markerAt("near", 0, 0, 2)};
  const auto sprites = ui::layoutMarkers(markers, 1.0, eye);
  const glm::vec2 centre = eye.extent() * 0.5f;
  EXPECT_EQ(ui::markerAtPixel(sprites, centre, eye, {}), 1u);
  EXPECT_EQ(ui::markerAtPixel(sprites, centre, eye, wallAt(4)), 1u);
  EXPECT_FALSE(ui::markerAtPixel(sprites, centre, eye, wallAt(1)));
  const std::vector<scenes::Marker> farOnly{markers[0]};
  const auto farSprites = ui::layoutMarkers(farOnly, 1.0, eye);
  EXPECT_EQ(ui::markerAtPixel(farSprites, centre, eye, {}), 0u);
  EXPECT_FALSE(ui::markerAtPixel(farSprites, centre, eye, wallAt(4)));
  // Its title bar off the axis: the wall is still nearer there, along the eye's view axis.
  EXPECT_FALSE(ui::markerAtPixel(farSprites, farSprites[0].titleBar.max - glm::vec2(3), eye, wallAt(5.9f)));
  EXPECT_EQ(ui::markerAtPixel(farSprites, farSprites[0].titleBar.max - glm::vec2(3), eye, wallAt(6.1f)), 0u);
}

}  // namespace
}  // namespace ps
