#include "mesh_test_scenes.h"

#include <algorithm>
#include <array>

#include <glm/geometric.hpp>

namespace ps::test {

namespace {

// Appends a face: corners a (top-left), b (top-right), c (bottom-right), d (bottom-left) as
// seen from its front, two counter-clockwise triangles.
void addFace(scenes::MeshPrimitive& p, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, bool withNormals) {
  const auto base = static_cast<std::uint32_t>(p.positions.size());
  const glm::vec3 normal = glm::normalize(glm::cross(b - a, a - d));
  const std::array<glm::vec3, 4> corners{a, b, c, d};
  const std::array<glm::vec2, 4> uvs{glm::vec2(0, 0), glm::vec2(1, 0), glm::vec2(1, 1), glm::vec2(0, 1)};
  for (std::size_t i = 0; i < 4; ++i) {
    p.positions.push_back(corners[i]);
    if (withNormals) p.normals.push_back(normal);
    p.uvs.push_back(uvs[i]);
  }
  // Seen from the front with x right and y up, a -> d -> c is counter-clockwise.
  p.indices.insert(p.indices.end(), {base, base + 3, base + 2, base, base + 2, base + 1});
}

void computeBounds(scenes::MeshPrimitive& p) {
  p.boundsMin = p.boundsMax = p.positions.front();
  for (const glm::vec3& v : p.positions) {
    p.boundsMin = glm::min(p.boundsMin, v);
    p.boundsMax = glm::max(p.boundsMax, v);
  }
}

}  // namespace

scenes::MeshPrimitive boxPrimitive(glm::vec3 lo, glm::vec3 hi) {
  scenes::MeshPrimitive p;
  // Eight corners: x from lo/hi, y, z.
  auto c = [&](bool x, bool y, bool z) { return glm::vec3(x ? hi.x : lo.x, y ? hi.y : lo.y, z ? hi.z : lo.z); };
  addFace(p, c(0, 1, 1), c(1, 1, 1), c(1, 0, 1), c(0, 0, 1), true);  // +z (front)
  addFace(p, c(1, 1, 0), c(0, 1, 0), c(0, 0, 0), c(1, 0, 0), true);  // -z
  addFace(p, c(1, 1, 1), c(1, 1, 0), c(1, 0, 0), c(1, 0, 1), true);  // +x
  addFace(p, c(0, 1, 0), c(0, 1, 1), c(0, 0, 1), c(0, 0, 0), true);  // -x
  addFace(p, c(0, 1, 0), c(1, 1, 0), c(1, 1, 1), c(0, 1, 1), true);  // +y (seen from above, -z at the top)
  addFace(p, c(0, 0, 1), c(1, 0, 1), c(1, 0, 0), c(0, 0, 0), true);  // -y
  computeBounds(p);
  return p;
}

scenes::MeshPrimitive quadPrimitive(glm::vec3 topLeft, glm::vec3 right, glm::vec3 down, bool withNormals) {
  scenes::MeshPrimitive p;
  addFace(p, topLeft, topLeft + right, topLeft + right + down, topLeft + down, withNormals);
  computeBounds(p);
  return p;
}

scenes::MeshMaterial unlitMaterial(glm::vec4 color) {
  scenes::MeshMaterial m;
  m.name = "unlit";
  m.baseColorFactor = color;
  m.unlit = true;
  return m;
}

scenes::MeshMaterial matteMaterial(glm::vec4 color) {
  scenes::MeshMaterial m;
  m.name = "matte";
  m.baseColorFactor = color;
  m.metallicFactor = 0.0f;
  m.roughnessFactor = 1.0f;
  return m;
}

int MeshSceneBuilder::material(scenes::MeshMaterial m) {
  scene_.materials.push_back(std::move(m));
  return static_cast<int>(scene_.materials.size()) - 1;
}

int MeshSceneBuilder::image(scenes::MeshImage image) {
  scene_.images.push_back(std::move(image));
  return static_cast<int>(scene_.images.size()) - 1;
}

int MeshSceneBuilder::node(scenes::MeshPrimitive primitive, int material, const glm::mat4& local) {
  primitive.material = material;
  scenes::Mesh mesh;
  mesh.name = "mesh " + std::to_string(scene_.meshes.size());
  mesh.primitives.push_back(std::move(primitive));
  scene_.meshes.push_back(std::move(mesh));
  scenes::MeshNode node;
  node.name = "node " + std::to_string(scene_.nodes.size());
  node.local = local;
  node.mesh = static_cast<int>(scene_.meshes.size()) - 1;
  scene_.nodes.push_back(std::move(node));
  const int index = static_cast<int>(scene_.nodes.size()) - 1;
  scene_.roots.push_back(index);
  return index;
}

}  // namespace ps::test
