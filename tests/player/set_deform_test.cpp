// Skinned and morphed sets drawn on the GPU (lavapipe, validation on; any message fails): a
// glTF written here, whose skinned vertex and morphed vertices are computed by hand below
// (rotation and weights at the animation's time, not through the loader or scenes/pose.h), is
// rendered at two shot times and the triangles' centroids are read back from the pixels.
// Picking rays meet the same pose; a paused set is not posed again.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "validated_device_test.h"
#include "engine/device.h"
#include "engine/eye_camera.h"
#include "gltf_files.h"
#include "player/set_pose.h"
#include "player/set_scene.h"
#include "player/shot_sets.h"
#include "player/still_scene.h"

namespace ps::player {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::uint32_t kSize = 400;  // 90 degrees across: 100 pixels per metre at 2 m

// A glTF's one buffer, its views and accessors, built one accessor at a time.
class BufferBuilder {
 public:
  int add(const void* data, std::size_t bytes, json accessor) {
    while (bin_.size() % 4 != 0) bin_.push_back(0);
    views_.push_back({{"buffer", 0}, {"byteOffset", bin_.size()}, {"byteLength", bytes}});
    const auto* b = static_cast<const std::uint8_t*>(data);
    bin_.insert(bin_.end(), b, b + bytes);
    accessor["bufferView"] = views_.size() - 1;
    accessors_.push_back(std::move(accessor));
    return static_cast<int>(accessors_.size() - 1);
  }
  int floats(const std::vector<float>& v, const char* type, std::size_t count) {
    return add(v.data(), v.size() * sizeof(float), {{"componentType", 5126}, {"count", count}, {"type", type}});
  }
  int vec3s(const std::vector<glm::vec3>& v) {
    glm::vec3 lo = v[0], hi = v[0];
    for (const glm::vec3& p : v) lo = glm::min(lo, p), hi = glm::max(hi, p);
    return add(v.data(), v.size() * sizeof(glm::vec3),
               {{"componentType", 5126}, {"count", v.size()}, {"type", "VEC3"}, {"min", {lo.x, lo.y, lo.z}},
                {"max", {hi.x, hi.y, hi.z}}});
  }
  void into(json& doc) const {
    doc["buffers"] = {{{"byteLength", bin_.size()}, {"uri", "data:application/octet-stream;base64," + test::base64(bin_)}}};
    doc["bufferViews"] = views_;
    doc["accessors"] = accessors_;
  }

 private:
  std::vector<std::uint8_t> bin_;
  json views_ = json::array(), accessors_ = json::array();
};

// The skinned triangle A B C (green): A and B on joint 0 (still), C half on joint 0 and half on
// joint 1, which turns about Z around its origin P from 0 to 90 degrees over the first second.
const glm::vec3 kA(-0.5f, 1.3f, -2.0f), kB(-0.1f, 1.3f, -2.0f), kC(-0.3f, 1.9f, -2.0f), kP(0.0f, 1.6f, -2.0f);
// The morphed triangle D E F (red): target 0 moves F by (0.3, 0, 0), target 1 moves D by
// (0, 0.1, 0) and F by (0, -0.2, 0); their weights go from (0, 0) to (1, 0.5) over the second.
const glm::vec3 kD(0.1f, 1.3f, -2.0f), kE(0.5f, 1.3f, -2.0f), kF(0.3f, 1.9f, -2.0f);

std::string deformingSet() {
  BufferBuilder b;
  const int skinPositions = b.vec3s({kA, kB, kC});
  const std::uint16_t joints[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
  const int jointsAt = b.add(joints, sizeof joints, {{"componentType", 5123}, {"count", 3}, {"type", "VEC4"}});
  const int weightsAt = b.floats({1, 0, 0, 0, 1, 0, 0, 0, 0.5f, 0.5f, 0, 0}, "VEC4", 3);
  // Joint 0 binds at the origin, joint 1 at P: their inverse bind matrices (column-major).
  const int inverseBind =
      b.floats({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -kP.x, -kP.y, -kP.z, 1},
               "MAT4", 2);
  const int morphPositions = b.vec3s({kD, kE, kF});
  const int target0 = b.vec3s({{0, 0, 0}, {0, 0, 0}, {0.3f, 0, 0}});
  const int target1 = b.vec3s({{0, 0.1f, 0}, {0, 0, 0}, {0, -0.2f, 0}});
  const int times = b.floats({0, 1}, "SCALAR", 2);
  const float s = std::sqrt(0.5f);
  const int rotations = b.floats({0, 0, 0, 1, 0, 0, s, s}, "VEC4", 2);
  const int weights = b.floats({0, 0, 1, 0.5f}, "SCALAR", 4);
  auto unlit = [](double r, double g, double bl) {
    return json{{"pbrMetallicRoughness", {{"baseColorFactor", {r, g, bl, 1}}}},
                {"doubleSided", true},
                {"extensions", {{"KHR_materials_unlit", json::object()}}}};
  };
  json doc = {
      {"asset", {{"version", "2.0"}}},
      {"extensionsUsed", {"KHR_materials_unlit"}},
      {"scene", 0},
      {"scenes", {{{"nodes", {0, 1, 2, 3}}}}},
      {"nodes", {{{"mesh", 0}, {"skin", 0}},
                 {{"translation", {0, 0, 0}}},
                 {{"translation", {kP.x, kP.y, kP.z}}, {"rotation", {0, 0, 0, 1}}},
                 {{"mesh", 1}}}},
      {"skins", {{{"joints", {1, 2}}, {"inverseBindMatrices", inverseBind}}}},
      {"materials", {unlit(0, 1, 0), unlit(1, 0, 0)}},
      {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", skinPositions}, {"JOINTS_0", jointsAt}, {"WEIGHTS_0", weightsAt}}},
                                    {"material", 0}}}}},
                  {{"primitives", {{{"attributes", {{"POSITION", morphPositions}}},
                                    {"targets", {{{"POSITION", target0}}, {{"POSITION", target1}}}},
                                    {"material", 1}}}},
                   {"weights", {0, 0}}}}},
      {"animations", {{{"name", "deform"},
                       {"samplers", {{{"input", times}, {"output", rotations}}, {{"input", times}, {"output", weights}}}},
                       {"channels", {{{"sampler", 0}, {"target", {{"node", 2}, {"path", "rotation"}}}},
                                     {{"sampler", 1}, {"target", {{"node", 3}, {"path", "weights"}}}}}}}}}};
  b.into(doc);
  return doc.dump();
}

// By hand: joint 1 turned by `degrees` about Z around P, C half on it.
glm::vec3 skinnedC(float degrees) {
  const float a = glm::radians(degrees), c = std::cos(a), s = std::sin(a);
  const glm::vec3 r = kC - kP;
  const glm::vec3 onJoint1 = kP + glm::vec3(c * r.x - s * r.y, s * r.x + c * r.y, r.z);
  return 0.5f * kC + 0.5f * onJoint1;
}

struct Centroid {
  glm::vec2 at{0.0f};
  int pixels = 0;
};

// The mean pixel centre of the pixels that are mostly `channel` (0 red, 1 green).
Centroid centroidOf(const engine::RgbaImage& image, int channel) {
  Centroid c;
  glm::dvec2 sum(0.0);
  for (std::uint32_t y = 0; y < image.height; ++y)
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = &image.pixels[(std::size_t{y} * image.width + x) * 4];
      if (p[channel] > 150 && p[1 - channel] < 80 && p[2] < 80) {
        sum += glm::dvec2(x + 0.5, y + 0.5);
        ++c.pixels;
      }
    }
  if (c.pixels > 0) c.at = glm::vec2(sum / static_cast<double>(c.pixels));
  return c;
}

engine::View viewFrom(glm::vec3 position, glm::quat orientation = glm::quat(1, 0, 0, 0)) {
  engine::View v;
  v.position = position;
  v.orientation = orientation;
  v.fov = engine::symmetricFov(90, 90);
  return v;
}

class SetDeform : public test::ValidatedDeviceTest {
 protected:
  SetDeform() : ValidatedDeviceTest("perfectshot-set-deform-tests") {}

  engine::RgbaImage render(const PlacedSet& set, double t, const engine::View& view) {
    StillScene scene;
    scene.sets.push_back(set);
    scene.shotSeconds = t;
    engine::StillRequest request;
    request.view = view;
    request.width = request.height = kSize;
    auto image = renderStillScene(*device_, std::move(scene), request);
    EXPECT_TRUE(image.ok()) << image.error().message();
    return image.ok() ? std::move(image).value() : engine::RgbaImage{};
  }

  test::TempPackage package_;
};

TEST_F(SetDeform, ASkinnedAndAMorphedVertexLandWhereTheHandComputedPoseSays) {
  auto set = loadBareSet(package_.write("deform.gltf", deformingSet()));
  ASSERT_TRUE(set.ok()) << set.error().message();
  const engine::View view = viewFrom({0.0f, 1.6f, 0.0f});
  const engine::EyeCamera camera(view);
  const glm::vec2 extent(kSize, kSize);
  auto pixel = [&](glm::vec3 p) { return *camera.pixelOf(p, extent); };

  // t 0.5: joint 1 at 45 degrees, weights (0.5, 0.25); t 1: 90 degrees, (1, 0.5).
  struct Case {
    double t;
    float degrees, w0, w1;
  };
  for (const Case& c : {Case{0.5, 45.0f, 0.5f, 0.25f}, Case{1.0, 90.0f, 1.0f, 0.5f}, Case{0.0, 0.0f, 0.0f, 0.0f}}) {
    SCOPED_TRACE("t " + std::to_string(c.t));
    const engine::RgbaImage image = render(*set, c.t, view);
    // The plane faces the eye at one depth: the pinhole maps it affinely, so the pixels'
    // centroid is the projected vertices' mean, and C follows from A and B, which stay put.
    const Centroid green = centroidOf(image, 1);
    ASSERT_GT(green.pixels, 500);
    const glm::vec2 measuredC = 3.0f * green.at - pixel(kA) - pixel(kB);
    const glm::vec2 wantC = pixel(skinnedC(c.degrees));
    EXPECT_NEAR(measuredC.x, wantC.x, 1.0f);
    EXPECT_NEAR(measuredC.y, wantC.y, 1.0f);

    const glm::vec3 d = kD + c.w1 * glm::vec3(0, 0.1f, 0);
    const glm::vec3 f = kF + c.w0 * glm::vec3(0.3f, 0, 0) + c.w1 * glm::vec3(0, -0.2f, 0);
    const Centroid red = centroidOf(image, 0);
    ASSERT_GT(red.pixels, 500);
    const glm::vec2 want = (pixel(d) + pixel(kE) + pixel(f)) / 3.0f;
    EXPECT_NEAR(red.at.x, want.x, 0.5f);
    EXPECT_NEAR(red.at.y, want.y, 0.5f);
  }
}

TEST_F(SetDeform, PickingRaysMeetThePose) {
  auto set = loadBareSet(package_.write("deform.gltf", deformingSet()));
  ASSERT_TRUE(set.ok()) << set.error().message();
  SetScene scene(*device_, {*set});
  // Towards F at rest (0.3, 1.9): the rest shape's apex is there; at t 1 F has moved to
  // (0.6, 1.8) and the ray, just under the rest apex, passes above the moved triangle's edge.
  const glm::vec3 eye(0.0f, 1.6f, 0.0f);
  auto towards = [&](glm::vec3 p) { return engine::Ray{eye, glm::normalize(p - eye)}; };
  const glm::vec3 nearRestApex = kF + glm::vec3(0, -0.05f, 0);
  const glm::vec3 nearMovedApex = glm::vec3(0.6f, 1.8f, -2.0f) + glm::vec3(-0.02f, -0.03f, 0);
  scene.showAt(0.0);
  EXPECT_TRUE(scene.nearestHit(towards(nearRestApex)));
  EXPECT_FALSE(scene.nearestHit(towards(nearMovedApex)));
  scene.showAt(1.0);
  EXPECT_FALSE(scene.nearestHit(towards(nearRestApex)));
  const auto hit = scene.nearestHit(towards(nearMovedApex));
  ASSERT_TRUE(hit);
  EXPECT_NEAR(*hit, glm::length(nearMovedApex - eye), 1e-3f);
  // The skinned apex at 90 degrees is (-0.3, 1.6): a ray just inside it meets the triangle.
  EXPECT_TRUE(scene.nearestHit(towards(skinnedC(90.0f) + glm::vec3(0, -0.03f, 0))));
  EXPECT_FALSE(scene.nearestHit(towards(kC + glm::vec3(0, -0.03f, 0))));
}

TEST_F(SetDeform, APausedSetIsNotPosedAgainAndKeepsItsVectors) {
  auto set = loadBareSet(package_.write("deform.gltf", deformingSet()));
  ASSERT_TRUE(set.ok()) << set.error().message();
  SetPose pose(*set);
  EXPECT_TRUE(pose.moveTo(0.25));
  const glm::mat4* world = pose.world().data();
  const float* weights = pose.pose().weights[3].data();
  EXPECT_FALSE(pose.moveTo(0.25));  // paused: the same time
  EXPECT_EQ(pose.computed(), 1u);
  EXPECT_TRUE(pose.moveTo(0.5));
  EXPECT_EQ(pose.computed(), 2u);
  EXPECT_EQ(pose.world().data(), world);  // recomputed in place
  EXPECT_EQ(pose.pose().weights[3].data(), weights);
  EXPECT_NEAR(pose.pose().weights[3][0], 0.5f, 1e-6f);
  EXPECT_FALSE(pose.moveTo(5.0) && pose.moveTo(6.0));  // held at the last key: one pose for both
}

}  // namespace
}  // namespace ps::player
