// PoseBuffers (the pose kept from frame to frame) gives exactly what poseAt and worldMatrices
// give, at any time in any order, in the storage of its first pose; jointMatrices into a kept
// vector equals the allocating one.
#include <gtest/gtest.h>

#include "scenes/pose.h"

namespace ps::scenes {
namespace {

// A root turning about Y and a child sliding along X under it, drawing a mesh of two morph
// targets whose weights go from (0, 1) to (1, 0); the child skinned by the root and itself.
MeshScene animatedScene() {
  MeshScene s;
  MeshPrimitive p;
  p.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
  p.targets.resize(2);
  s.meshes.push_back(Mesh{"m", {p}, {0.25f, 0.5f}});
  MeshNode root{"root", glm::mat4(1.0f), -1, -1, {1}, NodeTrs{}, -1};
  MeshNode child{"child", glm::mat4(1.0f), 0, 0, {}, NodeTrs{}, 0};
  s.nodes = {root, child};
  s.roots = {0};
  s.skins.push_back(Skin{"skin", {0, 1}, {glm::mat4(1.0f), glm::mat4(2.0f)}, 0});
  Animation a;
  a.name = "a";
  a.samplers.push_back(AnimationSampler{{0, 2}, {0, 0, 0, 1, 0, 0.7071068f, 0, 0.7071068f}, 4, Interpolation::Linear});
  a.samplers.push_back(AnimationSampler{{0, 1}, {0, 0, 0, 3, 0, 0}, 3, Interpolation::Linear});
  a.samplers.push_back(AnimationSampler{{0, 1}, {0, 1, 1, 0}, 2, Interpolation::Step});
  a.channels = {{0, AnimationPath::Rotation, 0}, {1, AnimationPath::Translation, 1}, {1, AnimationPath::Weights, 2}};
  s.animations.push_back(a);
  return s;
}

TEST(PoseBuffers, MatchPoseAtAndWorldMatricesInKeptStorage) {
  const MeshScene scene = animatedScene();
  PoseBuffers buffers;
  buffers.compute(scene, &scene.animations[0], 0.3f);
  const glm::mat4* world = buffers.world().data();
  for (const float t : {1.7f, 0.3f, 0.0f, 5.0f, 1.0f}) {
    SCOPED_TRACE(t);
    buffers.compute(scene, &scene.animations[0], t);
    const Pose want = poseAt(scene, scene.animations[0], t);
    EXPECT_EQ(buffers.pose().local, want.local);
    EXPECT_EQ(buffers.pose().weights, want.weights);
    EXPECT_EQ(buffers.world(), worldMatrices(scene, want));
    EXPECT_EQ(buffers.world().data(), world);
  }
  buffers.compute(scene, nullptr, 0.0f);
  EXPECT_EQ(buffers.pose().local, restPose(scene).local);
  EXPECT_EQ(buffers.pose().weights[1], (std::vector<float>{0.25f, 0.5f}));

  buffers.compute(scene, &scene.animations[0], 1.0f);
  std::vector<glm::mat4> joints(7, glm::mat4(5.0f));  // resized to the skin's two
  jointMatrices(scene.skins[0], buffers.world(), 1, joints);
  EXPECT_EQ(joints, jointMatrices(scene, scene.skins[0], buffers.world(), 1));
}

}  // namespace
}  // namespace ps::scenes
