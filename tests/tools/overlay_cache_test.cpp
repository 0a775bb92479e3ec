// The overlay's layer geometry is built and handed to the layer only when what it shows
// changed: the same eyes at the same shot time leave the layer's vertices as they were (no
// rebuild, no upload); a fade, the paint, the markers, a moved eye, the origin or the film
// camera's track make it anew. The validation layer is on; any message fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <vector>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "engine/device.h"
#include "engine/overlay_layer.h"
#include "player/view_overlay.h"

namespace ps::player {
namespace {

scenes::Marker marker(const char* title) {
  scenes::Marker m;
  m.id = title;
  m.title = title;
  m.text = "Some text under the title.";
  m.tIn = 0;
  m.tOut = 10;
  m.fadeIn = 0;
  m.fadeOut = 2;  // fades from 8 s on
  m.category = scenes::MarkerCategory::Camera;
  m.placement = scenes::DirectionPlacement{0, 0, 3};
  return m;
}

class OverlayCache : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("PERFECTSHOT_VALIDATION", "1", 0);
    auto d = engine::Device::create();
    ASSERT_TRUE(d.ok()) << d.error().message();
    device_ = new engine::Device(std::move(*d));
  }
  static void TearDownTestSuite() {
    delete device_;
    device_ = nullptr;
  }
  void TearDown() override { EXPECT_EQ(device_->validationMessageCount(), 0u); }

  static OverlayEye ahead() {
    OverlayEye eye;
    eye.view.fov = engine::symmetricFov(90, 75);
    eye.extent = {320, 240};
    return eye;
  }

  // How many times the overlay's layer has had its geometry set, after one more frame at t.
  static std::uint64_t frameAt(ViewOverlay& overlay, const OverlayEye& eye, double t) {
    const auto layers = overlay.layers(*device_, std::span(&eye, 1), t);
    EXPECT_EQ(layers.size(), 1u);
    return static_cast<const engine::OverlayLayer*>(layers[0])->geometrySets();
  }

  static engine::Device* device_;
};

engine::Device* OverlayCache::device_ = nullptr;

TEST_F(OverlayCache, MarkersAreRebuiltOnlyWhenWhatTheyShowChanges) {
  ViewOverlayOptions options;
  options.markers = {marker("one"), marker("two")};
  options.markers[1].placement = scenes::DirectionPlacement{40, 0, 3};
  options.floorGrid = true;
  ViewOverlay overlay(options);
  OverlayEye eye = ahead();

  const std::uint64_t first = frameAt(overlay, eye, 2.0);
  EXPECT_EQ(first, 1u);
  EXPECT_EQ(frameAt(overlay, eye, 2.0), first) << "the same frame again";
  EXPECT_EQ(frameAt(overlay, eye, 3.0), first) << "no fade between 2 s and 3 s: the same geometry";

  EXPECT_EQ(frameAt(overlay, eye, 8.5), first + 1) << "fading";
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 2) << "still fading";

  overlay.paint().open = 0;
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 3) << "a card opened";
  overlay.paint().dwelling = 1;
  overlay.paint().dwellProgress = 0.5f;
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 4) << "a dwell ring";
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 4);

  eye.view.orientation = glm::angleAxis(glm::radians(5.0f), glm::vec3(0, 1, 0));
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 5) << "the eye turned";
  overlay.setOrigin({0, 0.1f, 0});
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 6) << "the capture point moved";

  std::vector<scenes::Marker> renamed = overlay.markers();
  renamed[0].title = "renamed";  // the same layout, other glyphs
  overlay.setMarkers(renamed);
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 7) << "a marker edited";
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 7);

  overlay.style().cardWidthDeg += 2;
  EXPECT_EQ(frameAt(overlay, eye, 8.6), first + 8) << "the style changed";

  overlay.deviceReplaced();
  EXPECT_EQ(frameAt(overlay, eye, 8.6), 1u) << "a new layer gets the geometry at once";
}

TEST_F(OverlayCache, TheFilmFrameFollowsItsTrackAndNothingElse) {
  FilmFrameOptions film;
  film.camera.state.hfovDeg = 40;
  ViewOverlayOptions options;
  options.filmFrame = film;
  ViewOverlay still(options);
  const OverlayEye eye = ahead();
  EXPECT_EQ(frameAt(still, eye, 1.0), 1u);
  EXPECT_EQ(frameAt(still, eye, 2.0), 1u) << "a camera without a track: the same frame";

  scenes::CameraKey a, b;
  a.t = 0;
  b.t = 10;
  b.state.hfovDeg = 30;
  film.camera.track = {a, b};
  options.filmFrame = film;
  ViewOverlay tracked(options);
  EXPECT_EQ(frameAt(tracked, eye, 1.0), 1u);
  EXPECT_EQ(frameAt(tracked, eye, 1.0), 1u);
  EXPECT_EQ(frameAt(tracked, eye, 2.0), 2u) << "the camera zoomed";
  tracked.filmFrame()->setVisible(false);
  EXPECT_EQ(frameAt(tracked, eye, 2.0), 3u) << "hidden";
  EXPECT_EQ(frameAt(tracked, eye, 3.0), 3u) << "hidden: nothing to follow";
}

TEST_F(OverlayCache, BlockingIsRebuiltOnlyWhileAnActorMoves) {
  ViewOverlayOptions options;
  scenes::ActorPath rick;
  rick.id = "rick";
  rick.actor = "Rick";
  rick.trailSeconds = 1.0;
  rick.keys = {{2.0, {-1.0, -3.0}}, {4.0, {1.0, -3.0}}};
  options.blocking.actors.push_back(rick);
  options.blocking.marks.push_back({"m", "Mark", {}, {0.0, -2.0}, std::nullopt});
  ViewOverlay overlay(options);
  EXPECT_TRUE(overlay.hasContent());
  const OverlayEye eye = ahead();
  EXPECT_EQ(frameAt(overlay, eye, 0.0), 1u);
  EXPECT_EQ(frameAt(overlay, eye, 1.5), 1u) << "waiting on his first key: the same picture";
  EXPECT_EQ(frameAt(overlay, eye, 2.5), 2u) << "walking";
  EXPECT_EQ(frameAt(overlay, eye, 3.0), 3u);
  EXPECT_EQ(frameAt(overlay, eye, 5.5), 4u) << "arrived, the trail gone";
  EXPECT_EQ(frameAt(overlay, eye, 9.0), 4u);
}

TEST_F(OverlayCache, ARemotePointerIsDrawnUntilItGoes) {
  ViewOverlay overlay(ViewOverlayOptions{});
  EXPECT_FALSE(overlay.hasContent());
  const OverlayEye eye = ahead();
  overlay.setRemotePointer(engine::Ray{{0.2f, 1.4f, -0.4f}, {0.0f, 0.0f, -1.0f}});
  EXPECT_TRUE(overlay.hasContent());
  EXPECT_EQ(frameAt(overlay, eye, 0.0), 1u);
  overlay.setRemotePointer(engine::Ray{{0.2f, 1.4f, -0.4f}, {0.0f, 0.0f, -1.0f}});
  EXPECT_EQ(frameAt(overlay, eye, 0.0), 1u) << "the same ray: nothing to build";
  overlay.setRemotePointer(engine::Ray{{0.2f, 1.4f, -0.4f}, {0.6f, 0.0f, -0.8f}});
  EXPECT_EQ(frameAt(overlay, eye, 0.0), 2u);
  overlay.setRemotePointer(std::nullopt);
  EXPECT_FALSE(overlay.hasContent());
  EXPECT_EQ(frameAt(overlay, eye, 0.0), 3u) << "gone: drawn away";
}

// This headset's controller ray: set every frame, built again only when it moved; it ends on
// a marker it points at, on the scene where that is nearer, else 4 m out.
TEST_F(OverlayCache, TheControllersRayIsBuiltWhenItMovesAndEndsOnWhatItPointsAt) {
  ViewOverlayOptions options;
  options.markers = {marker("ahead")};  // 3 m straight ahead of the capture point
  ViewOverlay overlay(options);
  overlay.setOrigin({0.0f, 1.6f, 0.0f});
  const OverlayEye eye = ahead();
  const engine::Ray atMarker{{0.0f, 1.6f, 0.0f}, {0.0f, 0.0f, -1.0f}};
  overlay.setPointer(atMarker);
  const std::uint64_t first = frameAt(overlay, eye, 1.0);
  overlay.setPointer(atMarker);
  EXPECT_EQ(frameAt(overlay, eye, 1.0), first) << "the same ray: nothing to build";
  const engine::Ray aside{{0.2f, 1.4f, -0.3f}, {0.6f, 0.0f, -0.8f}};
  overlay.setPointer(aside);
  EXPECT_EQ(frameAt(overlay, eye, 1.0), first + 1);
  overlay.setPointer(std::nullopt);
  EXPECT_EQ(frameAt(overlay, eye, 1.0), first + 2) << "gone: drawn away";

  const glm::vec3 onMarker = overlay.pointerEnd(atMarker, 1.0);
  EXPECT_NEAR(onMarker.z, -3.0f, 1e-4f) << "on the marker it points at";
  EXPECT_NEAR(onMarker.y, 1.6f, 1e-4f);
  const glm::vec3 nothing = overlay.pointerEnd(aside, 1.0);
  EXPECT_NEAR(glm::length(nothing - aside.origin), 4.0f, 1e-4f) << "nothing there: 4 m out";
  EXPECT_NEAR(overlay.pointerEnd(atMarker, 11.0).z, -4.0f, 1e-4f) << "the marker is over at 11 s";
  overlay.setSceneHit([](const engine::Ray&) { return std::optional<float>(1.25f); });
  EXPECT_NEAR(overlay.pointerEnd(atMarker, 1.0).z, -1.25f, 1e-4f) << "a set nearer than the marker";
  EXPECT_NEAR(overlay.pointerEnd(aside, 1.0).x, 0.2f + 1.25f * 0.6f, 1e-4f);
}

TEST_F(OverlayCache, TheTapesMeasurementIsDrawnWhenItChanges) {
  ViewOverlay overlay(ViewOverlayOptions{});
  const OverlayEye eye = ahead();
  scenes::Measurement m{"tape-1", "", {0, 0, -2}, {1.5, 0, -2}};
  overlay.setTape(m);
  EXPECT_TRUE(overlay.hasContent());
  EXPECT_EQ(frameAt(overlay, eye, 0.0), 1u);
  overlay.setTape(m);
  EXPECT_EQ(frameAt(overlay, eye, 1.0), 1u) << "the same measurement";
  m.b.x = 2.0;
  overlay.setTape(m);
  EXPECT_EQ(frameAt(overlay, eye, 1.0), 2u);
}

}  // namespace
}  // namespace ps::player
