// Animation sampling, posing, skinning and morphing against values worked out by hand from the
// glTF definitions (no loader involved: every scene here is built in the test).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include <glm/gtc/matrix_transform.hpp>

#include "scenes/animation_sampler.h"
#include "scenes/animation_timing.h"
#include "scenes/deform.h"
#include "scenes/pose.h"

namespace ps::scenes {
namespace {

constexpr float kEps = 1e-5f;

void expectVec(const glm::vec3& got, const glm::vec3& want) {
  EXPECT_NEAR(got.x, want.x, kEps);
  EXPECT_NEAR(got.y, want.y, kEps);
  EXPECT_NEAR(got.z, want.z, kEps);
}

// One root node with TRS, animated by `sampler` on `path`.
MeshScene oneNode() {
  MeshScene scene;
  MeshNode node;
  node.trs = NodeTrs{};
  scene.nodes.push_back(node);
  scene.roots = {0};
  return scene;
}

Animation animate(AnimationPath path, AnimationSampler sampler, int node = 0) {
  Animation a;
  a.name = "test";
  a.samplers.push_back(std::move(sampler));
  a.channels.push_back(AnimationChannel{node, path, 0});
  return a;
}

glm::vec3 translationAt(const MeshScene& scene, const Animation& a, float t, int node = 0) {
  const std::vector<glm::mat4> world = worldMatrices(scene, poseAt(scene, a, t));
  return glm::vec3(world[static_cast<std::size_t>(node)][3]);
}

TEST(AnimationTest, LinearTranslationAtKeysBetweenThemAndOutside) {
  const MeshScene scene = oneNode();
  const Animation a = animate(AnimationPath::Translation,
                              AnimationSampler{{1.0f, 3.0f}, {0, 0, 0, 4, 2, 0}, 3, Interpolation::Linear});
  expectVec(translationAt(scene, a, 0.0f), {0, 0, 0});   // before the first key: held
  expectVec(translationAt(scene, a, 1.0f), {0, 0, 0});   // the first key
  expectVec(translationAt(scene, a, 2.0f), {2, 1, 0});   // half way
  expectVec(translationAt(scene, a, 2.5f), {3, 1.5f, 0});
  expectVec(translationAt(scene, a, 3.0f), {4, 2, 0});   // the last key
  expectVec(translationAt(scene, a, 7.0f), {4, 2, 0});   // after it: held
  // Scrubbing backwards after playing to the end lands on the same pose as going there directly.
  expectVec(translationAt(scene, a, 1.5f), {1, 0.5f, 0});
  EXPECT_FLOAT_EQ(a.duration(), 3.0f);
}

TEST(AnimationTest, StepHoldsEachKeyUntilTheNext) {
  const MeshScene scene = oneNode();
  const Animation a = animate(AnimationPath::Translation,
                              AnimationSampler{{0, 1, 2}, {0, 0, 0, 10, 0, 0, 20, 0, 0}, 3, Interpolation::Step});
  expectVec(translationAt(scene, a, -1.0f), {0, 0, 0});
  expectVec(translationAt(scene, a, 0.99f), {0, 0, 0});
  expectVec(translationAt(scene, a, 1.0f), {10, 0, 0});
  expectVec(translationAt(scene, a, 1.5f), {10, 0, 0});
  expectVec(translationAt(scene, a, 2.0f), {20, 0, 0});
  expectVec(translationAt(scene, a, 9.0f), {20, 0, 0});
  expectVec(translationAt(scene, a, 0.5f), {0, 0, 0});  // backwards
}

TEST(AnimationTest, CubicSplineIsTheHermiteWithTangentsScaledByTheInterval) {
  const MeshScene scene = oneNode();
  // Keys at 0 s and 2 s on x: key 0 value 0, out-tangent 1; key 1 value 1, in-tangent 2.
  // At 1 s, u = 0.5: h00 = 0.5, h10 = 0.125, h01 = 0.5, h11 = -0.125, interval 2:
  // 0.5*0 + 0.125*2*1 + 0.5*1 - 0.125*2*2 = 0.25. At 0.5 s, u = 0.25: h10 = 0.140625,
  // h01 = 0.15625, h11 = -0.046875: 0.28125 + 0.15625 - 0.1875 = 0.25.
  AnimationSampler s{{0.0f, 2.0f},
                     {/*key 0*/ 9, 0, 0, 0, 0, 0, 1, 0, 0, /*key 1*/ 2, 0, 0, 1, 0, 0, 9, 0, 0},
                     3,
                     Interpolation::CubicSpline};
  const Animation a = animate(AnimationPath::Translation, s);
  expectVec(translationAt(scene, a, 0.0f), {0, 0, 0});
  expectVec(translationAt(scene, a, 1.0f), {0.25f, 0, 0});
  expectVec(translationAt(scene, a, 0.5f), {0.25f, 0, 0});
  expectVec(translationAt(scene, a, 2.0f), {1, 0, 0});
  expectVec(translationAt(scene, a, 5.0f), {1, 0, 0});  // the value, not a tangent, after the end
  expectVec(translationAt(scene, a, -5.0f), {0, 0, 0});
}

TEST(AnimationTest, LinearRotationIsSlerpAlongTheShorterArc) {
  const float h = std::sin(std::numbers::pi_v<float> / 4);  // 90 degrees about +Y: (0, h, 0, h)
  // The second key stored negated: the same rotation, so the shorter arc is still 90 degrees.
  AnimationSampler s{{0.0f, 1.0f}, {0, 0, 0, 1, 0, -h, 0, -h}, 4, Interpolation::Linear};
  float q[4];
  sampleAt(s, 0.5f, true, q);
  const float sign = q[3] < 0 ? -1.0f : 1.0f;
  EXPECT_NEAR(sign * q[0], 0.0f, kEps);
  EXPECT_NEAR(sign * q[1], std::sin(std::numbers::pi_v<float> / 8), kEps);  // 45 degrees
  EXPECT_NEAR(sign * q[2], 0.0f, kEps);
  EXPECT_NEAR(sign * q[3], std::cos(std::numbers::pi_v<float> / 8), kEps);
  // The node's +X axis turned 45 degrees about +Y points to (cos 45, 0, -sin 45).
  MeshScene scene = oneNode();
  const Animation a = animate(AnimationPath::Rotation, s);
  const glm::mat4 world = worldMatrices(scene, poseAt(scene, a, 0.5f))[0];
  expectVec(glm::vec3(world * glm::vec4(1, 0, 0, 0)), {h, 0, -h});
}

TEST(AnimationTest, CubicSplineRotationsComeOutNormalised) {
  // Tangents that push the value off the unit sphere.
  AnimationSampler s{{0.0f, 1.0f}, {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0},
                     4, Interpolation::CubicSpline};
  float q[4];
  sampleAt(s, 0.5f, true, q);
  EXPECT_NEAR(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3], 1.0f, kEps);
}

TEST(AnimationTest, ChildFollowsItsAnimatedParentAndScaleComposes) {
  MeshScene scene;
  MeshNode parent, child;
  parent.trs = NodeTrs{};
  parent.children = {1};
  child.parent = 0;
  child.trs = NodeTrs{{0, 1, 0}, {1, 0, 0, 0}, {1, 1, 1}};
  child.local = child.trs->matrix();
  scene.nodes = {parent, child};
  scene.roots = {0};
  Animation a;
  a.samplers.push_back(AnimationSampler{{0, 1}, {0, 0, 0, 2, 0, 0}, 3, Interpolation::Linear});
  a.samplers.push_back(AnimationSampler{{0, 1}, {1, 1, 1, 3, 3, 3}, 3, Interpolation::Linear});
  a.channels = {{0, AnimationPath::Translation, 0}, {0, AnimationPath::Scale, 1}};
  // At 0.5 s the parent sits at (1, 0, 0) scaled by 2: the child's (0, 1, 0) lands at (1, 2, 0).
  expectVec(translationAt(scene, a, 0.5f, 1), {1, 2, 0});
  // Channels the animation leaves alone keep the rest pose.
  expectVec(glm::vec3(worldMatrices(scene, restPose(scene))[1][3]), {0, 1, 0});
}

TEST(AnimationTest, MorphWeightsAnimateAndMoveTheVertex) {
  MeshScene scene = oneNode();
  MeshPrimitive p;
  p.positions = {{1, 0, 0}, {0, 0, 0}, {0, 1, 0}};
  p.indices = {0, 1, 2};
  p.targets.resize(2);
  p.targets[0].positions = {{0, 1, 0}, {0, 0, 0}, {0, 0, 0}};
  p.targets[1].positions = {{0, 0, 2}, {0, 0, 0}, {0, 0, 0}};
  scene.meshes.push_back(Mesh{"morph", {p}, {0.0f, 0.0f}});
  scene.nodes[0].mesh = 0;
  // Weights go from (0, 0) at 0 s to (1, 0.5) at 2 s; at 1 s they are (0.5, 0.25), so the
  // first vertex is (1, 0, 0) + 0.5 * (0, 1, 0) + 0.25 * (0, 0, 2) = (1, 0.5, 0.5).
  const Animation a = animate(AnimationPath::Weights,
                              AnimationSampler{{0.0f, 2.0f}, {0, 0, 1, 0.5f}, 2, Interpolation::Linear});
  const Pose pose = poseAt(scene, a, 1.0f);
  ASSERT_EQ(pose.weights[0].size(), 2u);
  EXPECT_NEAR(pose.weights[0][0], 0.5f, kEps);
  EXPECT_NEAR(pose.weights[0][1], 0.25f, kEps);
  expectVec(morphedPositions(p, pose.weights[0])[0], {1, 0.5f, 0.5f});
  expectVec(morphedPositions(p, restPose(scene).weights[0])[0], {1, 0, 0});
}

TEST(AnimationTest, SkinnedVertexFollowsItsJointsWhateverTheMeshNodeTransform) {
  // Node 0 draws the mesh (placed at x = 5, which skinning must not add twice); node 1 is a
  // joint at the origin; node 2 a joint bound at (0, 1, 0) that the animation turns 90 degrees
  // about +Z and lifts to (0, 2, 0).
  MeshScene scene;
  MeshNode mesh, root, tip;
  mesh.trs = NodeTrs{{5, 0, 0}, {1, 0, 0, 0}, {1, 1, 1}};
  mesh.local = mesh.trs->matrix();
  mesh.mesh = 0;
  mesh.skin = 0;
  root.trs = NodeTrs{};
  root.children = {2};
  tip.parent = 1;
  tip.trs = NodeTrs{{0, 1, 0}, {1, 0, 0, 0}, {1, 1, 1}};
  tip.local = tip.trs->matrix();
  scene.nodes = {mesh, root, tip};
  scene.roots = {0, 1};
  scene.skins.push_back(Skin{"arm", {1, 2}, {glm::mat4(1.0f), glm::translate(glm::mat4(1.0f), {0, -1, 0})}, 1});
  MeshPrimitive p;
  p.positions = {{1, 1, 0}, {1, 1, 0}};
  p.joints = {{0, 1, 0, 0}, {0, 1, 0, 0}};
  p.weights = {{0.25f, 0.75f, 0, 0}, {1, 0, 0, 0}};
  scene.meshes.push_back(Mesh{"arm", {p}, {}});

  const float h = std::sin(std::numbers::pi_v<float> / 4);
  Animation a;
  a.samplers.push_back(AnimationSampler{{0, 1}, {0, 1, 0, 0, 2, 0}, 3, Interpolation::Linear});
  a.samplers.push_back(AnimationSampler{{0, 1}, {0, 0, 0, 1, 0, 0, h, h}, 4, Interpolation::Linear});
  a.channels = {{2, AnimationPath::Translation, 0}, {2, AnimationPath::Rotation, 1}};

  const std::vector<glm::mat4> world = worldMatrices(scene, poseAt(scene, a, 1.0f));
  const std::vector<glm::mat4> joints = jointMatrices(scene, scene.skins[0], world, 0);
  const std::vector<glm::vec3> skinned = skinnedPositions(p, p.positions, joints);
  // Joint 1 takes (1, 1, 0) to (1, 0, 0) relative to its bind, turns it to (0, 1, 0) and adds
  // (0, 2, 0): (0, 3, 0). Joint 0 leaves it at (1, 1, 0). Blended 0.25 / 0.75: (0.25, 2.5, 0).
  expectVec(glm::vec3(world[0] * glm::vec4(skinned[0], 1)), {0.25f, 2.5f, 0});
  expectVec(glm::vec3(world[0] * glm::vec4(skinned[1], 1)), {1, 1, 0});
  // At the first key, the bind pose: every vertex where the file put it, in the set's space.
  const std::vector<glm::mat4> bindWorld = worldMatrices(scene, poseAt(scene, a, 0.0f));
  const std::vector<glm::vec3> bind = skinnedPositions(p, p.positions, jointMatrices(scene, scene.skins[0], bindWorld, 0));
  expectVec(glm::vec3(bindWorld[0] * glm::vec4(bind[0], 1)), {1, 1, 0});
}

TEST(AnimationTest, TimingMapsShotTimeThroughStartOffsetSpeedAndLoop) {
  const AnimationTiming once{10.0, 1.0, 2.0, false};
  EXPECT_DOUBLE_EQ(animationTime(once, 3.0, 0.0), 1.0);    // before its start: held at offset
  EXPECT_DOUBLE_EQ(animationTime(once, 3.0, 10.5), 2.0);
  EXPECT_DOUBLE_EQ(animationTime(once, 3.0, 20.0), 21.0);  // the sampler holds the last key
  const AnimationTiming looped{10.0, 1.0, 2.0, true};
  EXPECT_DOUBLE_EQ(animationTime(looped, 3.0, 11.0), 0.0);  // 3 wraps to 0
  EXPECT_DOUBLE_EQ(animationTime(looped, 3.0, 12.0), 2.0);  // 5 wraps to 2
  const AnimationTiming backwards{0.0, 1.0, -1.0, true};
  EXPECT_DOUBLE_EQ(animationTime(backwards, 3.0, 2.0), 2.0);  // -1 wraps to 2
  // A pure function of shot time: scrubbing back to a time repeats its value.
  EXPECT_DOUBLE_EQ(animationTime(looped, 3.0, 12.0), animationTime(looped, 3.0, 12.0));
}

}  // namespace
}  // namespace ps::scenes
