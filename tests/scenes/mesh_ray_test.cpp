// Rays against placed meshes: the distance to the nearest face, through instance and set
// transforms, and nothing for a ray that passes by.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "scenes/mesh_ray.h"

namespace ps::scenes {
namespace {

// A unit cube centred at the origin, as 12 triangles.
MeshPrimitive unitCube() {
  MeshPrimitive p;
  for (int i = 0; i < 8; ++i)
    p.positions.push_back({(i & 1) ? 0.5f : -0.5f, (i & 2) ? 0.5f : -0.5f, (i & 4) ? 0.5f : -0.5f});
  p.indices = {0, 1, 3, 0, 3, 2, 4, 6, 7, 4, 7, 5, 0, 4, 5, 0, 5, 1,
               2, 3, 7, 2, 7, 6, 0, 2, 6, 0, 6, 4, 1, 5, 7, 1, 7, 3};
  p.boundsMin = glm::vec3(-0.5f);
  p.boundsMax = glm::vec3(0.5f);
  return p;
}

MeshScene twoBoxes() {
  MeshScene scene;
  scene.meshes.push_back(Mesh{"cube", {unitCube()}, {}});
  MeshNode near, far;
  near.mesh = far.mesh = 0;
  near.local = glm::translate(glm::mat4(1.0f), glm::vec3(0, 0, -3));
  far.local = glm::scale(glm::translate(glm::mat4(1.0f), glm::vec3(0, 0, -6)), glm::vec3(2.0f));
  scene.nodes = {near, far};
  scene.roots = {0, 1};
  return scene;
}

TEST(MeshRay, TheNearestFaceAlongTheRay) {
  const MeshScene scene = twoBoxes();
  const MeshRayTarget target(scene, glm::mat4(1.0f));
  const auto hit = target.nearestHit({0, 0, 0}, {0, 0, -1});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(*hit, 2.5f, 1e-5);  // the near box's front face
  // Past the near box's side, the far (scaled) box: its front face at z = -5.
  const auto past = target.nearestHit({0.75f, 0, 0}, {0, 0, -1});
  ASSERT_TRUE(past);
  EXPECT_NEAR(*past, 5.0f, 1e-5);
  EXPECT_FALSE(target.nearestHit({0, 0, 0}, {0, 0, 1}));     // behind
  EXPECT_FALSE(target.nearestHit({0, 3, 0}, {0, 0, -1}));    // above both
}

TEST(MeshRay, TheSetTransformPlacesTheMeshes) {
  const MeshScene scene = twoBoxes();
  const MeshRayTarget target(scene, glm::translate(glm::mat4(1.0f), glm::vec3(0, 1.6f, 0)));
  EXPECT_FALSE(target.nearestHit({0, 0, 0}, {0, 0, -1}));  // both boxes now stand above the floor-level ray
  const auto hit = target.nearestHit({0, 1.6f, 0}, {0, 0, -1});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(*hit, 2.5f, 1e-5);
  // From inside a box, its far face.
  const auto inside = target.nearestHit({0, 1.6f, -3}, {0, 0, -1});
  ASSERT_TRUE(inside);
  EXPECT_NEAR(*inside, 0.5f, 1e-5);
}

}  // namespace
}  // namespace ps::scenes
