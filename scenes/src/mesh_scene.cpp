#include "scenes/mesh_scene.h"

namespace ps::scenes {

namespace {

void collect(const MeshScene& scene, int node, const glm::mat4& parentWorld, std::vector<MeshInstance>& out,
             std::size_t depth) {
  // A validated scene is a forest, so depth is bounded by the node count; the guard keeps a
  // hand-made cyclic one from recursing forever.
  if (depth > scene.nodes.size()) return;
  const MeshNode& n = scene.nodes[static_cast<std::size_t>(node)];
  const glm::mat4 world = parentWorld * n.local;
  if (n.mesh >= 0) out.push_back(MeshInstance{node, n.mesh, world});
  for (int child : n.children) collect(scene, child, world, out, depth + 1);
}

}  // namespace

std::vector<MeshInstance> MeshScene::instances() const {
  std::vector<MeshInstance> out;
  for (int root : roots) collect(*this, root, glm::mat4(1.0f), out, 0);
  return out;
}

std::size_t MeshScene::triangleCount() const {
  std::size_t n = 0;
  for (const MeshInstance& instance : instances())
    for (const MeshPrimitive& p : meshes[static_cast<std::size_t>(instance.mesh)].primitives) n += p.indices.size() / 3;
  return n;
}

}  // namespace ps::scenes
