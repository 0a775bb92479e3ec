// The RGB-D layer on the analytic room (rgbd_test_room.h): parallax as geometry predicts it for
// every depth encoding, clean edges, the centre view equal to the equirect layer's, composition
// with meshes through depth, the head box, and bad pictures refused.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "engine/equirect_layer.h"
#include "engine/frame_context.h"
#include "engine/mesh_layer.h"
#include "engine/rgbd_layer.h"
#include "engine/view.h"
#include "engine_test.h"
#include "image.h"
#include "mesh_test_rig.h"
#include "mesh_test_scenes.h"
#include "rgbd_head_box.h"
#include "rgbd_test_room.h"

namespace ps::test {
namespace {

constexpr std::uint32_t kPictureWidth = 1024, kPictureHeight = 512;
constexpr std::uint32_t kSize = 192;
constexpr float kFovDeg = 60.0f;  // magnifies the picture a little: every view reads its level 0
const glm::vec3 kOrigin(0.0f, 1.6f, 0.0f);

DepthCoding coding(DepthEncoding e) { return DepthCoding{e, 0.5, 8.0}; }

std::vector<RgbdCase> encodings() {
  return {{"linear Gray16", coding(DepthEncoding::Linear), PixelFormat::Gray16},
          {"linear Gray10", coding(DepthEncoding::Linear), PixelFormat::Gray10},
          {"inverse Gray16", coding(DepthEncoding::Inverse), PixelFormat::Gray16},
          {"inverse Yuv420P10 limited", coding(DepthEncoding::Inverse), PixelFormat::Yuv420P10, ColorRange::Limited},
          {"inverse-split8 Yuv444P", coding(DepthEncoding::InverseSplit8), PixelFormat::Yuv444P},
          {"hue Yuv444P", coding(DepthEncoding::Hue), PixelFormat::Yuv444P},
          // Cr is the second component of NV12's interleaved chroma plane, not Cb again.
          {"hue Nv12", coding(DepthEncoding::Hue), PixelFormat::Nv12}};
}

class RgbdLayerTest : public EngineTest {};

// Distance along the view axis of each pixel's depth.
float distanceAt(const EyePicture& p, const engine::EyeCamera& camera, int x, int y) {
  return camera.distanceAt(p.depthAt(x, y));
}

// The mean pixel centre of the pixels `keep` accepts; NaN when there are none.
glm::vec2 centroid(const EyePicture& p, const engine::EyeCamera& camera,
                   const std::function<bool(glm::u8vec4, float)>& keep) {
  glm::dvec2 sum(0.0);
  int n = 0;
  for (int y = 0; y < static_cast<int>(kSize); ++y)
    for (int x = 0; x < static_cast<int>(kSize); ++x)
      if (keep(p.at(x, y), distanceAt(p, camera, x, y))) {
        sum += glm::dvec2(x + 0.5, y + 0.5);
        ++n;
      }
  return n == 0 ? glm::vec2(NAN) : glm::vec2(sum / static_cast<double>(n));
}

bool isBox(glm::u8vec4, float distance) { return distance > 1.4f && distance < 1.6f; }
bool isMarker(glm::u8vec4 c, float distance) { return c.g > 150 && c.r < 100 && distance > 4.5f && distance < 5.1f; }

bool near(glm::u8vec4 c, glm::u8vec3 expected, int tolerance) {
  return std::abs(c.r - expected.r) <= tolerance && std::abs(c.g - expected.g) <= tolerance &&
         std::abs(c.b - expected.b) <= tolerance;
}

EyePicture renderWith(MeshRig& rig, std::vector<engine::Layer*> layers, const engine::EyeCamera& camera) {
  const std::vector<engine::EyeCamera> cameras{camera};
  return rig.render(layers, cameras).at(0);
}

// Moving the eye 10 cm to the right shifts the panel (1.5 m) and the wall's marker (5 m) left
// by what their projections predict, for every encoding.
TEST_F(RgbdLayerTest, ParallaxMatchesTheGeometryForEveryEncoding) {
  const OwnedFrame colour = roomColour(kPictureWidth, kPictureHeight);
  MeshRig rig(device(), kSize, kSize, 1);
  const engine::EyeCamera centre = eyeAt(kOrigin, kFovDeg), moved = eyeAt(kOrigin + glm::vec3(0.1f, 0, 0), kFovDeg);
  const glm::vec3 box = RgbdRoom::boxCentre(kOrigin), marker = RgbdRoom::markerCentre(kOrigin);
  const glm::vec2 boxShift = *moved.pixelOf(box, rig.extent()) - *centre.pixelOf(box, rig.extent());
  const glm::vec2 markerShift = *moved.pixelOf(marker, rig.extent()) - *centre.pixelOf(marker, rig.extent());
  ASSERT_LT(boxShift.x, -10.0f) << "the panel moves over 10 px: the test can tell parallax from none";
  ASSERT_LT(markerShift.x, -3.0f);
  for (const RgbdCase& c : encodings()) {
    SCOPED_TRACE(c.name);
    const OwnedFrame depth = roomDepth(c, kPictureWidth, kPictureHeight);
    engine::RgbdLayer layer(rig.context());
    layer.setPicture(colour.view, FrameLayout{}, depth.view, c.coding);
    const EyePicture before = renderWith(rig, {&layer}, centre);
    const EyePicture after = renderWith(rig, {&layer}, moved);
    const glm::vec2 boxBefore = centroid(before, centre, isBox), boxAfter = centroid(after, moved, isBox);
    const glm::vec2 markerBefore = centroid(before, centre, isMarker), markerAfter = centroid(after, moved, isMarker);
    // Where it is: its edges fall on the grid's cells (two texels here), within 1.5 px.
    EXPECT_NEAR(boxBefore.x, centre.pixelOf(box, rig.extent())->x, 1.5);
    EXPECT_NEAR(boxBefore.y, centre.pixelOf(box, rig.extent())->y, 1.5);
    EXPECT_NEAR(boxAfter.x - boxBefore.x, boxShift.x, 1.0);
    EXPECT_NEAR(boxAfter.y - boxBefore.y, boxShift.y, 1.0);
    EXPECT_NEAR(markerAfter.x - markerBefore.x, markerShift.x, 1.0);
    EXPECT_NEAR(markerAfter.y - markerBefore.y, markerShift.y, 1.0);
  }
}

// Across the panel's edges, seen from 10 cm to the side, every pixel is the panel, the wall or
// the far fill of the gap it opened: nothing at a depth between panel and wall, and no colour
// smeared between them.
TEST_F(RgbdLayerTest, EdgesAreCleanNoIntermediateDepthOrColour) {
  const OwnedFrame colour = roomColour(kPictureWidth, kPictureHeight);
  MeshRig rig(device(), kSize, kSize, 1);
  const engine::EyeCamera moved = eyeAt(kOrigin + glm::vec3(0.1f, 0.05f, 0), kFovDeg);
  for (const RgbdCase& c : {encodings()[0], encodings()[4]}) {
    SCOPED_TRACE(c.name);
    const OwnedFrame depth = roomDepth(c, kPictureWidth, kPictureHeight);
    engine::RgbdLayer layer(rig.context());
    layer.setPicture(colour.view, FrameLayout{}, depth.view, c.coding);
    const EyePicture p = renderWith(rig, {&layer}, moved);
    // The panel's silhouette, predicted, and 12 px round it.
    const glm::vec3 centre = RgbdRoom::boxCentre(kOrigin);
    const float half = RgbdRoom::kBoxHalfM;
    const glm::vec2 topLeft = *moved.pixelOf(centre + glm::vec3(-half, half, 0), rig.extent()) - 12.0f;
    const glm::vec2 bottomRight = *moved.pixelOf(centre + glm::vec3(half, -half, 0), rig.extent()) + 12.0f;
    ASSERT_GE(topLeft.x, 0.0f);
    ASSERT_LE(bottomRight.y, static_cast<float>(kSize));
    int boxPixels = 0, gapPixels = 0;
    for (int y = static_cast<int>(topLeft.y); y < static_cast<int>(bottomRight.y); ++y)
      for (int x = static_cast<int>(topLeft.x); x < static_cast<int>(bottomRight.x); ++x) {
        const float d = distanceAt(p, moved, x, y);
        const glm::u8vec4 rgba = p.at(x, y);
        if (d < 1.6f) {
          ++boxPixels;
          EXPECT_GT(d, 1.45f) << x << "," << y;
          EXPECT_TRUE(near(rgba, RgbdRoom::kBoxColour, 4)) << "panel pixel " << x << "," << y;
        } else if (d < 5.05f) {
          EXPECT_GT(d, 4.4f) << "a depth between panel and wall at " << x << "," << y;
          EXPECT_TRUE(near(rgba, RgbdRoom::kWallColour, 4) || near(rgba, RgbdRoom::kMarkerColour, 4))
              << "wall pixel " << x << "," << y << " is " << int{rgba.r} << "," << int{rgba.g} << "," << int{rgba.b};
        } else {
          ++gapPixels;
          EXPECT_GT(d, 7.5f) << "a depth between wall and far at " << x << "," << y;
        }
      }
    EXPECT_GT(boxPixels, 1000);
    EXPECT_GT(gapPixels, 0) << "moving aside opens a gap beside the panel";
    // Triangles kept across the edge would stretch between panel and wall: the check sees them.
    engine::RgbdPlacement keepAll;
    keepAll.origin = kOrigin;
    keepAll.discontinuity = 100.0f;
    layer.setPlacement(keepAll);
    const EyePicture stretched = renderWith(rig, {&layer}, moved);
    int between = 0;
    for (int y = static_cast<int>(topLeft.y); y < static_cast<int>(bottomRight.y); ++y)
      for (int x = static_cast<int>(topLeft.x); x < static_cast<int>(bottomRight.x); ++x) {
        const float d = distanceAt(stretched, moved, x, y);
        between += d > 1.6f && d < 4.4f ? 1 : 0;
      }
    EXPECT_GT(between, 50);
  }
}

double psnrOf(const EyePicture& a, const EyePicture& b) { return psnr(toRgb(a.color), toRgb(b.color)); }

// From the capture point the layer draws what the equirect layer draws of the same colour:
// ahead, across the seam behind, and at a pole.
TEST_F(RgbdLayerTest, FromTheCapturePointItEqualsTheEquirectRender) {
  // A textured colour, so that sampling differences would show; the room's depth.
  OwnedFrame colour = makeFrame(PixelFormat::Yuv420P, kPictureWidth, kPictureHeight, ColorMatrix::Bt709, ColorRange::Limited);
  for (std::uint32_t y = 0; y < kPictureHeight; ++y)
    for (std::uint32_t x = 0; x < kPictureWidth; ++x) setSample(colour, 0, x, y, 16 + (x * 3 + y * 7) % 220);
  for (std::uint32_t y = 0; y < kPictureHeight / 2; ++y)
    for (std::uint32_t x = 0; x < kPictureWidth / 2; ++x) {
      setSample(colour, 1, x, y, 64 + (x * 5 + y) % 128);
      setSample(colour, 2, x, y, 64 + (x + y * 3) % 128);
    }
  const RgbdCase c = encodings()[2];
  const OwnedFrame depth = roomDepth(c, kPictureWidth, kPictureHeight);
  MeshRig rig(device(), kSize, kSize, 1);
  engine::RgbdLayer rgbd(rig.context());
  rgbd.setPicture(colour.view, FrameLayout{}, depth.view, c.coding);
  engine::EquirectLayer plain(rig.context());
  plain.setPicture(colour.view, FrameLayout{});
  for (const engine::V360Camera v : {engine::V360Camera{0, 0, 0, kFovDeg, kFovDeg}, engine::V360Camera{180, 10, 0, kFovDeg, kFovDeg},
                                     engine::V360Camera{30, 75, 0, kFovDeg, kFovDeg}}) {
    SCOPED_TRACE(v.yawDeg);
    engine::View view = engine::viewFromV360(v);
    view.position = kOrigin;
    const engine::EyeCamera camera(view);
    const double db = psnrOf(renderWith(rig, {&rgbd}, camera), renderWith(rig, {&plain}, camera));
    EXPECT_GE(db, 45.0);
  }
}

// What the panel's dropped triangles uncover comes from the background layer when there is one
// (here a plain grey wall at 5 m), else from the far fill.
TEST_F(RgbdLayerTest, GapsShowTheBackgroundLayer) {
  const OwnedFrame colour = roomColour(kPictureWidth, kPictureHeight);
  const RgbdCase c = encodings()[0];
  const OwnedFrame depth = roomDepth(c, kPictureWidth, kPictureHeight);
  constexpr std::uint32_t w = 256, h = 128;
  OwnedFrame backColour = makeFrame(PixelFormat::Yuv444P, w, h, ColorMatrix::Bt709, ColorRange::Full);
  OwnedFrame backDepth = makeFrame(PixelFormat::Gray16, w, h, ColorMatrix::Bt709, ColorRange::Full);
  for (std::uint32_t y = 0; y < h; ++y)
    for (std::uint32_t x = 0; x < w; ++x) {
      for (int p = 0; p < 3; ++p) setSample(backColour, p, x, y, 128);
      setSample(backDepth, 0, x, y, static_cast<std::uint32_t>(std::lround(depthCode(c.coding, 5.0) * 65535)));
    }
  MeshRig rig(device(), kSize, kSize, 1);
  engine::RgbdLayer layer(rig.context());
  layer.setPicture(colour.view, FrameLayout{}, depth.view, c.coding);
  const engine::EyeCamera moved = eyeAt(kOrigin + glm::vec3(0.15f, 0, 0), kFovDeg);
  auto count = [&](const EyePicture& p, auto keep) {
    int n = 0;
    for (int y = 0; y < static_cast<int>(kSize); ++y)
      for (int x = 0; x < static_cast<int>(kSize); ++x) n += keep(p.at(x, y), distanceAt(p, moved, x, y)) ? 1 : 0;
    return n;
  };
  auto isFar = [](glm::u8vec4, float d) { return d > 6.5f; };
  auto isBackWall = [](glm::u8vec4 rgba, float d) { return near(rgba, {128, 128, 128}, 2) && d > 4.4f && d < 5.05f; };
  const EyePicture alone = renderWith(rig, {&layer}, moved);
  const int gap = count(alone, isFar);
  EXPECT_GT(gap, 100) << "without a background the gap shows the far fill";
  layer.setBackground(backColour.view, FrameLayout{}, backDepth.view, c.coding);
  const EyePicture layered = renderWith(rig, {&layer}, moved);
  EXPECT_EQ(count(layered, isFar), 0);
  EXPECT_NEAR(count(layered, isBackWall), gap, gap / 10);
  layer.clearBackground();
  EXPECT_EQ(count(renderWith(rig, {&layer}, moved), isFar), gap);
}

// Depthkit's invalid pixels (R' + G' + B' <= 0.3) carry no depth: a black panel in a hue depth
// picture reads as far.
TEST_F(RgbdLayerTest, HueDepthsTooDarkToCarryAHueReadAsFar) {
  const OwnedFrame colour = roomColour(kPictureWidth, kPictureHeight);
  const RgbdCase c = encodings()[5];
  OwnedFrame depth = roomDepth(c, kPictureWidth, kPictureHeight);
  for (std::uint32_t y = 0; y < kPictureHeight; ++y)
    for (std::uint32_t x = 0; x < kPictureWidth; ++x)
      if (RgbdRoom::depthAlong((x + 0.5) / kPictureWidth, (y + 0.5) / kPictureHeight) < RgbdRoom::kWallM) {
        setSample(depth, 0, x, y, 20);  // R'G'B' about 0.08 each
        setSample(depth, 1, x, y, 128);
        setSample(depth, 2, x, y, 128);
      }
  MeshRig rig(device(), kSize, kSize, 1);
  engine::RgbdLayer layer(rig.context());
  layer.setPicture(colour.view, FrameLayout{}, depth.view, c.coding);
  const engine::EyeCamera camera = eyeAt(kOrigin, kFovDeg);
  const EyePicture p = renderWith(rig, {&layer}, camera);
  const glm::vec2 centre = *camera.pixelOf(RgbdRoom::boxCentre(kOrigin), rig.extent());
  EXPECT_NEAR(distanceAt(p, camera, static_cast<int>(centre.x), static_cast<int>(centre.y)), 8.0f, 0.1f);
  EXPECT_TRUE(std::isnan(centroid(p, camera, isBox).x)) << "nothing at the panel's distance";
}

// Depth is written: a mesh before the wall hides it, one behind the wall or behind the panel is
// hidden.
TEST_F(RgbdLayerTest, MeshesComposeThroughDepth) {
  const OwnedFrame colour = roomColour(kPictureWidth, kPictureHeight);
  const RgbdCase c = encodings()[0];
  const OwnedFrame depth = roomDepth(c, kPictureWidth, kPictureHeight);
  MeshRig rig(device(), kSize, kSize, 1);
  engine::RgbdLayer rgbd(rig.context());
  rgbd.setPicture(colour.view, FrameLayout{}, depth.view, c.coding);
  const glm::vec3 before(-1.0f, 1.6f, -3.0f), behindWall(1.4f, 1.6f, -6.5f), behindPanel(0.0f, 1.6f, -2.5f);
  MeshSceneBuilder b;
  const int white = b.material(unlitMaterial({1, 1, 1, 1}));
  for (const glm::vec3 at : {before, behindWall, behindPanel}) b.node(boxPrimitive(at - 0.2f, at + 0.2f), white);
  engine::MeshLayer meshes(device());
  meshes.add(b.take());
  const engine::EyeCamera camera = eyeAt(kOrigin + glm::vec3(0.05f, 0, 0), kFovDeg);
  const EyePicture p = renderWith(rig, {&rgbd, &meshes}, camera);
  auto pixel = [&](glm::vec3 at) { return p.at(*camera.pixelOf(at + glm::vec3(0, 0, 0.2f), rig.extent())); };
  EXPECT_TRUE(near(pixel(before), {255, 255, 255}, 2));
  EXPECT_TRUE(near(pixel(behindWall), RgbdRoom::kWallColour, 4));
  EXPECT_TRUE(near(pixel(behindPanel), RgbdRoom::kBoxColour, 4));
  // Without the capture, all three show.
  const EyePicture alone = renderWith(rig, {&meshes}, camera);
  EXPECT_TRUE(near(alone.at(*camera.pixelOf(behindWall + glm::vec3(0, 0, 0.2f), rig.extent())), {255, 255, 255}, 2));
}

// Pixels showing the far fill (a gap the capture cannot fill) in a picture.
int gapPixels(const EyePicture& p, const engine::EyeCamera& camera) {
  int n = 0;
  for (int y = 0; y < static_cast<int>(kSize); ++y)
    for (int x = 0; x < static_cast<int>(kSize); ++x) n += distanceAt(p, camera, x, y) > 6.5f ? 1 : 0;
  return n;
}

// Far outside the head box the capture follows the head: the picture stays whole and is what the
// box's face sees; with full parallax out there the panel would tear a wide gap open.
TEST_F(RgbdLayerTest, OutsideTheHeadBoxThePictureStaysWholeAndApproachesTheBoxFaceView) {
  const OwnedFrame colour = roomColour(kPictureWidth, kPictureHeight);
  const RgbdCase c = encodings()[0];
  const OwnedFrame depth = roomDepth(c, kPictureWidth, kPictureHeight);
  MeshRig rig(device(), kSize, kSize, 1);
  engine::RgbdLayer layer(rig.context());
  layer.setPicture(colour.view, FrameLayout{}, depth.view, c.coding);
  constexpr float kBox = 0.25f;
  engine::RgbdPlacement placement;
  placement.origin = kOrigin;
  placement.headBoxM = kBox;
  layer.setPlacement(placement);
  auto at = [&](float x) { return eyeAt(kOrigin + glm::vec3(x, 0, 0), kFovDeg); };
  const EyePicture far = renderWith(rig, {&layer}, at(3.0f));
  const EyePicture farther = renderWith(rig, {&layer}, at(6.0f));
  const int gapFar = gapPixels(far, at(3.0f));
  // What the box's face sees, with full parallax there.
  placement.headBoxM = 100.0f;
  layer.setPlacement(placement);
  const EyePicture face = renderWith(rig, {&layer}, at(kBox));
  const EyePicture unboxed = renderWith(rig, {&layer}, at(3.0f));
  EXPECT_GE(psnrOf(far, face), 40.0);
  EXPECT_GE(psnrOf(far, farther), 40.0);
  EXPECT_LE(gapFar, gapPixels(face, at(kBox)) + 20);
  EXPECT_LT(psnrOf(unboxed, face), 30.0) << "full parallax 3 m out is another picture: the test can fail";
  // Whole: every pixel drawn (the pass clears depth to 0).
  int undrawn = 0;
  for (int y = 0; y < static_cast<int>(kSize); ++y)
    for (int x = 0; x < static_cast<int>(kSize); ++x) undrawn += far.depthAt(x, y) == 0.0f ? 1 : 0;
  EXPECT_EQ(undrawn, 0);
  // Inside the box, well short of its face, parallax is full: the panel is where geometry puts it.
  placement.headBoxM = kBox;
  layer.setPlacement(placement);
  const engine::EyeCamera inside = at(0.1f);
  const glm::vec2 predicted = *inside.pixelOf(RgbdRoom::boxCentre(kOrigin), rig.extent());
  EXPECT_NEAR(centroid(renderWith(rig, {&layer}, inside), inside, isBox).x, predicted.x, 1.5);
}

// The layer's stereo and 180-degree pictures: each eye reads its own half, and behind a 180
// capture is black.
TEST_F(RgbdLayerTest, StereoEyesReadTheirOwnHalvesOf180Pictures) {
  // Left eye: the room's colour; right eye: a grey picture. Depth: the room in both halves.
  const std::uint32_t w = 512, h = 256;  // side by side: each eye 256 x 256, 180 x 180 degrees
  OwnedFrame colour = makeFrame(PixelFormat::Yuv444P, w, h, ColorMatrix::Bt709, ColorRange::Full);
  OwnedFrame depth = makeFrame(PixelFormat::Gray16, w, h, ColorMatrix::Bt709, ColorRange::Full);
  const DepthCoding linear = coding(DepthEncoding::Linear);
  for (std::uint32_t y = 0; y < h; ++y)
    for (std::uint32_t x = 0; x < w; ++x) {
      const bool left = x < w / 2;
      setSample(colour, 0, x, y, left ? 200 : 60);
      setSample(colour, 1, x, y, 128);
      setSample(colour, 2, x, y, 128);
      setSample(depth, 0, x, y, static_cast<std::uint32_t>(std::lround(depthCode(linear, left ? 2.0 : 3.0) * 65535)));
    }
  MeshRig rig(device(), 32, 32, 2);
  engine::RgbdLayer layer(rig.context());
  layer.setPicture(colour.view, FrameLayout{Projection::Equirect180, StereoLayout::LeftRight}, depth.view, linear);
  engine::View view;
  view.position = kOrigin;
  view.fov = engine::symmetricFov(40, 40);
  engine::View back = view;
  back.orientation = glm::angleAxis(glm::radians(180.0f), glm::vec3(0, 1, 0));
  std::vector<engine::Layer*> layers{&layer};
  const std::vector<engine::EyeCamera> ahead{engine::EyeCamera(view), engine::EyeCamera(view)};
  auto pictures = rig.render(layers, ahead);
  EXPECT_NEAR(pictures[0].at(16, 16).r, 200, 2);
  EXPECT_NEAR(pictures[1].at(16, 16).r, 60, 2);
  EXPECT_NEAR(ahead[0].distanceAt(pictures[0].depthAt(16, 16)), 2.0f, 0.02f);
  EXPECT_NEAR(ahead[1].distanceAt(pictures[1].depthAt(16, 16)), 3.0f, 0.02f);
  const std::vector<engine::EyeCamera> behind{engine::EyeCamera(back), engine::EyeCamera(back)};
  pictures = rig.render(layers, behind);
  EXPECT_EQ(pictures[0].at(16, 16).r, 0);
  EXPECT_EQ(pictures[1].at(16, 16).g, 0);
}

// The head box's easing: the offset as it is well inside, then onto the face smoothly (no step in
// value or slope), never past it, per axis.
TEST(RgbdHeadBox, TheOffsetEasesOntoTheFaceWithoutAKink) {
  constexpr float kHalf = 0.5f;
  EXPECT_EQ(engine::parallaxOffset({0.2f, -0.3f, 0.37f}, kHalf), glm::vec3(0.2f, -0.3f, 0.37f));
  float previous = 0.0f, previousSlope = 1.0f;
  constexpr float kStep = 0.001f;
  for (float x = kStep; x < 5.0f; x += kStep) {
    const float eased = engine::parallaxOffset({x, 0, 0}, kHalf).x;
    const float slope = (eased - previous) / kStep;
    EXPECT_LE(eased, kHalf) << x;
    EXPECT_GE(slope, 0.0f) << x;
    EXPECT_NEAR(slope, previousSlope, 0.02f) << "a kink at " << x;
    EXPECT_EQ(engine::parallaxOffset({-x, 0, 0}, kHalf).x, -eased);
    previous = eased;
    previousSlope = slope;
  }
  EXPECT_NEAR(previous, kHalf, 1e-4f) << "far outside: the face";
}

TEST_F(RgbdLayerTest, BadPicturesAreRefusedWithAMessage) {
  MeshRig rig(device(), 16, 16, 1);
  engine::RgbdLayer layer(rig.context());
  const OwnedFrame colour = makeFrame(PixelFormat::Yuv420P, 64, 32, ColorMatrix::Bt709, ColorRange::Full);
  const OwnedFrame grey = makeFrame(PixelFormat::Gray16, 64, 32, ColorMatrix::Bt709, ColorRange::Full);
  const OwnedFrame smaller = makeFrame(PixelFormat::Gray16, 32, 16, ColorMatrix::Bt709, ColorRange::Full);
  const OwnedFrame yuv420 = makeFrame(PixelFormat::Yuv420P, 64, 32, ColorMatrix::Bt709, ColorRange::Full);
  const OwnedFrame yuv444 = makeFrame(PixelFormat::Yuv444P, 64, 32, ColorMatrix::Bt709, ColorRange::Full);
  auto refused = [&](const FrameView& c, const FrameView& d, DepthCoding k, const char* says) {
    try {
      layer.setPicture(c, FrameLayout{}, d, k);
      ADD_FAILURE() << "accepted; expected a refusal saying " << says;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  refused(colour.view, smaller.view, coding(DepthEncoding::Inverse), "must match");
  refused(colour.view, yuv420.view, coding(DepthEncoding::InverseSplit8), "4:4:4");
  refused(colour.view, grey.view, DepthCoding{DepthEncoding::Inverse, 5.0, 5.0}, "near_m < far_m");
  refused(colour.view, grey.view, DepthCoding{DepthEncoding::Linear, 8.0, 2.0}, "near_m < far_m");
  refused(colour.view, grey.view, DepthCoding{DepthEncoding::Hue, 0.5, 8.0}, "hue");
  refused(grey.view, grey.view, coding(DepthEncoding::Inverse), "colour");
  FrameView missing = grey.view;
  missing.planes[0].data = nullptr;
  refused(colour.view, missing, coding(DepthEncoding::Inverse), "depth picture");
  engine::RgbdPlacement bad;
  bad.discontinuity = 0.0f;
  EXPECT_THROW(layer.setPlacement(bad), std::invalid_argument);
  // What fits is taken.
  EXPECT_NO_THROW(layer.setPicture(colour.view, FrameLayout{}, yuv444.view, coding(DepthEncoding::InverseSplit8)));
  EXPECT_TRUE(layer.hasPicture());
}

}  // namespace
}  // namespace ps::test
