// The splat layer on lavapipe with validation on: the GPU sort leaves no pair out of order
// (ties keep their order, depths behind the centre of the eyes sort last, across blocks),
// the cull drops what no eye sees, a single splat's footprint and colour (SH included) land on
// the pixels the EWA equations predict in both eyes, blending is in the encoded space, an
// opaque mesh in front hides a splat, and the depth written for compositing lies within the
// cloud.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "engine/mesh_layer.h"
#include "engine/splat_layer.h"
#include "engine_test.h"
#include "mesh_test_rig.h"
#include "mesh_test_scenes.h"
#include "scenes/splat_cloud.h"

namespace ps::test {
namespace {

using engine::EyeCamera;
using engine::SplatLayer;

class SplatLayerTest : public EngineTest {};

// The float a sort key stands for (the inverse of the shaders' key).
float depthOfKey(std::uint32_t key) {
  const std::uint32_t sortable = ~key;
  const std::uint32_t bits = (sortable & 0x80000000u) != 0 ? (sortable & 0x7FFFFFFFu) : ~sortable;
  float f = 0.0f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

// A cloud of small isotropic splats at `positions`.
std::shared_ptr<scenes::SplatCloud> pointsCloud(const std::vector<glm::vec3>& positions, float scale = 0.01f) {
  auto cloud = std::make_shared<scenes::SplatCloud>();
  cloud->resize(positions.size(), 0);
  cloud->positions = positions;
  std::fill(cloud->scales.begin(), cloud->scales.end(), glm::vec3(scale));
  return cloud;
}

// Checks one readback: keys ascending, ties in index order, every key the depth of its splat
// along `forward` from `origin`, every visible splat first. Returns the depths in drawn order.
std::vector<float> checkSorted(const SplatLayer::SortReadback& r, const std::vector<glm::vec3>& positions,
                               glm::vec3 origin, glm::vec3 forward) {
  EXPECT_EQ(r.keys.size(), positions.size());
  std::vector<float> depths;
  std::size_t outOfOrder = 0, tiesOutOfOrder = 0, wrongKeys = 0;
  for (std::size_t i = 0; i < r.keys.size(); ++i) {
    if (i > 0 && r.keys[i] < r.keys[i - 1]) ++outOfOrder;
    if (i > 0 && r.keys[i] == r.keys[i - 1] && r.indices[i] <= r.indices[i - 1]) ++tiesOutOfOrder;
    if (i < r.visible) {
      const float expected = glm::dot(positions[r.indices[i]] - origin, forward);
      if (std::abs(depthOfKey(r.keys[i]) - expected) > 1e-4f) ++wrongKeys;
      depths.push_back(expected);
    } else if (r.keys[i] != 0xFFFFFFFFu) {
      ++wrongKeys;
    }
  }
  EXPECT_EQ(outOfOrder, 0u);
  EXPECT_EQ(tiesOutOfOrder, 0u);
  EXPECT_EQ(wrongKeys, 0u);
  std::vector<std::uint32_t> seen = r.indices;
  std::sort(seen.begin(), seen.end());
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i) << "the indices are a permutation";
  return depths;
}

EyeCamera eyeLooking(glm::vec3 position, float yawDeg, float fovDeg) {
  engine::View view;
  view.position = position;
  view.orientation = glm::angleAxis(glm::radians(yawDeg), glm::vec3(0.0f, 1.0f, 0.0f));
  view.fov = engine::symmetricFov(fovDeg, fovDeg);
  return EyeCamera(view);
}

TEST_F(SplatLayerTest, TheSortLeavesNoPairOutOfOrderAcrossBlocksWithTiesAndCulledSplats) {
  // 10000 splats (three sort blocks): depths on a 0.25 m grid (many ties), some behind the eyes.
  std::mt19937 random(7);
  std::uniform_real_distribution<float> lateral(-0.5f, 0.5f);
  std::uniform_int_distribution<int> step(-4, 40);
  std::vector<glm::vec3> positions;
  std::size_t inFront = 0;
  for (int i = 0; i < 10000; ++i) {
    const float z = -0.25f * static_cast<float>(step(random));
    positions.emplace_back(lateral(random) * std::abs(z), lateral(random) * std::abs(z), z);
    if (z < -0.05f) ++inFront;  // the near plane
  }
  MeshRig rig(device(), 32, 32);
  SplatLayer layer(device());
  const auto id = layer.add(pointsCloud(positions, 0.001f));
  const EyeCamera eyes[] = {eyeAt({-0.032f, 0.0f, 0.0f}), eyeAt({0.032f, 0.0f, 0.0f})};
  engine::Layer* layers[] = {&layer};
  for (int frame = 0; frame < 2; ++frame) {
    layer.requestSortReadback();
    rig.render(layers, eyes);
    const SplatLayer::SortReadback r = layer.sortReadback(id);
    EXPECT_EQ(r.visible, inFront) << "splats on or behind the eyes' plane are culled, the rest kept";
    const auto depths = checkSorted(r, positions, glm::vec3(0.0f), glm::vec3(0.0f, 0.0f, -1.0f));
    ASSERT_FALSE(depths.empty());
    EXPECT_GT(depths.front(), depths.back()) << "the farthest first";
  }
  EXPECT_EQ(layer.stats().sorted, positions.size());
}

TEST_F(SplatLayerTest, NegativeDepthsFromTheCentreOfTheEyesSortFirstToLast) {
  // Two eyes at one point looking 90 degrees apart (fov 160): their mean forward axis sees
  // splats beside it at negative depth.
  std::vector<glm::vec3> positions;
  for (int i = 0; i < 600; ++i) {
    const float a = static_cast<float>(i) * 0.01f;
    positions.emplace_back(1.0f + 0.5f * std::sin(a * 7.0f), 0.1f * std::cos(a), -0.5f - static_cast<float>(i % 50) * 0.05f);
    positions.emplace_back(-2.0f + 0.01f * static_cast<float>(i % 7), 0.0f, -1.0f - 0.01f * static_cast<float>(i % 13));
  }
  MeshRig rig(device(), 16, 16);
  SplatLayer layer(device());
  const auto id = layer.add(pointsCloud(positions, 0.001f));
  const EyeCamera eyes[] = {eyeLooking(glm::vec3(0.0f), 0.0f, 160.0f), eyeLooking(glm::vec3(0.0f), -90.0f, 160.0f)};
  engine::Layer* layers[] = {&layer};
  layer.requestSortReadback();
  rig.render(layers, eyes);
  const glm::vec3 forward = glm::normalize(glm::vec3(1.0f, 0.0f, -1.0f));
  const auto depths = checkSorted(layer.sortReadback(id), positions, glm::vec3(0.0f), forward);
  ASSERT_EQ(depths.size(), positions.size()) << "every splat is in one eye's view";
  EXPECT_GT(depths.front(), 0.0f);
  EXPECT_LT(depths.back(), 0.0f);
}

// One round splat of standard deviation sigma (m) at `centre`, colour `base`, opacity `opacity`.
std::shared_ptr<scenes::SplatCloud> oneSplat(glm::vec3 centre, float sigma, glm::vec3 base, float opacity,
                                             int degree = 0) {
  auto cloud = std::make_shared<scenes::SplatCloud>();
  cloud->resize(1, degree);
  cloud->positions[0] = centre;
  cloud->scales[0] = glm::vec3(sigma);
  cloud->opacities[0] = opacity;
  cloud->baseColors[0] = base;
  return cloud;
}

// The encoded byte a splat of colour c and the EWA footprint leaves over black at pixel offset
// d (px) from its centre, its projected standard deviation sigmaPx.
double expectedByte(double c, double opacity, double sigmaPx, glm::dvec2 d) {
  const double variance = sigmaPx * sigmaPx + 0.3;
  const double alpha = std::min(0.99, opacity * std::exp(-0.5 * glm::dot(d, d) / variance));
  return alpha < 1.0 / 255.0 ? 0.0 : 255.0 * c * alpha;
}

TEST_F(SplatLayerTest, ASplatsFootprintAndColourAreTheEwaEllipseInBothEyes) {
  // 64 px across 90 degrees: 32 px per unit of tan. A splat 2 m ahead of the left eye, sigma
  // 0.1 m: 1.6 px. Blended over black in the encoded space: the byte is 255 * colour * alpha.
  constexpr std::uint32_t kSize = 64;
  constexpr double kFocal = 32.0;
  const glm::vec3 base(0.8f, 0.4f, 0.2f);
  MeshRig rig(device(), kSize, kSize);
  SplatLayer layer(device());
  layer.add(oneSplat({0.0f, 0.0f, -2.0f}, 0.1f, base, 0.9f));
  const EyeCamera eyes[] = {eyeAt({0.0f, 0.0f, 0.0f}), eyeAt({0.1f, 0.0f, 0.0f})};
  engine::Layer* layers[] = {&layer};
  const auto pictures = rig.render(layers, eyes);
  const double sigmaPx = kFocal * 0.1 / 2.0;
  for (int eye = 0; eye < 2; ++eye) {
    // The centre's pixel position: 32 in the left eye, 32 - 32 * 0.1 / 2 = 30.4 in the right.
    const glm::dvec2 centre(32.0 - (eye == 1 ? kFocal * 0.1 / 2.0 : 0.0), 32.0);
    for (const glm::ivec2 px : {glm::ivec2(31, 31), glm::ivec2(30, 32), glm::ivec2(33, 30), glm::ivec2(34, 32),
                                glm::ivec2(29, 35), glm::ivec2(36, 32), glm::ivec2(20, 32)}) {
      const glm::dvec2 d = glm::dvec2(px) + 0.5 - centre;
      const glm::u8vec4 got = pictures[static_cast<std::size_t>(eye)].at(px.x, px.y);
      for (int c = 0; c < 3; ++c)
        EXPECT_NEAR(got[c], expectedByte(base[c], 0.9, sigmaPx, d), 1.5)
            << "eye " << eye << " pixel " << px.x << "," << px.y << " channel " << c;
    }
  }
}

TEST_F(SplatLayerTest, SphericalHarmonicsColourTheSplatByTheDirectionItIsSeenFrom) {
  // Degree 1: colour = base - C1 y sh1 + C1 z sh2 - C1 x sh3; seen along -Z (dir (0, 0, -1)),
  // sh2 = (0.3, 0, -0.3) takes 0.147 from red and adds it to blue.
  constexpr std::uint32_t kSize = 32;
  MeshRig rig(device(), kSize, kSize, 1);
  SplatLayer layer(device());
  auto cloud = oneSplat({0.0f, 0.0f, -1.0f}, 0.5f, glm::vec3(0.5f), 0.99f, 1);
  cloud->sh = {0.0f, 0.0f, 0.0f, 0.3f, 0.0f, -0.3f, 0.0f, 0.0f, 0.0f};
  layer.add(cloud);
  const auto picture = rig.renderOne(layer, eyeAt(glm::vec3(0.0f)));
  const glm::vec3 expected = scenes::splatColor(*cloud, 0, glm::vec3(0.0f, 0.0f, -1.0f)) * 0.99f;
  const glm::u8vec4 got = picture.at(16, 16);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(got[c], 255.0f * expected[c], 2.0f) << "channel " << c;
  EXPECT_LT(got.r, 110);
  EXPECT_GT(got.b, 140);
}

TEST_F(SplatLayerTest, TwoSplatsBlendInTheEncodedSpaceBackToFront) {
  // A red splat behind a half-transparent green one, both large and flat-topped at the centre:
  // encoded blending gives green 0.5 * 1, red 0.5 * 0.99 (an sRGB attachment's linear blending
  // would give red byte 186, not 126).
  MeshRig rig(device(), 16, 16, 1);
  SplatLayer layer(device());
  auto cloud = std::make_shared<scenes::SplatCloud>();
  cloud->resize(2, 0);
  // Added front first: the sort, not the cloud's order, puts the red one first.
  cloud->positions = {{0.0f, 0.0f, -1.0f}, {0.0f, 0.0f, -2.0f}};
  cloud->scales = {glm::vec3(10.0f), glm::vec3(10.0f)};
  cloud->opacities = {0.5f, 0.99f};
  cloud->baseColors = {{0.0f, 1.0f, 0.0f}, {1.0f, 0.0f, 0.0f}};
  layer.add(cloud);
  const auto picture = rig.renderOne(layer, eyeAt(glm::vec3(0.0f)));
  const glm::u8vec4 got = picture.at(8, 8);
  EXPECT_NEAR(got.r, 255.0 * 0.99 * 0.5, 2.0);
  EXPECT_NEAR(got.g, 255.0 * 0.5, 2.0);
  EXPECT_NEAR(got.b, 0.0, 1.0);
}

TEST_F(SplatLayerTest, AnOpaqueMeshInFrontHidesASplatAndOneBehindDoesNot) {
  MeshRig rig(device(), 32, 32, 1);
  engine::MeshLayer meshes(device());
  MeshSceneBuilder b;
  // A blue wall 2 m ahead covering the left half of the view.
  b.node(quadPrimitive({-5.0f, 5.0f, -2.0f}, {5.0f, 0.0f, 0.0f}, {0.0f, -10.0f, 0.0f}), b.material(unlitMaterial({0, 0, 1, 1})));
  meshes.add(b.take());
  SplatLayer layer(device());
  auto cloud = std::make_shared<scenes::SplatCloud>();
  cloud->resize(2, 0);
  cloud->positions = {{-0.75f, 0.0f, -3.0f}, {0.75f, 0.0f, -3.0f}};  // behind the wall, and beside it
  cloud->scales = {glm::vec3(0.2f), glm::vec3(0.2f)};
  cloud->opacities = {0.99f, 0.99f};
  cloud->baseColors = {{1.0f, 0.0f, 0.0f}, {1.0f, 0.0f, 0.0f}};
  layer.add(cloud);
  engine::Layer* layers[] = {&meshes, &layer};
  const EyeCamera eye = eyeAt(glm::vec3(0.0f));
  const auto pictures = rig.render(layers, std::span(&eye, 1));
  const glm::vec2 hidden = *eye.pixelOf({-0.75f, 0.0f, -3.0f}, rig.extent());
  const glm::vec2 shown = *eye.pixelOf({0.75f, 0.0f, -3.0f}, rig.extent());
  EXPECT_EQ(pictures[0].at(hidden), glm::u8vec4(0, 0, 255, 255)) << "the wall, untouched";
  EXPECT_GT(pictures[0].at(shown).r, 200);
  EXPECT_EQ(pictures[0].at(shown).b, 0);
}

TEST_F(SplatLayerTest, ALayerDrawnAfterTheSplatsIsHiddenBehindTheirDepth) {
  // An opaque slab of splats 2 m ahead over the left half, then (after the splats, as markers
  // are) a green wall 3 m ahead over the whole view: the wall shows only where no splats are.
  std::vector<glm::vec3> positions;
  for (int y = -10; y <= 10; ++y)
    for (int x = -20; x <= -1; ++x) positions.emplace_back(0.1f * static_cast<float>(x), 0.1f * static_cast<float>(y), -2.0f);
  auto cloud = pointsCloud(positions, 0.08f);
  std::fill(cloud->opacities.begin(), cloud->opacities.end(), 0.99f);
  std::fill(cloud->baseColors.begin(), cloud->baseColors.end(), glm::vec3(1.0f, 0.0f, 0.0f));
  SplatLayer layer(device());
  layer.add(cloud);
  engine::MeshLayer meshes(device());
  MeshSceneBuilder b;
  b.node(quadPrimitive({-10.0f, 10.0f, -3.0f}, {20.0f, 0.0f, 0.0f}, {0.0f, -20.0f, 0.0f}),
         b.material(unlitMaterial({0, 1, 0, 1})));
  meshes.add(b.take());
  MeshRig rig(device(), 32, 32, 1);
  engine::Layer* layers[] = {&layer, &meshes};
  const EyeCamera eye = eyeAt(glm::vec3(0.0f));
  const auto pictures = rig.render(layers, std::span(&eye, 1));
  const glm::vec2 behind = *eye.pixelOf({-1.0f, 0.0f, -2.0f}, rig.extent());
  const glm::vec2 beside = *eye.pixelOf({1.0f, 0.0f, -2.0f}, rig.extent());
  EXPECT_GT(pictures[0].at(behind).r, 240);
  EXPECT_EQ(pictures[0].at(behind).g, 0) << "the wall is behind the splats' depth";
  EXPECT_NEAR(eye.distanceAt(pictures[0].depthAt(behind)), 2.0f, 0.01f);
  EXPECT_EQ(pictures[0].at(beside), glm::u8vec4(0, 255, 0, 255));
  EXPECT_NEAR(eye.distanceAt(pictures[0].depthAt(beside)), 3.0f, 0.01f);
}

TEST_F(SplatLayerTest, AUnormTargetGetsTheSameEncodedBytesAsAnSrgbTargetsTwinView) {
  // A window's UNORM swapchain image has no twin: the splats write their encoded values as they
  // are, which is what the sRGB target's UNORM view received.
  const auto cloud = oneSplat({0.0f, 0.0f, -2.0f}, 0.2f, {0.7f, 0.3f, 0.1f}, 0.8f);
  const EyeCamera eye = eyeAt(glm::vec3(0.0f));
  MeshRig srgb(device(), 24, 24, 1), unorm(device(), 24, 24, 1);
  unorm.drawThroughUnormView(true);
  SplatLayer a(device()), b(device());
  a.add(cloud);
  b.add(cloud);
  const auto viaTwin = srgb.renderOne(a, eye);
  const auto direct = unorm.renderOne(b, eye);
  EXPECT_EQ(viaTwin.color.pixels, direct.color.pixels);
  EXPECT_GT(viaTwin.at(12, 12).r, 100);
}

TEST_F(SplatLayerTest, TheDepthWrittenForCompositingLiesWithinTheCloud) {
  // A dense slab of splats 2.5 to 3 m ahead over the centre of the view; the rest is far.
  std::mt19937 random(3);
  std::uniform_real_distribution<float> across(-0.4f, 0.4f), deep(-3.0f, -2.5f);
  std::vector<glm::vec3> positions;
  for (int i = 0; i < 3000; ++i) positions.emplace_back(across(random), across(random), deep(random));
  auto cloud = pointsCloud(positions, 0.03f);
  std::fill(cloud->opacities.begin(), cloud->opacities.end(), 0.8f);
  MeshRig rig(device(), 48, 48);
  SplatLayer layer(device());
  layer.add(cloud);
  const EyeCamera eyes[] = {eyeAt({-0.032f, 0.0f, 0.0f}), eyeAt({0.032f, 0.0f, 0.0f})};
  engine::Layer* layers[] = {&layer};
  const auto pictures = rig.render(layers, eyes);
  for (std::size_t e = 0; e < 2; ++e) {
    std::size_t covered = 0, outside = 0;
    for (int y = 0; y < 48; ++y)
      for (int x = 0; x < 48; ++x) {
        const float depth = pictures[e].depthAt(x, y);
        if (depth == 0.0f) continue;
        ++covered;
        const float distance = eyes[e].distanceAt(depth);
        if (distance < 2.45f || distance > 3.05f) ++outside;
      }
    EXPECT_GT(covered, 40u) << "eye " << e;
    EXPECT_EQ(outside, 0u) << "eye " << e;
    EXPECT_EQ(pictures[e].depthAt(1, 1), 0.0f) << "no splats in the corner: far";
    const float centre = eyes[e].distanceAt(pictures[e].depthAt(24, 24));
    EXPECT_GT(centre, 2.45f);
    EXPECT_LT(centre, 2.8f) << "weighted towards the front of the slab";
  }
}

TEST_F(SplatLayerTest, ReplacedRemovedAndHiddenCloudsDrawWhatTheyHoldNow) {
  MeshRig rig(device(), 16, 16, 1);
  SplatLayer layer(device());
  const auto id = layer.add(oneSplat({0.0f, 0.0f, -1.0f}, 1.0f, {1.0f, 0.0f, 0.0f}, 0.99f));
  const EyeCamera eye = eyeAt(glm::vec3(0.0f));
  EXPECT_GT(rig.renderOne(layer, eye).at(8, 8).r, 200);
  layer.replace(id, oneSplat({0.0f, 0.0f, -1.0f}, 1.0f, {0.0f, 1.0f, 0.0f}, 0.99f, 3));
  auto p = rig.renderOne(layer, eye);
  EXPECT_EQ(p.at(8, 8).r, 0);
  EXPECT_GT(p.at(8, 8).g, 200);
  layer.setVisible(id, false);
  EXPECT_EQ(rig.renderOne(layer, eye).at(8, 8).g, 0);
  layer.setVisible(id, true);
  layer.setTransform(id, glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, 5.0f)));  // behind the eye
  EXPECT_EQ(rig.renderOne(layer, eye).at(8, 8).g, 0);
  layer.remove(id);
  EXPECT_EQ(layer.cloudCount(), 0u);
  EXPECT_EQ(rig.renderOne(layer, eye).at(8, 8).g, 0);
  EXPECT_EQ(layer.stats().uploads, 2u);
}

TEST_F(SplatLayerTest, LayersMadeOneAfterAnotherOnOneFrameContextEachSortAndDrawRight) {
  // A layer's pipelines go with it: the next layer's new shaders (whose handles may be the old
  // ones' again) never meet a pipeline built from the old ones.
  std::vector<glm::vec3> positions;
  for (int i = 0; i < 5000; ++i) positions.emplace_back(0.0f, 0.0f, -1.0f - 0.001f * static_cast<float>(i % 997));
  MeshRig rig(device(), 16, 16, 1);
  const EyeCamera eye = eyeAt(glm::vec3(0.0f));
  for (int round = 0; round < 3; ++round) {
    SplatLayer layer(device());
    const auto id = layer.add(pointsCloud(positions));
    layer.add(oneSplat({0.0f, 0.0f, -0.5f}, 1.0f, {0.0f, 0.0f, 1.0f}, 0.99f));
    layer.requestSortReadback();
    const auto picture = rig.renderOne(layer, eye);
    checkSorted(layer.sortReadback(id), positions, glm::vec3(0.0f), glm::vec3(0.0f, 0.0f, -1.0f));
    EXPECT_GT(picture.at(8, 8).b, 240) << "round " << round;
    rig.context().waitAll();
  }
}

TEST_F(SplatLayerTest, TheBudgetCapsTheSplatsSortedPerFrame) {
  std::vector<glm::vec3> positions(5000, glm::vec3(0.0f, 0.0f, -2.0f));
  MeshRig rig(device(), 8, 8, 1);
  SplatLayer layer(device());
  const auto id = layer.add(pointsCloud(positions));
  layer.setBudget(1000);
  layer.requestSortReadback();
  rig.renderOne(layer, eyeAt(glm::vec3(0.0f)));
  EXPECT_EQ(layer.stats().sorted, 1000u);
  EXPECT_EQ(layer.sortReadback(id).visible, 1000u);
}

TEST_F(SplatLayerTest, TheLayerTimesItsOwnGpuWorkAndAGovernorSteersTheBudgetByIt) {
  std::vector<glm::vec3> positions(5000, glm::vec3(0.0f, 0.0f, -2.0f));
  MeshRig rig(device(), 8, 8, 1);
  SplatLayer layer(device());
  layer.add(pointsCloud(positions));
  const EyeCamera eye = eyeAt(glm::vec3(0.0f));
  rig.renderOne(layer, eye);
  EXPECT_FALSE(layer.stats().timing.has_value()) << "no frame had finished when the first was recorded";
  // renderOne waits for its frame: the next frame reads the first one's timestamps.
  rig.renderOne(layer, eye);
  const auto timing = layer.stats().timing;
  if (!timing) GTEST_SKIP() << "the device's queue has no timestamps";
  EXPECT_EQ(timing->drawn, 5000u);
  EXPECT_GT(timing->gpuMs, 0.0);
  EXPECT_LT(timing->gpuMs, 60'000.0);

  // A target no GPU meets: the governor takes the budget down to its floor, which the layer
  // then sorts and draws.
  engine::SplatGovernor governor({.targetMs = 1e-6, .floor = 600, .ceiling = 5000});
  for (int frame = 0; frame < 16 && governor.budget() > 600; ++frame) {
    if (const auto t = layer.stats().timing)
      layer.setBudget(governor.update(*t, rig.context().lastSubmitted() + 1));
    rig.renderOne(layer, eye);
  }
  EXPECT_EQ(governor.budget(), 600u);
  rig.renderOne(layer, eye);
  EXPECT_EQ(layer.stats().sorted, 600u);
}

}  // namespace
}  // namespace ps::test
