// The mesh layer's deformed draws through lit materials (mesh_deform.vert) on lavapipe with
// validation on: a morph target's NORMAL offsets shade a quad exactly as a plain quad with
// those normals, its POSITION offsets and a skin move it where plain geometry there would be,
// and a set mixing deformed and plain primitives draws both. A pose of the wrong size is refused.
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <glm/gtc/matrix_transform.hpp>

#include "engine/mesh_layer.h"
#include "engine_test.h"
#include "mesh_test_rig.h"
#include "mesh_test_scenes.h"
#include "scenes/pose.h"

namespace ps::test {
namespace {

using engine::MeshLayer;

class MeshDeformTest : public EngineTest {};

constexpr std::uint32_t kSize = 200;

// A lit quad facing the eye (+Z) 1 m ahead, 0.8 m wide, centred on the view.
scenes::MeshPrimitive facingQuad() { return quadPrimitive({-0.4f, 2.0f, -1.0f}, {0.8f, 0, 0}, {0, -0.8f, 0}); }

glm::u8vec4 centreOf(MeshRig& rig, MeshLayer& layer) {
  const EyePicture picture = rig.renderOne(layer, eyeAt({0.0f, 1.6f, 0.0f}));
  return picture.at(kSize / 2, kSize / 2);
}

void expectSameColour(glm::u8vec4 a, glm::u8vec4 b) {
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(a[c], b[c], 1) << "channel " << c;
}

TEST_F(MeshDeformTest, MorphedNormalsShadeAsPlainNormalsThere) {
  MeshRig rig(device(), kSize, kSize, 1);
  const scenes::MeshMaterial white = matteMaterial({0.8f, 0.8f, 0.8f, 1});
  // Plain: normals straight up (+Y), what the morph below turns the facing normals into.
  MeshSceneBuilder plain;
  scenes::MeshPrimitive up = facingQuad();
  for (glm::vec3& n : up.normals) n = {0, 1, 0};
  plain.node(up, plain.material(white));
  MeshLayer plainLayer(device());
  plainLayer.add(plain.take());
  const glm::u8vec4 lookingUp = centreOf(rig, plainLayer);

  MeshSceneBuilder b;
  scenes::MeshPrimitive morphed = facingQuad();
  scenes::MorphTarget turn;
  turn.normals.assign(morphed.positions.size(), glm::vec3(0, 1, -1));
  morphed.targets.push_back(turn);
  b.node(morphed, b.material(white));
  scenes::MeshScene scene = b.take();
  scene.meshes[0].weights = {0.0f};
  scenes::Pose pose = scenes::restPose(scene);
  const std::vector<glm::mat4> world = scenes::worldMatrices(scene, pose);
  MeshLayer layer(device());
  const MeshLayer::SetId id = layer.add(scene);
  const glm::u8vec4 facing = centreOf(rig, layer);  // weight 0: the file's normals
  pose.weights[0] = {1.0f};
  layer.setPose(id, pose, world);
  expectSameColour(centreOf(rig, layer), lookingUp);
  EXPECT_GT(std::abs(int(facing.r) - int(lookingUp.r)), 10);  // the light tells them apart

  EXPECT_THROW(layer.setPose(id, pose, std::vector<glm::mat4>(3)), std::invalid_argument);
}

TEST_F(MeshDeformTest, SkinnedAndMorphedLitGeometryLandsWherePlainGeometryWould) {
  MeshRig rig(device(), kSize, kSize, 1);
  const scenes::MeshMaterial white = matteMaterial({0.8f, 0.8f, 0.8f, 1});
  // Plain: the quad 0.3 m to the right and 0.2 m up, beside a plain quad on the left.
  const glm::vec3 shift(0.3f, 0.2f, 0.0f);
  MeshSceneBuilder plain;
  plain.node(quadPrimitive({-0.1f, 2.2f, -1.0f}, {0.4f, 0, 0}, {0, -0.4f, 0}), plain.material(white));
  plain.node(quadPrimitive({-0.9f, 1.8f, -1.0f}, {0.3f, 0, 0}, {0, -0.3f, 0}), 0);
  MeshLayer plainLayer(device());
  plainLayer.add(plain.take());
  const EyePicture want = rig.renderOne(plainLayer, eyeAt({0.0f, 1.6f, 0.0f}));

  // Deformed: the quad at the centre, moved by a morph target (x) and a joint (y), and the same
  // plain quad on the left in the same set.
  MeshSceneBuilder b;
  scenes::MeshPrimitive q = quadPrimitive({-0.4f, 2.0f, -1.0f}, {0.4f, 0, 0}, {0, -0.4f, 0});
  q.targets.push_back(scenes::MorphTarget{std::vector<glm::vec3>(q.positions.size(), {shift.x, 0, 0}), {}});
  q.joints.assign(q.positions.size(), glm::u16vec4(0, 0, 0, 0));
  q.weights.assign(q.positions.size(), glm::vec4(1, 0, 0, 0));
  const int node = b.node(q, b.material(white));
  b.node(quadPrimitive({-0.9f, 1.8f, -1.0f}, {0.3f, 0, 0}, {0, -0.3f, 0}), 0);
  scenes::MeshScene scene = b.take();
  scene.meshes[0].weights = {0.0f};
  scene.nodes.push_back(scenes::MeshNode{"joint", glm::mat4(1.0f), -1, -1, {}, std::nullopt, -1});
  scene.roots.push_back(2);
  scene.nodes[static_cast<std::size_t>(node)].skin = 0;
  scene.skins.push_back(scenes::Skin{"skin", {2}, {glm::mat4(1.0f)}, -1});
  scenes::Pose pose = scenes::restPose(scene);
  pose.weights[static_cast<std::size_t>(node)] = {1.0f};
  pose.local[2] = glm::translate(glm::mat4(1.0f), {0.0f, shift.y, 0.0f});
  MeshLayer layer(device());
  layer.setPose(layer.add(scene), pose, scenes::worldMatrices(scene, pose));
  const EyePicture got = rig.renderOne(layer, eyeAt({0.0f, 1.6f, 0.0f}));
  const Silhouette a = silhouetteOf(want.color), c = silhouetteOf(got.color);
  EXPECT_EQ(a.left, c.left);
  EXPECT_EQ(a.right, c.right);
  EXPECT_EQ(a.top, c.top);
  EXPECT_EQ(a.bottom, c.bottom);
  expectSameColour(got.at(110, 60), want.at(110, 60));  // the moved quad's centre (0.1, 2.0)
  expectSameColour(got.at(25, 95), want.at(25, 95));    // the plain quad's (-0.75, 1.65)
  EXPECT_GT(got.at(110, 60).r, 40);
  EXPECT_EQ(layer.stats().draws, 2u);
}

}  // namespace
}  // namespace ps::test
