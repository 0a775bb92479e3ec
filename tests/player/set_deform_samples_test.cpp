// Khronos samples from Debian's assimp-testmodels that skin and morph (simple_skin,
// AnimatedMorphCube) drawn on lavapipe with validation on: at two times of their first
// animation the drawn silhouette moves, and lands where the CPU reference (scenes/pose.h and
// scenes/deform.h, checked against hand-computed values in the scenes tests) puts the posed
// vertices. Their materials are made unlit white so that the silhouette is the geometry alone.
// Broken variants of both are refused, naming the file and the place.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "validated_device_test.h"
#include "engine/device.h"
#include "engine/eye_camera.h"
#include "gltf_files.h"
#include "media/gltf_loader.h"
#include "player/shot_sets.h"
#include "player/still_scene.h"
#include "scenes/deform.h"
#include "scenes/pose.h"

namespace ps::player {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSkin = test::kKhronosModels / "simple_skin/simple_skin.gltf";
const fs::path kMorph = test::kKhronosModels / "glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf";
constexpr std::uint32_t kSize = 400;

#define SKIP_WITHOUT_MODELS()                                                                            \
  if (!fs::is_directory(test::kKhronosModels))                                                                        \
  GTEST_SKIP() << test::kKhronosModels << " is absent: install assimp-testmodels (tools/setup.sh does)"

// Every vertex of the set at animation time t, in set space, by the CPU reference.
std::vector<glm::vec3> posedVertices(const scenes::MeshScene& scene, float t) {
  const scenes::Pose pose = scene.animations.empty() ? scenes::restPose(scene) : scenes::poseAt(scene, scene.animations[0], t);
  const std::vector<glm::mat4> world = scenes::worldMatrices(scene, pose);
  std::vector<glm::vec3> out;
  for (const scenes::MeshInstance& i : scenes::posedInstances(scene, world)) {
    const scenes::MeshNode& node = scene.nodes[static_cast<std::size_t>(i.node)];
    for (const scenes::MeshPrimitive& p : scene.meshes[static_cast<std::size_t>(i.mesh)].primitives) {
      std::vector<glm::vec3> v = scenes::morphedPositions(p, pose.weights[static_cast<std::size_t>(i.node)]);
      if (node.skin >= 0)
        v = scenes::skinnedPositions(p, v, scenes::jointMatrices(scene, scene.skins[static_cast<std::size_t>(node.skin)], world, i.node));
      for (const glm::vec3& x : v) out.push_back(glm::vec3(i.world * glm::vec4(x, 1.0f)));
    }
  }
  return out;
}

struct Box {
  float left = 1e9f, right = -1e9f, top = 1e9f, bottom = -1e9f;
  float distance(const Box& o) const {
    return std::max({std::abs(left - o.left), std::abs(right - o.right), std::abs(top - o.top), std::abs(bottom - o.bottom)});
  }
};

Box projectedBounds(const engine::EyeCamera& camera, const std::vector<glm::vec3>& vertices) {
  Box b;
  for (const glm::vec3& v : vertices) {
    const auto px = camera.pixelOf(v, glm::vec2(kSize, kSize));
    EXPECT_TRUE(px);
    if (!px) continue;
    b.left = std::min(b.left, px->x);
    b.right = std::max(b.right, px->x);
    b.top = std::min(b.top, px->y);
    b.bottom = std::max(b.bottom, px->y);
  }
  return b;
}

// The lit pixels' bounds, in pixel edges.
Box silhouette(const engine::RgbaImage& image) {
  Box b;
  for (std::uint32_t y = 0; y < image.height; ++y)
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = &image.pixels[(std::size_t{y} * image.width + x) * 4];
      if (std::max({p[0], p[1], p[2]}) <= 64) continue;
      b.left = std::min(b.left, static_cast<float>(x));
      b.right = std::max(b.right, static_cast<float>(x + 1));
      b.top = std::min(b.top, static_cast<float>(y));
      b.bottom = std::max(b.bottom, static_cast<float>(y + 1));
    }
  return b;
}

class DeformSamples : public test::ValidatedDeviceTest {
 protected:
  DeformSamples() : ValidatedDeviceTest("perfectshot-deform-samples-tests") {}

  // The sample at two times of its first animation, seen along `towards` (unit, from outside).
  void expectMotion(const fs::path& file, glm::vec3 towards) {
    SCOPED_TRACE(file.string());
    auto set = loadBareSet(file);
    ASSERT_TRUE(set.ok()) << set.error().message();
    ASSERT_EQ(set->animation, 0);
    scenes::MeshScene scene = *set->scene;
    scenes::MeshMaterial white;
    white.unlit = true;
    white.doubleSided = true;
    scene.materials.assign(1, white);
    for (scenes::Mesh& mesh : scene.meshes)
      for (scenes::MeshPrimitive& p : mesh.primitives) p.material = 0;
    set->scene = std::make_shared<const scenes::MeshScene>(std::move(scene));
    const scenes::MeshScene& s = *set->scene;
    const float duration = s.animations[0].duration();

    // The time that moves the vertices most from time 0, by the CPU reference.
    std::vector<glm::vec3> all;
    for (int k = 0; k <= 16; ++k) {
      const std::vector<glm::vec3> v = posedVertices(s, duration * static_cast<float>(k) / 16);
      all.insert(all.end(), v.begin(), v.end());
    }
    glm::vec3 lo = all[0], hi = all[0];
    for (const glm::vec3& v : all) lo = glm::min(lo, v), hi = glm::max(hi, v);
    const glm::vec3 centre = 0.5f * (lo + hi);
    const float radius = glm::length(hi - lo) / 2;
    engine::View view;
    view.position = centre + 2.5f * radius * towards;
    view.orientation = glm::quatLookAtRH(-towards, glm::vec3(0, 1, 0));
    view.fov = engine::symmetricFov(90, 90);
    const engine::EyeCamera camera(view);
    const Box rest = projectedBounds(camera, posedVertices(s, 0.0f));
    float moved = 0.0f, at = 0.0f;
    for (int k = 1; k <= 16; ++k) {
      const float t = duration * static_cast<float>(k) / 16;
      const float d = projectedBounds(camera, posedVertices(s, t)).distance(rest);
      if (d > moved) moved = d, at = t;
    }
    ASSERT_GT(moved, 8.0f) << "the sample's animation hardly moves it from this side";

    Box drawn[2];
    int n = 0;
    for (const float t : {0.0f, at}) {
      SCOPED_TRACE("t " + std::to_string(t));
      StillScene still;
      still.sets.push_back(*set);
      still.shotSeconds = t;
      engine::StillRequest request;
      request.view = view;
      request.width = request.height = kSize;
      auto image = renderStillScene(*device_, std::move(still), request);
      ASSERT_TRUE(image.ok()) << image.error().message();
      const Box want = projectedBounds(camera, posedVertices(s, t));
      drawn[n] = silhouette(*image);
      EXPECT_LT(drawn[n].distance(want), 1.5f) << "drawn " << drawn[n].left << " " << drawn[n].right << " "
                                                << drawn[n].top << " " << drawn[n].bottom << ", want " << want.left
                                                << " " << want.right << " " << want.top << " " << want.bottom;
      ++n;
    }
    EXPECT_GT(drawn[1].distance(drawn[0]), moved - 2.0f);  // visibly moved
  }

};

TEST_F(DeformSamples, SimpleSkinBendsAsItsJointTurns) {
  SKIP_WITHOUT_MODELS();
  expectMotion(kSkin, glm::vec3(0, 0, 1));
}

TEST_F(DeformSamples, AnimatedMorphCubeSwellsAsItsWeightsGo) {
  SKIP_WITHOUT_MODELS();
  // Its targets move along the cube's local +Y, which its node turns to -Z: seen from the side.
  expectMotion(kMorph, glm::vec3(1, 0, 0));
}

TEST(DeformSamplesBroken, BrokenVariantsAreRefusedNamingFileAndPlace) {
  SKIP_WITHOUT_MODELS();
  test::TempPackage pkg;
  {
    json doc = test::readDocument(kSkin);
    doc["skins"][0]["joints"] = {1};  // vertices weighted on joint 1 of a one-joint skin
    const fs::path file = pkg.write("skin.gltf", doc.dump());
    auto loaded = media::loadGltf(file, pkg.dir());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message().find(file.string() + "#/nodes/0/skin"), std::string::npos)
        << loaded.error().message();
  }
  fs::copy_file(kMorph.parent_path() / "AnimatedMorphCube.bin", pkg.dir() / "AnimatedMorphCube.bin");
  {
    json doc = test::readDocument(kMorph);
    doc["meshes"][0]["weights"] = {0, 0, 0};  // three weights for two targets
    const fs::path file = pkg.write("weights.gltf", doc.dump());
    auto loaded = media::loadGltf(file, pkg.dir());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message().find(file.string() + "#/meshes/0/weights"), std::string::npos)
        << loaded.error().message();
  }
  {
    json doc = test::readDocument(kMorph);
    doc["meshes"][0]["primitives"][0]["targets"][1]["POSITION"] = 9;  // the indices: 36 scalars, not 24 VEC3
    const fs::path file = pkg.write("target.gltf", doc.dump());
    auto loaded = media::loadGltf(file, pkg.dir());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message().find(file.string() + "#/meshes/0/primitives/0/targets/1/POSITION"),
              std::string::npos)
        << loaded.error().message();
  }
}

}  // namespace
}  // namespace ps::player
