// Animations, skins and morph targets read from glTF: a generated file plays its channels at
// hand-computed times for each interpolation; the Khronos samples AnimatedMorphCube and
// simple_skin deform a vertex where values worked out from their own data say; malformed
// animation data is refused naming the file and the JSON pointer.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <limits>
#include <fstream>
#include <iterator>

#include "gltf_files.h"
#include "media/gltf_loader.h"
#include "scenes/deform.h"
#include "scenes/pose.h"

using namespace ps;
using nlohmann::json;
using test::TempPackage;
namespace fs = std::filesystem;

namespace {


// The test triangle with more accessors appended to its buffer, each in its own buffer view.
struct AnimatedTriangle {
  json doc = test::triangleDocument();
  std::vector<std::uint8_t> bin = test::triangleBin();

  int add(const void* data, std::size_t bytes, std::size_t count, const char* type, int componentType) {
    while (bin.size() % 4) bin.push_back(0);
    const std::size_t offset = bin.size();
    bin.resize(offset + bytes);
    std::memcpy(bin.data() + offset, data, bytes);
    doc["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", bytes}});
    doc["accessors"].push_back({{"bufferView", doc["bufferViews"].size() - 1},
                                {"componentType", componentType},
                                {"count", count},
                                {"type", type}});
    doc["buffers"][0]["byteLength"] = bin.size();
    return static_cast<int>(doc["accessors"].size() - 1);
  }
  int floats(const std::vector<float>& v, const char* type, std::size_t width) {
    return add(v.data(), v.size() * sizeof(float), v.size() / width, type, 5126);
  }

  // Node 0 moved on `path` by one sampler.
  void animate(const std::vector<float>& times, const std::vector<float>& values, const char* interpolation,
               const char* path = "translation", const char* type = "VEC3", std::size_t width = 3) {
    const int input = floats(times, "SCALAR", 1);
    const int output = floats(values, type, width);
    doc["nodes"][0]["translation"] = {0, 0, 0};
    doc["animations"] = json::array({json{
        {"name", "move"},
        {"samplers", json::array({json{{"input", input}, {"output", output}, {"interpolation", interpolation}}})},
        {"channels", json::array({json{{"sampler", 0}, {"target", {{"node", 0}, {"path", path}}}}})}}});
  }

  Result<media::GltfSet> load(const TempPackage& pkg) const {
    pkg.write("tri.bin", bin);
    return media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir());
  }
};

glm::vec3 nodeAt(const scenes::MeshScene& scene, float t) {
  return glm::vec3(scenes::worldMatrices(scene, scenes::poseAt(scene, scene.animations.at(0), t))[0][3]);
}

void expectNear(const glm::vec3& got, const glm::vec3& want, float eps = 1e-5f) {
  EXPECT_NEAR(got.x, want.x, eps) << "y " << got.y << " z " << got.z;
  EXPECT_NEAR(got.y, want.y, eps) << "x " << got.x << " z " << got.z;
  EXPECT_NEAR(got.z, want.z, eps) << "x " << got.x << " y " << got.y;
}

// Keys at 1, 2 and 4 s: (0, 0, 0), (2, 0, 0), (2, 4, 0).
const std::vector<float> kTimes = {1, 2, 4};
const std::vector<float> kValues = {0, 0, 0, 2, 0, 0, 2, 4, 0};

TEST(GltfAnimation, LinearChannelAtHandComputedTimes) {
  TempPackage pkg;
  AnimatedTriangle file;
  file.animate(kTimes, kValues, "LINEAR");
  auto loaded = file.load(pkg);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_TRUE(loaded->warnings.empty());
  const scenes::MeshScene& s = loaded->scene;
  ASSERT_EQ(s.animations.size(), 1u);
  EXPECT_EQ(s.animations[0].name, "move");
  EXPECT_FLOAT_EQ(s.animations[0].duration(), 4.0f);
  expectNear(nodeAt(s, 0.0f), {0, 0, 0});  // before the first key
  expectNear(nodeAt(s, 1.0f), {0, 0, 0});  // the first key
  expectNear(nodeAt(s, 1.5f), {1, 0, 0});
  expectNear(nodeAt(s, 3.0f), {2, 2, 0});
  expectNear(nodeAt(s, 4.0f), {2, 4, 0});  // the last key
  expectNear(nodeAt(s, 9.0f), {2, 4, 0});  // after it
  expectNear(nodeAt(s, 1.5f), {1, 0, 0});  // scrubbed back
}

TEST(GltfAnimation, StepChannelAtHandComputedTimes) {
  TempPackage pkg;
  AnimatedTriangle file;
  file.animate(kTimes, kValues, "STEP");
  auto loaded = file.load(pkg);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  expectNear(nodeAt(loaded->scene, 1.5f), {0, 0, 0});
  expectNear(nodeAt(loaded->scene, 3.0f), {2, 0, 0});
  expectNear(nodeAt(loaded->scene, 4.0f), {2, 4, 0});
  expectNear(nodeAt(loaded->scene, 2.0f), {2, 0, 0});  // back onto a key
}

TEST(GltfAnimation, CubicSplineChannelAtHandComputedTimes) {
  TempPackage pkg;
  AnimatedTriangle file;
  // In-tangent, value, out-tangent per key; key 1 (at 2 s) leaves with tangent (0, 1, 0).
  file.animate(kTimes, {9, 9, 9, 0, 0, 0, 0, 0, 0, /**/ 0, 0, 0, 2, 0, 0, 0, 1, 0, /**/ 0, 0, 0, 2, 4, 0, 9, 9, 9},
               "CUBICSPLINE");
  auto loaded = file.load(pkg);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  // At 3 s, half way through the 2 s interval: h00 = h01 = 0.5, h10 = 0.125, h11 = -0.125:
  // y = 0.5 * 0 + 0.125 * 2 * 1 + 0.5 * 4 = 2.25; x = 0.5 * 2 + 0.5 * 2 = 2.
  expectNear(nodeAt(loaded->scene, 3.0f), {2, 2.25f, 0});
  expectNear(nodeAt(loaded->scene, 1.0f), {0, 0, 0});
  expectNear(nodeAt(loaded->scene, 4.0f), {2, 4, 0});
  expectNear(nodeAt(loaded->scene, 0.0f), {0, 0, 0});
}

TEST(GltfAnimation, MalformedAnimationDataIsRefusedWithItsPlace) {
  TempPackage pkg;
  struct Case {
    const char* name;
    std::function<void(AnimatedTriangle&)> breakIt;
    const char* at;
    const char* why;
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const Case cases[] = {
      {"descending times", [](AnimatedTriangle& f) { f.animate({1, 3, 2}, kValues, "LINEAR"); },
       "/accessors/2", "times must ascend (/animations/0/samplers/0/input)"},
      {"a time that is not finite", [nan](AnimatedTriangle& f) { f.animate({1, nan, 4}, kValues, "LINEAR"); },
       "/accessors/2", "element 1 is not finite"},
      {"a value that is not finite", [nan](AnimatedTriangle& f) { f.animate(kTimes, {0, 0, 0, nan, 0, 0, 2, 4, 0}, "LINEAR"); },
       "/accessors/3", "element 1 is not finite"},
      {"cubic without tangents", [](AnimatedTriangle& f) { f.animate(kTimes, kValues, "CUBICSPLINE"); },
       "/animations/0/samplers/0/output", "has 3 elements; 3 keys need 9 (in-tangent, value and out-tangent"},
      {"too few values", [](AnimatedTriangle& f) { f.animate(kTimes, {0, 0, 0, 1, 1, 1}, "LINEAR"); },
       "/animations/0/samplers/0/output", "has 2 elements; 3 keys need 3"},
      {"a rotation of VEC3", [](AnimatedTriangle& f) { f.animate(kTimes, kValues, "LINEAR", "rotation"); },
       "/animations/0/samplers/0/output", "the output of a rotation channel must be VEC4"},
      {"an unknown interpolation", [](AnimatedTriangle& f) { f.animate(kTimes, kValues, "SMOOTH"); },
       "/animations/0/samplers/0/interpolation", "\"SMOOTH\" is not LINEAR, STEP or CUBICSPLINE"},
      {"an unknown path", [](AnimatedTriangle& f) { f.animate(kTimes, kValues, "LINEAR", "colour"); },
       "/animations/0/channels/0/target/path", "\"colour\" is not translation, rotation, scale or weights"},
      {"weights without targets", [](AnimatedTriangle& f) { f.animate(kTimes, {0, 1, 0}, "LINEAR", "weights", "SCALAR", 1); },
       "/animations/0/channels/0/target", "node 0 has no mesh with morph targets"},
      {"a missing node", [](AnimatedTriangle& f) {
         f.animate(kTimes, kValues, "LINEAR");
         f.doc["animations"][0]["channels"][0]["target"]["node"] = 7;
       }, "/animations/0/channels/0/target/node", "node 7 does not exist"},
      {"a missing sampler", [](AnimatedTriangle& f) {
         f.animate(kTimes, kValues, "LINEAR");
         f.doc["animations"][0]["channels"][0]["sampler"] = 3;
       }, "/animations/0/channels/0/sampler", "sampler 3 does not exist"},
      {"a matrix node", [](AnimatedTriangle& f) {
         f.animate(kTimes, kValues, "LINEAR");
         f.doc["nodes"][0].erase("translation");
         f.doc["nodes"][0]["matrix"] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
       }, "/animations/0/channels/0/target", "given as a matrix"},
      {"two channels on one path", [](AnimatedTriangle& f) {
         f.animate(kTimes, kValues, "LINEAR");
         f.doc["animations"][0]["channels"].push_back(f.doc["animations"][0]["channels"][0]);
       }, "/animations/0/channels/1/target", "another channel already drives translation of node 0"},
      {"input of VEC3", [](AnimatedTriangle& f) {
         f.animate(kTimes, kValues, "LINEAR");
         f.doc["animations"][0]["samplers"][0]["input"] = 3;
       }, "/animations/0/samplers/0/input", "an animation's input must be SCALAR of float, not VEC3"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    AnimatedTriangle file;
    c.breakIt(file);
    auto loaded = file.load(pkg);
    ASSERT_FALSE(loaded.ok());
    const std::string message = loaded.error().message();
    EXPECT_NE(message.find("set.gltf#" + std::string(c.at) + ": "), std::string::npos) << message;
    EXPECT_NE(message.find(c.why), std::string::npos) << message;
  }
}

// A morph target on the triangle (vertex 1 moves up by 2) and a skin of two joints.
AnimatedTriangle morphedAndSkinned() {
  AnimatedTriangle f;
  const int delta = f.floats({0, 0, 0, 0, 2, 0, 0, 0, 0}, "VEC3", 3);
  const std::uint16_t joints[12] = {0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0};
  const int j = f.add(joints, sizeof joints, 3, "VEC4", 5123);
  const int w = f.floats({1, 0, 0, 0, 0.5f, 0.5f, 0, 0, 0, 1, 0, 0}, "VEC4", 4);
  const int ibm = f.floats({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, /**/ 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -1, 0, 1},
                           "MAT4", 16);
  json& p = f.doc["meshes"][0]["primitives"][0];
  p["targets"] = json::array({json{{"POSITION", delta}}});
  p["attributes"]["JOINTS_0"] = j;
  p["attributes"]["WEIGHTS_0"] = w;
  f.doc["meshes"][0]["weights"] = {0.25};
  f.doc["nodes"][0]["skin"] = 0;
  f.doc["nodes"].push_back(json{{"translation", {0, 0, 0}}});
  f.doc["nodes"].push_back(json{{"translation", {0, 1, 0}}});
  f.doc["scenes"][0]["nodes"] = {0, 1, 2};
  f.doc["skins"] = json::array({json{{"joints", {1, 2}}, {"inverseBindMatrices", ibm}}});
  return f;
}

TEST(GltfAnimation, MorphTargetsAndSkinsAreRead) {
  TempPackage pkg;
  auto loaded = morphedAndSkinned().load(pkg);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_TRUE(loaded->warnings.empty());
  const scenes::MeshScene& s = loaded->scene;
  const scenes::MeshPrimitive& p = s.meshes[0].primitives[0];
  ASSERT_EQ(p.targets.size(), 1u);
  EXPECT_EQ(s.meshes[0].weights, std::vector<float>{0.25f});
  EXPECT_EQ(p.targets[0].positions[1], glm::vec3(0, 2, 0));
  EXPECT_EQ(p.joints[1], glm::u16vec4(0, 1, 0, 0));
  EXPECT_EQ(p.weights[1], glm::vec4(0.5f, 0.5f, 0, 0));
  ASSERT_EQ(s.skins.size(), 1u);
  EXPECT_EQ(s.skins[0].joints, (std::vector<int>{1, 2}));
  EXPECT_EQ(s.skins[0].inverseBind[1][3], glm::vec4(0, -1, 0, 1));
  EXPECT_EQ(s.nodes[0].skin, 0);
  // Rest pose: (1, 0, 0) morphed by 0.25 * (0, 2, 0) is (1, 0.5, 0); joint 1 sits where it was
  // bound, so skinning leaves it there.
  const scenes::Pose pose = scenes::restPose(s);
  const std::vector<glm::vec3> morphed = scenes::morphedPositions(p, pose.weights[0]);
  expectNear(morphed[1], {1, 0.5f, 0});
  const std::vector<glm::mat4> world = scenes::worldMatrices(s, pose);
  const std::vector<glm::vec3> skinned = scenes::skinnedPositions(p, morphed, scenes::jointMatrices(s, s.skins[0], world, 0));
  expectNear(skinned[1], {1, 0.5f, 0});
}

TEST(GltfAnimation, MalformedSkinsAndTargetsAreRefusedWithTheirPlace) {
  TempPackage pkg;
  const std::tuple<const char*, std::function<void(AnimatedTriangle&)>, const char*, const char*> cases[] = {
      {"a joint past the nodes", [](AnimatedTriangle& f) { f.doc["skins"][0]["joints"][1] = 9; },
       "/skins/0/joints/1", "node 9 does not exist"},
      {"a joint listed twice", [](AnimatedTriangle& f) { f.doc["skins"][0]["joints"] = {1, 1}; },
       "/skins/0/joints/1", "node 1 is listed twice"},
      {"fewer matrices than joints", [](AnimatedTriangle& f) { f.doc["skins"][0]["joints"] = {1, 2, 0}; },
       "/skins/0/inverseBindMatrices", "has 2 matrices for 3 joints"},
      {"a vertex naming a joint past the skin", [](AnimatedTriangle& f) { f.doc["skins"][0]["joints"] = {1}; f.doc["skins"][0].erase("inverseBindMatrices"); },
       "/nodes/0/skin", "vertex 1 names joint 1 of a skin with 1"},
      {"a skin that does not exist", [](AnimatedTriangle& f) { f.doc["nodes"][0]["skin"] = 4; },
       "/nodes/0/skin", "skin 4 does not exist"},
      {"weights without joints", [](AnimatedTriangle& f) { f.doc["meshes"][0]["primitives"][0]["attributes"].erase("JOINTS_0"); },
       "/meshes/0/primitives/0/attributes", "has one of JOINTS_0 and WEIGHTS_0 without the other"},
      {"joints of float", [](AnimatedTriangle& f) { f.doc["meshes"][0]["primitives"][0]["attributes"]["JOINTS_0"] = 4; },
       "/meshes/0/primitives/0/attributes/JOINTS_0", "JOINTS_0 must be VEC4 of unsigned byte or short"},
      {"two weights for one target", [](AnimatedTriangle& f) { f.doc["meshes"][0]["weights"] = {0.5, 0.5}; },
       "/meshes/0/weights", "has 2 weights for 1 morph targets"},
      {"a target of another length", [](AnimatedTriangle& f) { f.doc["meshes"][0]["primitives"][0]["targets"][0]["POSITION"] = 5; },
       "/meshes/0/primitives/0/targets/0/POSITION", "a morph target's POSITION must be VEC3"},
  };
  for (const auto& [name, breakIt, at, why] : cases) {
    SCOPED_TRACE(name);
    AnimatedTriangle file = morphedAndSkinned();
    breakIt(file);
    auto loaded = file.load(pkg);
    ASSERT_FALSE(loaded.ok());
    const std::string message = loaded.error().message();
    EXPECT_NE(message.find("set.gltf#" + std::string(at) + ": "), std::string::npos) << message;
    EXPECT_NE(message.find(why), std::string::npos) << message;
  }
}

// Floats of an accessor of AnimatedMorphCube, read straight from its .bin by its JSON (tightly
// packed float accessors, as that file has), independently of the loader.
std::vector<float> rawFloats(const json& doc, const std::vector<char>& bin, int accessor) {
  const json& a = doc["accessors"][accessor];
  const json& v = doc["bufferViews"][a["bufferView"].get<int>()];
  const std::size_t n = a["count"].get<std::size_t>() * (a["type"] == "SCALAR" ? 1 : a["type"] == "VEC3" ? 3 : 4);
  std::vector<float> out(n);
  std::memcpy(out.data(), bin.data() + v.value("byteOffset", 0) + a.value("byteOffset", 0), n * sizeof(float));
  return out;
}

TEST(GltfAnimation, AnimatedMorphCubeMorphsAVertexAsItsDataSays) {
  const fs::path dir = test::kKhronosModels / "glTF-Sample-Models/AnimatedMorphCube-glTF";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " is absent: install assimp-testmodels";
  auto loaded = media::loadGltf(dir / "AnimatedMorphCube.gltf", dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const scenes::MeshScene& s = loaded->scene;
  ASSERT_EQ(s.animations.size(), 1u);
  EXPECT_EQ(s.animations[0].name, "Square");
  ASSERT_EQ(s.meshes[0].primitives[0].targets.size(), 2u);

  const json doc = test::readDocument(dir / "AnimatedMorphCube.gltf");
  std::ifstream in(dir / "AnimatedMorphCube.bin", std::ios::binary);
  const std::vector<char> bin{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const json& prim = doc["meshes"][0]["primitives"][0];
  const std::vector<float> positions = rawFloats(doc, bin, prim["attributes"]["POSITION"].get<int>());
  const std::vector<float> d0 = rawFloats(doc, bin, prim["targets"][0]["POSITION"].get<int>());
  const std::vector<float> d1 = rawFloats(doc, bin, prim["targets"][1]["POSITION"].get<int>());
  const json& sampler = doc["animations"][0]["samplers"][0];
  const std::vector<float> times = rawFloats(doc, bin, sampler["input"].get<int>());
  const std::vector<float> weights = rawFloats(doc, bin, sampler["output"].get<int>());
  // The vertex that the targets move most, half way between two keys in the middle.
  std::size_t vertex = 0;
  for (std::size_t v = 0; v < positions.size() / 3; ++v)
    if (std::abs(d0[3 * v + 1]) + std::abs(d1[3 * v + 1]) > std::abs(d0[3 * vertex + 1]) + std::abs(d1[3 * vertex + 1]))
      vertex = v;
  const std::size_t k = times.size() / 3;
  const float t = 0.5f * (times[k] + times[k + 1]);
  const float w0 = 0.5f * (weights[2 * k] + weights[2 * k + 2]);
  const float w1 = 0.5f * (weights[2 * k + 1] + weights[2 * k + 3]);
  ASSERT_GT(std::abs(w0) + std::abs(w1), 0.0f);
  const glm::vec3 want(positions[3 * vertex] + w0 * d0[3 * vertex] + w1 * d1[3 * vertex],
                       positions[3 * vertex + 1] + w0 * d0[3 * vertex + 1] + w1 * d1[3 * vertex + 1],
                       positions[3 * vertex + 2] + w0 * d0[3 * vertex + 2] + w1 * d1[3 * vertex + 2]);
  const scenes::Pose pose = scenes::poseAt(s, s.animations[0], t);
  expectNear(scenes::morphedPositions(s.meshes[0].primitives[0], pose.weights[0])[vertex], want, 1e-6f);
}

TEST(GltfAnimation, SimpleSkinBendsAVertexAsHandComputed) {
  const fs::path dir = test::kKhronosModels / "simple_skin";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " is absent: install assimp-testmodels";
  auto loaded = media::loadGltf(dir / "simple_skin.gltf", dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_TRUE(loaded->warnings.empty());
  const scenes::MeshScene& s = loaded->scene;
  ASSERT_EQ(s.skins.size(), 1u);
  ASSERT_EQ(s.animations.size(), 1u);
  const scenes::MeshPrimitive& p = s.meshes[0].primitives[0];
  // Vertex 6 is (0, 1.5, 0) with weights 0.25 and 0.75 on joints 0 (node 1, at (0, 1, 0)) and
  // 1 (node 2, under node 1, turned about +Z); both inverse bind matrices translate by
  // (-0.5, -1, 0). At 1 s node 2 is turned 90 degrees: joint 0 takes the vertex to
  // (-0.5, 1.5, 0); joint 1 turns (-0.5, 0.5, 0) to (-0.5, -0.5, 0) and adds (0, 1, 0).
  // Blended: 0.25 * (-0.5, 1.5, 0) + 0.75 * (-0.5, 0.5, 0) = (-0.5, 0.75, 0).
  auto at = [&](float t) {
    const std::vector<glm::mat4> world = scenes::worldMatrices(s, scenes::poseAt(s, s.animations[0], t));
    const std::vector<glm::vec3> v = scenes::skinnedPositions(p, p.positions, scenes::jointMatrices(s, s.skins[0], world, 0));
    return glm::vec3(world[0] * glm::vec4(v[6], 1.0f));
  };
  expectNear(at(1.0f), {-0.5f, 0.75f, 0}, 1e-3f);  // the file's keys hold 0.707, not sqrt(0.5)
  // At 0.75 s, half way from 45 to 90 degrees: 67.5 degrees turns (-0.5, 0.5) to
  // (-0.5 cos - 0.5 sin, -0.5 sin + 0.5 cos) = (-0.653281, -0.270598); plus (0, 1, 0), blended:
  // (0.25 * -0.5 + 0.75 * -0.653281, 0.25 * 1.5 + 0.75 * 0.729402) = (-0.614961, 0.922051).
  expectNear(at(0.75f), {-0.614961f, 0.922051f, 0}, 2e-3f);
  expectNear(at(0.0f), {-0.5f, 1.5f, 0}, 1e-5f);  // the bind pose, after a backwards scrub
}

}  // namespace
