// The mesh layer on lavapipe with validation on: geometry of known size lands on the pixels a
// pinhole camera predicts in both eyes (disparity from the IPD, parallax from a moved eye),
// depth is the face's distance, unlit materials show their colour and lit ones are shaded,
// texels land where the UVs say (and minified ones average in linear light through the GPU's
// mip chain), alpha mask cuts, blending sorts back to front, culling and double-sided faces,
// normal maps with given and derived tangents, and a set moved or replaced.
#include <cmath>
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <glm/gtc/matrix_transform.hpp>

#include "engine/mesh_layer.h"
#include "engine_test.h"
#include "mesh_test_rig.h"
#include "mesh_test_scenes.h"

namespace ps::test {
namespace {

using engine::EyeCamera;
using engine::MeshLayer;

constexpr std::uint32_t kSize = 400;  // 90 degrees across 400 pixels: 200 pixels per unit of tan
constexpr float kFocalPx = 200.0f;
constexpr float kEyeHeight = 1.6f;

class MeshLayerTest : public EngineTest {};

// Where the pinhole puts the box's eight corners: the bounds of their pixels.
struct Bounds {
  float left = 1e9f, right = -1e9f, top = 1e9f, bottom = -1e9f;
};
Bounds predictedBounds(const EyeCamera& camera, glm::vec3 lo, glm::vec3 hi, glm::vec2 extent) {
  Bounds b;
  for (int i = 0; i < 8; ++i) {
    const glm::vec3 corner((i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z);
    const auto px = camera.pixelOf(corner, extent);
    EXPECT_TRUE(px);
    b.left = std::min(b.left, px->x);
    b.right = std::max(b.right, px->x);
    b.top = std::min(b.top, px->y);
    b.bottom = std::max(b.bottom, px->y);
  }
  return b;
}

void expectSilhouette(const Silhouette& s, const Bounds& b, const char* what) {
  SCOPED_TRACE(what);
  ASSERT_FALSE(s.empty());
  EXPECT_NEAR(s.left, b.left, 1.0);
  EXPECT_NEAR(s.right, b.right, 1.0);
  EXPECT_NEAR(s.top, b.top, 1.0);
  EXPECT_NEAR(s.bottom, b.bottom, 1.0);
}

TEST_F(MeshLayerTest, ABoxLandsWhereThePinholePutsItInBothEyesWithTheIpdsDisparity) {
  const glm::vec3 lo(-0.2f, 1.4f, -1.4f), hi(0.2f, 1.8f, -1.0f);  // front face 1 m ahead
  MeshSceneBuilder b;
  b.node(boxPrimitive(lo, hi), b.material(unlitMaterial({1, 1, 1, 1})));
  MeshLayer layer(device());
  layer.add(b.take());
  MeshRig rig(device(), kSize, kSize);

  constexpr float kIpd = 0.064f;
  const glm::vec3 head(0.0f, kEyeHeight, 0.0f);
  const std::vector<EyeCamera> eyes{eyeAt(head - glm::vec3(kIpd / 2, 0, 0)), eyeAt(head + glm::vec3(kIpd / 2, 0, 0))};
  engine::Layer* layers[] = {&layer};
  const std::vector<EyePicture> pictures = rig.render(layers, eyes);
  const Silhouette left = silhouetteOf(pictures[0].color), right = silhouetteOf(pictures[1].color);
  expectSilhouette(left, predictedBounds(eyes[0], lo, hi, rig.extent()), "left eye");
  expectSilhouette(right, predictedBounds(eyes[1], lo, hi, rig.extent()), "right eye");

  // The front face's edges (1 m away) shift by ipd * focal / distance between the eyes: 12.8 px.
  const float disparity = kIpd * kFocalPx / 1.0f;
  EXPECT_NEAR(left.left - right.left, disparity, 1.0);
  EXPECT_NEAR(left.right - right.right, disparity, 1.0);
  EXPECT_EQ(left.top, right.top);  // eyes side by side: no vertical disparity
  EXPECT_EQ(left.bottom, right.bottom);

  // The head 10 cm to the right: the front face's edges move 20 px to the left.
  const glm::vec3 moved = head + glm::vec3(0.1f, 0, 0);
  const std::vector<EyeCamera> movedEyes{eyeAt(moved - glm::vec3(kIpd / 2, 0, 0)),
                                         eyeAt(moved + glm::vec3(kIpd / 2, 0, 0))};
  const std::vector<EyePicture> after = rig.render(layers, movedEyes);
  const Silhouette movedLeft = silhouetteOf(after[0].color);
  expectSilhouette(movedLeft, predictedBounds(movedEyes[0], lo, hi, rig.extent()), "left eye moved");
  EXPECT_NEAR(left.left - movedLeft.left, 0.1f * kFocalPx / 1.0f, 1.0);
  // The back edge of the top face (1.4 m) moves less: parallax falls with distance.
  EXPECT_NEAR(left.top - movedLeft.top, 0.0, 1.0);
}

// A scene the caller keeps (for rays, for another device) is shared, not copied, and the layer
// lets go of it once uploaded: while playing, the set's CPU data is held once.
TEST_F(MeshLayerTest, ASharedSceneIsHeldOnlyUntilItsUpload) {
  MeshSceneBuilder b;
  b.node(boxPrimitive({-0.2f, 1.4f, -1.4f}, {0.2f, 1.8f, -1.0f}), b.material(unlitMaterial({1, 1, 1, 1})));
  const auto scene = std::make_shared<const scenes::MeshScene>(b.take());
  MeshLayer layer(device());
  layer.add(scene);
  EXPECT_EQ(scene.use_count(), 2) << "the layer holds the caller's scene until its upload";
  MeshRig rig(device(), kSize, kSize);
  engine::Layer* layers[] = {&layer};
  const std::vector<EyeCamera> eyes{eyeAt({0.0f, kEyeHeight, 0.0f})};
  const std::vector<EyePicture> pictures = rig.render(layers, eyes);
  EXPECT_FALSE(silhouetteOf(pictures[0].color).empty());
  EXPECT_EQ(scene.use_count(), 1) << "uploaded: the layer keeps no CPU data";
}

TEST_F(MeshLayerTest, DepthIsTheFacesDistanceAndTheBackgroundIsFar) {
  const glm::vec3 lo(-0.3f, 1.3f, -2.0f), hi(0.3f, 1.9f, -1.5f);
  MeshSceneBuilder b;
  b.node(boxPrimitive(lo, hi), b.material(unlitMaterial({1, 1, 1, 1})));
  MeshLayer layer(device());
  layer.add(b.take());
  MeshRig rig(device(), kSize, kSize, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  const EyePicture picture = rig.renderOne(layer, camera);
  for (const glm::vec3 onFront : {glm::vec3(0, kEyeHeight, -1.5f), glm::vec3(0.25f, 1.35f, -1.5f),
                                  glm::vec3(-0.2f, 1.8f, -1.5f)}) {
    const auto px = camera.pixelOf(onFront, rig.extent());
    ASSERT_TRUE(px);
    const float depth = picture.depthAt(*px);
    EXPECT_GT(depth, 0.0f);
    EXPECT_NEAR(camera.distanceAt(depth), 1.5f, 1e-3) << "at pixel " << px->x << ", " << px->y;
  }
  EXPECT_EQ(picture.depthAt(5, 5), 0.0f);  // nothing drawn: the clear, reverse-Z's far
}

TEST_F(MeshLayerTest, UnlitShowsItsBaseColourAndLitIsShadedByTheLight) {
  const glm::vec4 color(0.5f, 0.25f, 0.75f, 1.0f);
  // A box below eye height, so that its top face shows too.
  const glm::vec3 lo(-0.3f, 0.9f, -1.6f), hi(0.3f, 1.3f, -1.0f);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  engine::MeshLighting frontLight;
  frontLight.towardsLight = {0, 0, 1};  // from behind the eye
  frontLight.lightColor = glm::vec3(1.0f);
  frontLight.skyColor = frontLight.groundColor = glm::vec3(0.0f);
  MeshRig rig(device(), kSize, kSize, 1);
  const auto front = camera.pixelOf({0.0f, 1.1f, -1.0f}, rig.extent());
  const auto top = camera.pixelOf({0.0f, 1.3f, -1.3f}, rig.extent());
  ASSERT_TRUE(front && top);

  for (const bool unlit : {true, false}) {
    SCOPED_TRACE(unlit ? "unlit" : "lit");
    MeshSceneBuilder b;
    b.node(boxPrimitive(lo, hi), b.material(unlit ? unlitMaterial(color) : matteMaterial(color)));
    MeshLayer layer(device());
    layer.setLighting(frontLight);
    layer.add(b.take());
    const EyePicture picture = rig.renderOne(layer, camera);
    const glm::u8vec4 f = picture.at(*front), t = picture.at(*top);
    if (unlit) {
      // The base colour exactly, on every face, whatever the light.
      for (const glm::u8vec4 c : {f, t}) {
        EXPECT_NEAR(c.r, srgbByte(color.r), 1);
        EXPECT_NEAR(c.g, srgbByte(color.g), 1);
        EXPECT_NEAR(c.b, srgbByte(color.b), 1);
      }
    } else {
      // Facing the light: Lambert's full colour plus GGX's 1 % at normal incidence (roughness 1,
      // F0 0.04); the top face gets no light and there is no ambient: black.
      EXPECT_NEAR(f.r, srgbByte(color.r + 0.01f), 3);
      EXPECT_NEAR(f.g, srgbByte(color.g + 0.01f), 3);
      EXPECT_NEAR(f.b, srgbByte(color.b + 0.01f), 3);
      EXPECT_LE(std::max({t.r, t.g, t.b}), 2);
    }
  }
}

TEST_F(MeshLayerTest, TheSkyLightsFacesThatLookUpAndTheGroundThoseThatLookDown) {
  engine::MeshLighting hemisphere;
  hemisphere.lightColor = glm::vec3(0.0f);
  hemisphere.skyColor = glm::vec3(1.0f);
  hemisphere.groundColor = glm::vec3(0.0f);
  // A floor below the eye (faces up) and a ceiling above it (faces down).
  MeshSceneBuilder b;
  const int white = b.material(matteMaterial({0.5f, 0.5f, 0.5f, 1}));
  b.node(quadPrimitive({-1, 0.5f, -3}, {2, 0, 0}, {0, 0, 2}), white);      // floor at y 0.5, normal +y
  b.node(quadPrimitive({-1, 2.7f, -1}, {2, 0, 0}, {0, 0, -2}), white);     // ceiling at y 2.7, normal -y
  MeshLayer layer(device());
  layer.setLighting(hemisphere);
  layer.add(b.take());
  MeshRig rig(device(), kSize, kSize, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  const EyePicture picture = rig.renderOne(layer, camera);
  const auto floor = camera.pixelOf({0, 0.5f, -2}, rig.extent());
  const auto ceiling = camera.pixelOf({0, 2.7f, -2}, rig.extent());
  ASSERT_TRUE(floor && ceiling);
  EXPECT_NEAR(picture.at(*floor).g, srgbByte(0.5f), 12);  // the diffuse half plus a little specular
  EXPECT_LE(picture.at(*ceiling).g, 40);                  // the ground is black; only a reflection of the sky
}

TEST_F(MeshLayerTest, TexelsLandWhereTheUvsSay) {
  // A 4x4 image of distinct texels on a quad 1 m ahead: texel (x, y) at UV ((x + .5) / 4, (y + .5) / 4).
  auto texel = [](std::uint32_t x, std::uint32_t y) {
    return glm::u8vec4(static_cast<std::uint8_t>(40 + 60 * x), static_cast<std::uint8_t>(40 + 60 * y), 200, 255);
  };
  MeshSceneBuilder b;
  scenes::MeshMaterial m = unlitMaterial({1, 1, 1, 1});
  m.baseColor = scenes::TextureRef{b.image(makeImage(4, 4, texel)), scenes::TextureWrap::ClampToEdge,
                                   scenes::TextureWrap::ClampToEdge, scenes::TextureFilter::Nearest,
                                   scenes::TextureFilter::Nearest, true};
  const glm::vec3 topLeft(-0.4f, 2.0f, -1.0f), right(0.8f, 0, 0), down(0, -0.8f, 0);
  b.node(quadPrimitive(topLeft, right, down), b.material(m));
  MeshLayer layer(device());
  layer.add(b.take());
  MeshRig rig(device(), kSize, kSize, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  const EyePicture picture = rig.renderOne(layer, camera);
  for (std::uint32_t y = 0; y < 4; ++y)
    for (std::uint32_t x = 0; x < 4; ++x) {
      const glm::vec3 at = topLeft + right * ((static_cast<float>(x) + 0.5f) / 4) + down * ((static_cast<float>(y) + 0.5f) / 4);
      const auto px = camera.pixelOf(at, rig.extent());
      ASSERT_TRUE(px);
      const glm::u8vec4 got = picture.at(*px), want = texel(x, y);
      EXPECT_NEAR(got.r, want.r, 1) << "texel " << x << ", " << y;
      EXPECT_NEAR(got.g, want.g, 1) << "texel " << x << ", " << y;
      EXPECT_NEAR(got.b, want.b, 1) << "texel " << x << ", " << y;
    }
}

TEST_F(MeshLayerTest, AMinifiedCheckerAveragesInLinearLightThroughTheMipChain) {
  // One-texel black and white squares, 64 x 64, seen 8 px wide: the level of 8x8 texels per
  // pixel is their linear mean (0.5, sRGB byte 188), not the encoded mean (128) nor a
  // sample of level 0 (0 or 255).
  auto checker = [](std::uint32_t x, std::uint32_t y) {
    const std::uint8_t v = ((x + y) & 1) != 0 ? 255 : 0;
    return glm::u8vec4(v, v, v, 255);
  };
  MeshSceneBuilder b;
  scenes::MeshMaterial m = unlitMaterial({1, 1, 1, 1});
  m.baseColor = scenes::TextureRef{b.image(makeImage(64, 64, checker))};
  b.node(quadPrimitive({-0.04f, kEyeHeight + 0.04f, -2.0f}, {0.08f, 0, 0}, {0, -0.08f, 0}), b.material(m));
  MeshLayer layer(device());
  layer.add(b.take());
  MeshRig rig(device(), kSize, kSize, 1);
  const EyePicture picture = rig.renderOne(layer, eyeAt({0.0f, kEyeHeight, 0.0f}));
  for (const int dx : {-2, 0, 1}) {
    const glm::u8vec4 c = picture.at(kSize / 2 + dx, kSize / 2 + dx);
    EXPECT_NEAR(c.r, srgbByte(0.5f), 10) << "offset " << dx;
  }
}

TEST_F(MeshLayerTest, AlphaMaskCutsAndLeavesNoDepthWhereItCut) {
  // The quad's left texel has alpha 0, its right one alpha 1; a blue wall stands behind.
  auto halves = [](std::uint32_t x, std::uint32_t) {
    return x == 0 ? glm::u8vec4(255, 0, 0, 0) : glm::u8vec4(0, 255, 0, 255);
  };
  MeshSceneBuilder b;
  scenes::MeshMaterial m = unlitMaterial({1, 1, 1, 1});
  m.alphaMode = scenes::AlphaMode::Mask;
  m.alphaCutoff = 0.5f;
  m.baseColor = scenes::TextureRef{b.image(makeImage(2, 1, halves)), scenes::TextureWrap::ClampToEdge,
                                   scenes::TextureWrap::ClampToEdge, scenes::TextureFilter::Nearest,
                                   scenes::TextureFilter::Nearest, false};
  b.node(quadPrimitive({-0.4f, 2.0f, -1.0f}, {0.8f, 0, 0}, {0, -0.8f, 0}), b.material(m));
  b.node(quadPrimitive({-2.0f, 3.6f, -2.0f}, {4, 0, 0}, {0, -4, 0}), b.material(unlitMaterial({0, 0, 1, 1})));
  MeshLayer layer(device());
  layer.add(b.take());
  MeshRig rig(device(), kSize, kSize, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  const EyePicture picture = rig.renderOne(layer, camera);
  const auto cut = camera.pixelOf({-0.2f, kEyeHeight, -1.0f}, rig.extent());
  const auto kept = camera.pixelOf({0.2f, kEyeHeight, -1.0f}, rig.extent());
  ASSERT_TRUE(cut && kept);
  EXPECT_EQ(picture.at(*cut), glm::u8vec4(0, 0, 255, 255));  // the wall, through the cut
  EXPECT_EQ(picture.at(*kept), glm::u8vec4(0, 255, 0, 255));
  EXPECT_NEAR(camera.distanceAt(picture.depthAt(*cut)), 2.0f, 1e-3);
  EXPECT_NEAR(camera.distanceAt(picture.depthAt(*kept)), 1.0f, 1e-3);
}

TEST_F(MeshLayerTest, BlendedSurfacesAreDrawnBackToFrontBehindOpaqueOnes) {
  // Two half-transparent quads listed near first: drawn far first, the result is
  // green * .5 + red * .25 (linear); in list order it would be red * .5 + green * .25.
  MeshSceneBuilder b;
  scenes::MeshMaterial green = unlitMaterial({0, 1, 0, 0.5f}), red = unlitMaterial({1, 0, 0, 0.5f});
  green.alphaMode = red.alphaMode = scenes::AlphaMode::Blend;
  b.node(quadPrimitive({-0.3f, 1.9f, -1.0f}, {0.6f, 0, 0}, {0, -0.6f, 0}), b.material(green));
  b.node(quadPrimitive({-0.6f, 2.2f, -1.5f}, {1.2f, 0, 0}, {0, -1.2f, 0}), b.material(red));
  // An opaque grey block nearer than both over the lower-right corner hides them there.
  b.node(boxPrimitive({0.1f, 1.2f, -0.9f}, {0.5f, 1.5f, -0.8f}), b.material(unlitMaterial({0.2f, 0.2f, 0.2f, 1})));
  MeshLayer layer(device());
  layer.add(b.take());
  MeshRig rig(device(), kSize, kSize, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  const EyePicture picture = rig.renderOne(layer, camera);
  const glm::u8vec4 both = picture.at(*camera.pixelOf({-0.1f, 1.7f, -1.0f}, rig.extent()));
  EXPECT_NEAR(both.r, srgbByte(0.25f), 2);
  EXPECT_NEAR(both.g, srgbByte(0.5f), 2);
  const glm::u8vec4 redOnly = picture.at(*camera.pixelOf({-0.5f, 2.1f, -1.5f}, rig.extent()));
  EXPECT_NEAR(redOnly.r, srgbByte(0.5f), 2);
  EXPECT_EQ(redOnly.g, 0);
  const glm::u8vec4 hidden = picture.at(*camera.pixelOf({0.2f, 1.3f, -0.8f}, rig.extent()));
  EXPECT_NEAR(hidden.r, srgbByte(0.2f), 1);
  EXPECT_NEAR(hidden.g, srgbByte(0.2f), 1);
  // Blended surfaces write no depth: the depth there is the block's or nothing.
  EXPECT_EQ(picture.depthAt(*camera.pixelOf({-0.1f, 1.7f, -1.0f}, rig.extent())), 0.0f);
}

TEST_F(MeshLayerTest, BackFacesAreCulledUnlessDoubleSidedAndAMirroredSetKeepsItsFronts) {
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  MeshRig rig(device(), kSize, kSize, 1);
  const glm::vec2 centre = rig.extent() * 0.5f;
  engine::MeshLighting frontLight;
  frontLight.towardsLight = {0, 0, 1};
  frontLight.lightColor = glm::vec3(1.0f);
  frontLight.skyColor = frontLight.groundColor = glm::vec3(0.0f);
  // A quad whose front faces away from the eye (its right runs to -x as seen from the eye).
  auto draw = [&](bool doubleSided, bool facingEye, const glm::mat4& transform) {
    MeshSceneBuilder b;
    scenes::MeshMaterial m = matteMaterial({0.8f, 0.8f, 0.8f, 1});
    m.doubleSided = doubleSided;
    b.node(facingEye ? quadPrimitive({-0.4f, 2.0f, -1.0f}, {0.8f, 0, 0}, {0, -0.8f, 0})
                     : quadPrimitive({0.4f, 2.0f, -1.0f}, {-0.8f, 0, 0}, {0, -0.8f, 0}),
           b.material(m));
    MeshLayer layer(device());
    layer.setLighting(frontLight);
    layer.add(b.take(), transform);
    return rig.renderOne(layer, camera).at(centre);
  };
  EXPECT_EQ(draw(false, false, glm::mat4(1.0f)).g, 0) << "a back face is culled";
  // Double-sided: the back face is drawn, and lit as if its normal faced the eye.
  EXPECT_NEAR(draw(true, false, glm::mat4(1.0f)).g, srgbByte(0.81f), 3);
  EXPECT_NEAR(draw(false, true, glm::mat4(1.0f)).g, srgbByte(0.81f), 3);
  // Mirrored in x (a negative determinant): glTF's fronts wind the other way; still seen.
  EXPECT_NEAR(draw(false, true, glm::scale(glm::mat4(1.0f), {-1, 1, 1})).g, srgbByte(0.81f), 3);
}

TEST_F(MeshLayerTest, MissingNormalsShadeFlatAndNormalMapsBendWithGivenOrDerivedTangents) {
  // Light from the upper right, in front; a normal map tilting every normal towards the image's
  // top right (+x +y here) turns the quad towards the light: brighter. A tangent frame turned
  // the wrong way in either axis would turn it away.
  engine::MeshLighting light;
  light.towardsLight = {1, 1, 1};
  light.lightColor = glm::vec3(1.0f);
  light.skyColor = light.groundColor = glm::vec3(0.0f);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  MeshRig rig(device(), kSize, kSize, 1);
  const glm::vec2 centre = rig.extent() * 0.5f;
  enum class Kind { Normals, NoNormals, MapWithTangents, MapDerived };
  auto shade = [&](Kind kind) {
    MeshSceneBuilder b;
    scenes::MeshMaterial m = matteMaterial({0.5f, 0.5f, 0.5f, 1});
    if (kind == Kind::MapWithTangents || kind == Kind::MapDerived) {
      // (0.42, 0.42, 0.8) in tangent space: towards +u and the image's top.
      m.normal = scenes::TextureRef{b.image(makeImage(2, 2, [](std::uint32_t, std::uint32_t) {
        return glm::u8vec4(182, 182, 230, 255);
      }))};
    }
    scenes::MeshPrimitive quad =
        quadPrimitive({-0.4f, 2.0f, -1.0f}, {0.8f, 0, 0}, {0, -0.8f, 0}, kind != Kind::NoNormals);
    if (kind == Kind::MapWithTangents) quad.tangents.assign(quad.positions.size(), glm::vec4(1, 0, 0, 1));
    b.node(std::move(quad), b.material(m));
    MeshLayer layer(device());
    layer.setLighting(light);
    layer.add(b.take());
    return static_cast<int>(rig.renderOne(layer, camera).at(centre).g);
  };
  const int flat = shade(Kind::Normals);
  EXPECT_NEAR(shade(Kind::NoNormals), flat, 2);
  const int given = shade(Kind::MapWithTangents), derived = shade(Kind::MapDerived);
  EXPECT_NEAR(derived, given, 3);
  EXPECT_GT(given, flat + 15);
}

// A mesh sequence's frames one after another: the buffers and the atlas image of a frame the
// GPU has finished are taken again by a later frame of the same sizes, and each frame shows
// its own colour.
TEST_F(MeshLayerTest, ReplacedFramesReuseTheGpuMemoryOfFinishedFrames) {
  const glm::vec3 lo(-0.2f, 1.4f, -1.4f), hi(0.2f, 1.8f, -1.0f);
  MeshSceneBuilder b;
  b.node(boxPrimitive(lo, hi), b.material(unlitMaterial({1, 1, 1, 1})));
  const auto box = std::make_shared<const scenes::MeshScene>(b.take());
  MeshLayer layer(device());
  const MeshLayer::SetId set = layer.add(box);
  MeshRig rig(device(), kSize, kSize, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  rig.renderOne(layer, camera);
  EXPECT_EQ(layer.stats().recycled, 0u);
  const glm::u8vec4 colours[] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255}};
  for (const glm::u8vec4& c : colours) {
    auto atlas = std::make_shared<scenes::MeshImage>(scenes::MeshImage{"atlas", 4, 4, {}});
    for (int i = 0; i < 16; ++i) atlas->rgba.insert(atlas->rgba.end(), {c.r, c.g, c.b, c.a});
    layer.replace(set, box, atlas);
    const EyePicture shown = rig.renderOne(layer, camera);
    EXPECT_EQ(shown.at(*camera.pixelOf(glm::vec3(0, kEyeHeight - 0.1f, -1.0f), rig.extent())), c);
  }
  EXPECT_EQ(layer.stats().uploads, 5u);
  // The first replaced frame's memory is back by the third (its frame has finished), and so on.
  EXPECT_GE(layer.stats().recycled, 4u);
}

TEST_F(MeshLayerTest, ATransformMovesTheSetWithoutAnUploadAndReplaceSwapsItsMeshes) {
  const glm::vec3 lo(-0.2f, 1.4f, -1.4f), hi(0.2f, 1.8f, -1.0f);
  MeshSceneBuilder b;
  b.node(boxPrimitive(lo, hi), b.material(unlitMaterial({1, 1, 1, 1})));
  MeshLayer layer(device());
  const MeshLayer::SetId set = layer.add(b.take());
  MeshRig rig(device(), kSize, kSize, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  rig.renderOne(layer, camera);
  EXPECT_EQ(layer.stats().uploads, 1u);
  // The upload's staging buffers wait in the disposer for their frame, and go at the next one.
  EXPECT_GE(rig.context().disposer().pending(), 1u);

  const glm::vec3 shift(0.3f, -0.1f, -0.5f);
  layer.setTransform(set, glm::translate(glm::mat4(1.0f), shift));
  const EyePicture moved = rig.renderOne(layer, camera);
  expectSilhouette(silhouetteOf(moved.color), predictedBounds(camera, lo + shift, hi + shift, rig.extent()), "moved");
  EXPECT_EQ(layer.stats().uploads, 1u);
  EXPECT_EQ(rig.context().disposer().pending(), 0u);

  // Node matrices of a frame (as animation will set them): the box back where it was.
  const glm::mat4 back = glm::translate(glm::mat4(1.0f), -shift);
  layer.setInstanceWorlds(set, std::span(&back, 1));
  expectSilhouette(silhouetteOf(rig.renderOne(layer, camera).color), predictedBounds(camera, lo, hi, rig.extent()),
                   "instance matrix");
  const glm::mat4 two[2] = {back, back};
  EXPECT_THROW(layer.setInstanceWorlds(set, two), std::invalid_argument);

  // New meshes for the set: a red quad; the transform stays.
  MeshSceneBuilder red;
  red.node(quadPrimitive({-0.1f, kEyeHeight + 0.1f, -1.0f}, {0.2f, 0, 0}, {0, -0.2f, 0}),
           red.material(unlitMaterial({1, 0, 0, 1})));
  const auto redScene = std::make_shared<const scenes::MeshScene>(red.take());
  layer.replace(set, redScene);
  EXPECT_THROW(layer.replace(set, nullptr), std::invalid_argument);
  const EyePicture replaced = rig.renderOne(layer, camera);
  EXPECT_EQ(redScene.use_count(), 1) << "the layer lets the shared scene go once uploaded";
  EXPECT_EQ(layer.stats().uploads, 2u);
  EXPECT_GE(rig.context().disposer().pending(), 2u);  // the old set's buffers and the new staging
  EXPECT_EQ(replaced.at(*camera.pixelOf(glm::vec3(0, kEyeHeight, -1.0f) + shift, rig.extent())),
            glm::u8vec4(255, 0, 0, 255));
  EXPECT_EQ(layer.stats().triangles, 2u);

  // The same scene with a base-colour override (a sequence's atlas frame): the unlit red
  // material shows the override's green instead, multiplied by its factor (red: 1, 0, 0)...
  // so the factor is white here to see the texture alone.
  MeshSceneBuilder white;
  white.node(quadPrimitive({-0.1f, kEyeHeight + 0.1f, -1.0f}, {0.2f, 0, 0}, {0, -0.2f, 0}),
             white.material(unlitMaterial({1, 1, 1, 1})));
  auto greenPixels = std::make_shared<scenes::MeshImage>(scenes::MeshImage{"atlas", 2, 2, std::vector<std::uint8_t>(16, 0)});
  for (std::size_t i = 0; i < 4; ++i) greenPixels->rgba[4 * i + 1] = greenPixels->rgba[4 * i + 3] = 255;
  layer.replace(set, std::make_shared<const scenes::MeshScene>(white.take()), greenPixels);
  const EyePicture atlas = rig.renderOne(layer, camera);
  EXPECT_EQ(atlas.at(*camera.pixelOf(glm::vec3(0, kEyeHeight, -1.0f) + shift, rig.extent())),
            glm::u8vec4(0, 255, 0, 255));
  EXPECT_EQ(greenPixels.use_count(), 1) << "the layer lets the override go once uploaded";
  layer.replace(set, redScene);
  rig.renderOne(layer, camera);

  // Hidden, it is not drawn, and shown again it needs no upload.
  layer.setVisible(set, false);
  EXPECT_TRUE(silhouetteOf(rig.renderOne(layer, camera).color).empty());
  layer.setVisible(set, true);
  EXPECT_FALSE(silhouetteOf(rig.renderOne(layer, camera).color).empty());
  EXPECT_EQ(layer.stats().uploads, 4u);

  layer.remove(set);
  EXPECT_EQ(layer.setCount(), 0u);
  EXPECT_TRUE(silhouetteOf(rig.renderOne(layer, camera).color).empty());
  EXPECT_THROW(layer.setTransform(set, glm::mat4(1.0f)), std::out_of_range);
}

}  // namespace
}  // namespace ps::test

namespace ps::test {
namespace {

TEST_F(MeshLayerTest, ATextureLargerThanTheDevicesImagesIsHalvedUntilItFits) {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device().physicalDevice(), &properties);
  const std::uint32_t width = properties.limits.maxImageDimension2D + 1;
  // Left half red, right half green: still so after the halving.
  auto halves = [width](std::uint32_t x, std::uint32_t) {
    return x < width / 2 ? glm::u8vec4(255, 0, 0, 255) : glm::u8vec4(0, 255, 0, 255);
  };
  MeshSceneBuilder b;
  scenes::MeshMaterial m = unlitMaterial({1, 1, 1, 1});
  m.baseColor = scenes::TextureRef{b.image(makeImage(width, 1, halves))};
  b.node(quadPrimitive({-0.4f, 2.0f, -1.0f}, {0.8f, 0, 0}, {0, -0.8f, 0}), b.material(m));
  MeshLayer layer(device());
  layer.add(b.take());
  MeshRig rig(device(), 64, 64, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  const EyePicture picture = rig.renderOne(layer, camera);
  EXPECT_EQ(picture.at(*camera.pixelOf({-0.2f, kEyeHeight, -1.0f}, rig.extent())), glm::u8vec4(255, 0, 0, 255));
  EXPECT_EQ(picture.at(*camera.pixelOf({0.2f, kEyeHeight, -1.0f}, rig.extent())), glm::u8vec4(0, 255, 0, 255));
}

TEST_F(MeshLayerTest, IntoAUnormTargetTheShadersEncodeToSrgbThemselves) {
  MeshRig rig(device(), 64, 64, 1);
  const EyeCamera camera = eyeAt({0.0f, kEyeHeight, 0.0f});
  for (const bool lit : {false, true}) {
    SCOPED_TRACE(lit ? "lit" : "unlit");
    MeshSceneBuilder b;
    b.node(quadPrimitive({-0.4f, 2.0f, -1.0f}, {0.8f, 0, 0}, {0, -0.8f, 0}),
           b.material(lit ? matteMaterial({0.5f, 0.5f, 0.5f, 1}) : unlitMaterial({0.5f, 0.5f, 0.5f, 1})));
    MeshLayer layer(device());
    layer.add(b.take());
    rig.drawThroughUnormView(false);
    const glm::u8vec4 srgb = rig.renderOne(layer, camera).at(32, 32);
    rig.drawThroughUnormView(true);
    const glm::u8vec4 unorm = rig.renderOne(layer, camera).at(32, 32);
    EXPECT_NEAR(unorm.g, srgb.g, 1);
    if (!lit) {
      EXPECT_NEAR(unorm.g, srgbByte(0.5f), 1);
    }
  }
}

}  // namespace
}  // namespace ps::test
