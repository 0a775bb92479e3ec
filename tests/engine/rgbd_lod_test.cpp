// The RGB-D layer's levels of detail as drawn: levels meet without cracks, a smooth wall costs
// fewer triangles than one with a panel in it, and the panel is whole to its silhouette, also
// where the view's edge cuts it (a patch there must not be culled).
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include "engine/rgbd_depth_measure.h"
#include "engine/rgbd_layer.h"
#include "engine/view.h"
#include "engine_test.h"
#include "mesh_test_rig.h"
#include "pinhole_footprint.h"
#include "rgbd_patch_select.h"
#include "rgbd_test_room.h"

namespace ps::test {
namespace {

constexpr std::uint32_t kWidth = 1024, kHeight = 512;
constexpr std::uint32_t kSize = 192;
constexpr float kFovDeg = 60.0f;
const glm::vec3 kOrigin(0.0f, 1.6f, 0.0f);
const DepthCoding kCoding{DepthEncoding::Inverse, 0.5, 8.0};

class RgbdLodTest : public EngineTest {};

// A 16-bit inverse-coded depth picture of `metres` along the ray through (u, v).
OwnedFrame depthFrame(const std::function<double(double, double)>& metres) {
  OwnedFrame frame = makeFrame(PixelFormat::Gray16, kWidth, kHeight, ColorMatrix::Bt709, ColorRange::Full);
  for (std::uint32_t y = 0; y < kHeight; ++y)
    for (std::uint32_t x = 0; x < kWidth; ++x) {
      const double code = depthCode(kCoding, metres((x + 0.5) / kWidth, (y + 0.5) / kHeight));
      setSample(frame, 0, x, y, static_cast<std::uint32_t>(std::lround(code * 65535.0)));
    }
  return frame;
}

engine::EyeCamera camera(glm::vec3 offset, float yawDeg = 0, float pitchDeg = 0) {
  engine::View view = engine::viewFromV360(engine::V360Camera{yawDeg, pitchDeg, 0, kFovDeg, kFovDeg});
  view.position = kOrigin + offset;
  return engine::EyeCamera(view);
}

EyePicture render(MeshRig& rig, engine::RgbdLayer& layer, const engine::EyeCamera& eye) {
  std::vector<engine::Layer*> layers{&layer};
  const std::vector<engine::EyeCamera> cameras{eye};
  return rig.render(layers, cameras).at(0);
}

// A wavy surface about 2.5 m round the capture point, smooth everywhere (no step a triangle is
// dropped for), curved more in some places than others, seen from 30 cm aside: patches at
// different levels meet all over the view, and no pixel shows the far fill through a crack.
TEST_F(RgbdLodTest, LevelsMeetWithoutCracks) {
  // Two smooth bumps (Gaussian, 0.4 m and 0.2 m high) on a wall: coarse far from them, fine on
  // their flanks.
  const auto wavy = [](double u, double v) {
    const auto bump = [&](double u0, double v0, double width) {
      return std::exp(-((u - u0) * (u - u0) * 4 + (v - v0) * (v - v0)) / (width * width));
    };
    return 2.5 - 0.4 * bump(0.5, 0.5, 0.03) - 0.2 * bump(0.53, 0.45, 0.015);
  };
  const OwnedFrame colour = roomColour(kWidth, kHeight);
  const OwnedFrame depth = depthFrame(wavy);
  MeshRig rig(device(), kSize, kSize, 1);
  engine::RgbdLayer layer(rig.context());
  layer.setPicture(colour.view, FrameLayout{}, depth.view, kCoding);
  for (const glm::vec3 offset : {glm::vec3(0.3f, 0.1f, 0.0f), glm::vec3(-0.2f, -0.15f, 0.2f)}) {
    SCOPED_TRACE(offset.x);
    const engine::EyeCamera eye = camera(offset, 10, -5);
    const EyePicture p = render(rig, layer, eye);
    int far = 0;
    for (int y = 0; y < static_cast<int>(kSize); ++y)
      for (int x = 0; x < static_cast<int>(kSize); ++x) far += eye.distanceAt(p.depthAt(x, y)) > 4.0f ? 1 : 0;
    EXPECT_EQ(far, 0) << "pixels of the far fill show through the surface";

    // The levels the layer drew here: several, so that levels did meet.
    engine::DepthMetres metres;
    metres.width = kWidth;
    metres.height = kHeight;
    for (std::uint32_t y = 0; y < kHeight; ++y)
      for (std::uint32_t x = 0; x < kWidth; ++x)
        metres.metres.push_back(static_cast<float>(wavy((x + 0.5) / kWidth, (y + 0.5) / kHeight)));
    engine::RgbdPatchEye patchEye;
    patchEye.clipFromCapture = eye.viewProjection() * glm::translate(glm::mat4(1.0f), kOrigin);
    patchEye.parallaxM = glm::length(offset);
    const engine::AnglePerPixel angle = engine::pinholeAnglePerPixel(eye.view().fov, kSize, kSize);
    patchEye.pixelMost = angle.most;
    patchEye.pixelFewest = angle.fewest;
    engine::RgbdPatchDraws draws;
    std::vector<std::int8_t> scratch;
    engine::selectRgbdPatches(engine::measureRgbdPatches(metres, false), patchEye, draws, scratch);
    int levels = 0;
    for (const std::uint32_t n : draws.counts) levels += n > 0 ? 1 : 0;
    EXPECT_GE(levels, 3) << draws.counts[0] << " " << draws.counts[1] << " " << draws.counts[2] << " " << draws.counts[3]
                         << " " << draws.counts[4];
  }
}

// The same view of a plain wall and of the wall with the panel: the wall alone is drawn with
// far fewer triangles (its patches are smooth and coarse; the panel's edges are drawn a cell
// per texel), and either costs a fraction of a grid at full density.
TEST_F(RgbdLodTest, ASmoothWallIsDrawnWithFewerTrianglesThanOneWithAPanel) {
  const OwnedFrame colour = roomColour(kWidth, kHeight);
  const OwnedFrame wall = depthFrame([](double, double) { return static_cast<double>(RgbdRoom::kWallM); });
  const OwnedFrame room = depthFrame(RgbdRoom::depthAlong);
  MeshRig rig(device(), kSize, kSize, 1);
  const engine::EyeCamera eye = camera({0.1f, 0.0f, 0.0f});
  engine::RgbdLayer plain(rig.context()), panel(rig.context());
  plain.setPicture(colour.view, FrameLayout{}, wall.view, kCoding);
  panel.setPicture(colour.view, FrameLayout{}, room.view, kCoding);
  render(rig, plain, eye);
  const std::uint64_t plainTriangles = plain.triangles(0);
  render(rig, panel, eye);
  const std::uint64_t panelTriangles = panel.triangles(0);
  // A 60x60-degree view of a 1024-wide picture: about 170 x 170 texels, 58k triangles at one
  // cell per texel.
  EXPECT_GT(plainTriangles, 0u);
  EXPECT_LT(plainTriangles * 3, panelTriangles);
  EXPECT_LT(panelTriangles * 2, 58000u);
  EXPECT_EQ(plain.triangles(1), 0u) << "no eye 1 in this frame";
}

// A measure made ahead (on another thread, by the caller) is what the layer draws with: the
// room's own measure draws the room as the layer's own measuring does, pixel for pixel, and
// measures nothing on the caller's thread; the smooth wall's measure given with the room's
// picture draws the room with the wall's few coarse triangles (the measure is used, not
// recomputed); a measure made for another coding is not used.
TEST_F(RgbdLodTest, AMeasureMadeAheadIsWhatTheLayerDrawsWith) {
  const OwnedFrame colour = roomColour(kWidth, kHeight);
  const OwnedFrame wall = depthFrame([](double, double) { return static_cast<double>(RgbdRoom::kWallM); });
  const OwnedFrame room = depthFrame(RgbdRoom::depthAlong);
  MeshRig rig(device(), kSize, kSize, 1);
  const engine::EyeCamera eye = camera({0.1f, 0.0f, 0.0f});
  engine::RgbdLayer own(rig.context()), ahead(rig.context()), wallAhead(rig.context()), other(rig.context());
  own.setPicture(colour.view, FrameLayout{}, room.view, kCoding);
  EXPECT_EQ(own.picturesMeasured(), 1u);
  const auto roomMeasure = engine::RgbdDepthMeasure::of(room.view, FrameLayout{}, kCoding);
  ahead.setPicture(colour.view, FrameLayout{}, room.view, kCoding, roomMeasure.get());
  EXPECT_EQ(ahead.picturesMeasured(), 0u);
  const auto wallMeasure = engine::RgbdDepthMeasure::of(wall.view, FrameLayout{}, kCoding, roomMeasure.get());
  wallAhead.setPicture(colour.view, FrameLayout{}, room.view, kCoding, wallMeasure.get());
  const DepthCoding otherCoding{DepthEncoding::Inverse, 0.5, 9.0};
  ASSERT_FALSE(wallMeasure->fits(room.view, FrameLayout{}, otherCoding));
  other.setPicture(colour.view, FrameLayout{}, room.view, kCoding,
                   engine::RgbdDepthMeasure::of(wall.view, FrameLayout{}, otherCoding).get());
  EXPECT_EQ(other.picturesMeasured(), 1u);

  const EyePicture a = render(rig, own, eye);
  const std::uint64_t ownTriangles = own.triangles(0);
  const EyePicture b = render(rig, ahead, eye);
  EXPECT_EQ(ahead.triangles(0), ownTriangles);
  int differ = 0;
  for (int y = 0; y < static_cast<int>(kSize); ++y)
    for (int x = 0; x < static_cast<int>(kSize); ++x)
      differ += a.at(x, y) != b.at(x, y) || a.depthAt(x, y) != b.depthAt(x, y) ? 1 : 0;
  EXPECT_EQ(differ, 0);
  render(rig, wallAhead, eye);
  EXPECT_LT(wallAhead.triangles(0) * 3, ownTriangles) << "the wall's measure was not used";
  render(rig, other, eye);
  EXPECT_EQ(other.triangles(0), ownTriangles);
}

// Pixel centres at least `margin` px inside (margin > 0) or outside (< 0) the convex quad.
bool insideQuad(const std::array<glm::vec2, 4>& quad, glm::vec2 p, float margin) {
  float area = 0;
  for (int i = 0; i < 4; ++i) {
    const glm::vec2 a = quad[static_cast<std::size_t>(i)], b = quad[static_cast<std::size_t>((i + 1) % 4)];
    area += a.x * b.y - b.x * a.y;
  }
  float least = 1e30f;
  for (int i = 0; i < 4; ++i) {
    const glm::vec2 a = quad[static_cast<std::size_t>(i)], b = quad[static_cast<std::size_t>((i + 1) % 4)];
    const glm::vec2 edge = b - a;
    const float distance = (edge.x * (p.y - a.y) - edge.y * (p.x - a.x)) / glm::length(edge);
    least = std::min(least, area > 0 ? distance : -distance);
  }
  return margin > 0 ? least >= margin : least <= margin;
}

// From a step aside, ahead and with the view turned so that its left, right or lower edge cuts
// the panel: every pixel more than 1.5 px inside the panel's predicted silhouette shows the
// panel, and none more than 1 px outside it does. A coarse cell at the panel's edge would lose
// up to a cell of it; a patch culled at the view's edge would lose all of it there.
TEST_F(RgbdLodTest, ThePanelIsWholeToItsSilhouetteAlsoWhereTheViewsEdgeCutsIt) {
  const OwnedFrame colour = roomColour(kWidth, kHeight);
  const OwnedFrame depth = depthFrame(RgbdRoom::depthAlong);
  MeshRig rig(device(), kSize, kSize, 1);
  engine::RgbdLayer layer(rig.context());
  layer.setPicture(colour.view, FrameLayout{}, depth.view, kCoding);
  struct Case {
    glm::vec3 offset;
    float yaw, pitch;
  };
  for (const Case& c : {Case{{0.2f, 0.1f, 0.0f}, 0, 0}, Case{{0.1f, 0.0f, 0.1f}, 36, 0}, Case{{-0.1f, 0.05f, 0.0f}, -37, 0},
                        Case{{0.0f, -0.1f, 0.1f}, 3, 34}}) {
    SCOPED_TRACE(c.yaw + c.pitch);
    const engine::EyeCamera eye = camera(c.offset, c.yaw, c.pitch);
    const EyePicture p = render(rig, layer, eye);
    const glm::vec3 centre = RgbdRoom::boxCentre(kOrigin);
    const float h = RgbdRoom::kBoxHalfM;
    std::array<glm::vec2, 4> quad{};
    const std::array<glm::vec3, 4> corners{centre + glm::vec3(-h, h, 0), centre + glm::vec3(h, h, 0),
                                           centre + glm::vec3(h, -h, 0), centre + glm::vec3(-h, -h, 0)};
    for (std::size_t i = 0; i < 4; ++i) {
      const glm::vec4 clip = eye.viewProjection() * glm::vec4(corners[i], 1.0f);
      ASSERT_GT(clip.w, 0.0f);
      quad[i] = (glm::vec2(clip.x, clip.y) / clip.w * 0.5f + 0.5f) * glm::vec2(kSize);
    }
    int inside = 0, cut = 0;
    for (int y = 0; y < static_cast<int>(kSize); ++y)
      for (int x = 0; x < static_cast<int>(kSize); ++x) {
        const glm::vec2 pixel(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);
        const float d = eye.distanceAt(p.depthAt(x, y));
        const bool isPanel = d < 3.0f;  // along the view's axis: the panel within 1.6 m, the wall past 3.5
        if (insideQuad(quad, pixel, 1.5f)) {
          ++inside;
          cut += x == 0 || y == 0 || x + 1 == static_cast<int>(kSize) || y + 1 == static_cast<int>(kSize) ? 1 : 0;
          EXPECT_TRUE(isPanel) << "pixel " << x << "," << y << " inside the panel shows depth " << d;
        } else if (insideQuad(quad, pixel, -1.0f)) {
          EXPECT_FALSE(isPanel) << "pixel " << x << "," << y << " outside the panel shows it";
        }
      }
    const bool ahead = c.yaw == 0 && c.pitch == 0;
    EXPECT_GT(inside, ahead ? 500 : 50);
    if (!ahead) {
      EXPECT_GT(cut, 20) << "the view's edge cuts the panel";
    }
  }
}

}  // namespace
}  // namespace ps::test
