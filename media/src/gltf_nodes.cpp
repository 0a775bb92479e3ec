#include "gltf_nodes.h"

#include <cmath>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

namespace ps::media::gltf {

namespace {

Status finite(const std::vector<double>& values, std::size_t size, const std::string& at, const Context& ctx) {
  if (values.size() != size) return ctx.error(at, "must have " + std::to_string(size) + " numbers");
  for (double v : values)
    if (!std::isfinite(v)) return ctx.error(at, "holds a number that is not finite");
  return ok();
}

Result<glm::mat4> localMatrix(const tinygltf::Node& n, const std::string& at, const Context& ctx) {
  const bool trs = !n.translation.empty() || !n.rotation.empty() || !n.scale.empty();
  if (!n.matrix.empty()) {
    if (trs) return ctx.error(at, "has both a matrix and translation, rotation or scale");
    if (Status s = finite(n.matrix, 16, at + "/matrix", ctx); !s) return s.error();
    glm::mat4 m;
    for (int c = 0; c < 4; ++c)  // glTF stores matrices column by column, as glm does
      for (int r = 0; r < 4; ++r) m[c][r] = static_cast<float>(n.matrix[static_cast<std::size_t>(c * 4 + r)]);
    return m;
  }
  glm::mat4 m(1.0f);
  if (!n.translation.empty()) {
    if (Status s = finite(n.translation, 3, at + "/translation", ctx); !s) return s.error();
    m = glm::translate(m, glm::vec3(n.translation[0], n.translation[1], n.translation[2]));
  }
  if (!n.rotation.empty()) {
    if (Status s = finite(n.rotation, 4, at + "/rotation", ctx); !s) return s.error();
    glm::quat q(static_cast<float>(n.rotation[3]), static_cast<float>(n.rotation[0]), static_cast<float>(n.rotation[1]),
                static_cast<float>(n.rotation[2]));
    const float length = glm::length(q);
    if (!(length > 1e-6f)) return ctx.error(at + "/rotation", "is not a rotation (a zero quaternion)");
    m = m * glm::mat4_cast(q / length);
  }
  if (!n.scale.empty()) {
    if (Status s = finite(n.scale, 3, at + "/scale", ctx); !s) return s.error();
    m = glm::scale(m, glm::vec3(n.scale[0], n.scale[1], n.scale[2]));
  }
  return m;
}

// What animation channels start from; glTF's defaults where the node gives none.
scenes::NodeTrs trsOf(const tinygltf::Node& n) {
  scenes::NodeTrs trs;
  if (n.translation.size() == 3) trs.translation = glm::vec3(n.translation[0], n.translation[1], n.translation[2]);
  if (n.rotation.size() == 4)
    trs.rotation = glm::normalize(glm::quat(static_cast<float>(n.rotation[3]), static_cast<float>(n.rotation[0]),
                                            static_cast<float>(n.rotation[1]), static_cast<float>(n.rotation[2])));
  if (n.scale.size() == 3) trs.scale = glm::vec3(n.scale[0], n.scale[1], n.scale[2]);
  return trs;
}

}  // namespace

Status readNodes(const tinygltf::Model& model, Context& ctx, scenes::MeshScene& out) {
  const std::size_t count = model.nodes.size();
  out.nodes.assign(count, {});
  for (std::size_t i = 0; i < count; ++i) {
    const tinygltf::Node& n = model.nodes[i];
    const std::string at = pointer("nodes", i);
    scenes::MeshNode& node = out.nodes[i];
    node.name = n.name;
    if (n.mesh < -1 || (n.mesh >= 0 && static_cast<std::size_t>(n.mesh) >= model.meshes.size()))
      return ctx.error(at + "/mesh", "mesh " + std::to_string(n.mesh) + " does not exist (there are " +
                                         std::to_string(model.meshes.size()) + ")");
    node.mesh = n.mesh;
    auto local = localMatrix(n, at, ctx);
    if (!local) return local.error();
    node.local = *local;
    if (n.matrix.empty()) node.trs = trsOf(n);  // checked finite by localMatrix
    if (n.camera >= 0) ctx.warn(at + "/camera", "cameras are not read", "camera");
    for (std::size_t k = 0; k < n.children.size(); ++k) {
      const int child = n.children[k];
      const std::string childAt = at + "/children/" + std::to_string(k);
      if (child < 0 || static_cast<std::size_t>(child) >= count)
        return ctx.error(childAt, "node " + std::to_string(child) + " does not exist (there are " + std::to_string(count) + ")");
      scenes::MeshNode& c = out.nodes[static_cast<std::size_t>(child)];
      if (static_cast<std::size_t>(child) == i) return ctx.error(childAt, "a node cannot be its own child");
      if (c.parent >= 0)
        return ctx.error(childAt, "node " + std::to_string(child) + " already has parent node " +
                                      std::to_string(c.parent) + "; a node has at most one");
      c.parent = static_cast<int>(i);
      node.children.push_back(child);
    }
  }
  // With one parent each, a node that no walk from a parentless node reaches lies on a cycle.
  std::vector<bool> reached(count, false);
  std::vector<int> stack;
  for (std::size_t i = 0; i < count; ++i)
    if (out.nodes[i].parent < 0) stack.push_back(static_cast<int>(i));
  while (!stack.empty()) {
    const int n = stack.back();
    stack.pop_back();
    reached[static_cast<std::size_t>(n)] = true;
    for (int c : out.nodes[static_cast<std::size_t>(n)].children) stack.push_back(c);
  }
  for (std::size_t i = 0; i < count; ++i)
    if (!reached[i]) return ctx.error(pointer("nodes", i, "children"), "node " + std::to_string(i) + " is its own ancestor (a cycle)");

  if (model.defaultScene >= 0 && static_cast<std::size_t>(model.defaultScene) >= model.scenes.size())
    return ctx.error("/scene", "scene " + std::to_string(model.defaultScene) + " does not exist (there are " +
                                   std::to_string(model.scenes.size()) + ")");
  if (model.scenes.empty()) {
    ctx.warn("", "the file has no scene; every node without a parent is shown");
    for (std::size_t i = 0; i < count; ++i)
      if (out.nodes[i].parent < 0) out.roots.push_back(static_cast<int>(i));
    return ok();
  }
  const std::size_t shown = model.defaultScene >= 0 ? static_cast<std::size_t>(model.defaultScene) : 0;
  const tinygltf::Scene& scene = model.scenes[shown];
  std::vector<bool> listed(count, false);
  for (std::size_t k = 0; k < scene.nodes.size(); ++k) {
    const int n = scene.nodes[k];
    const std::string at = pointer("scenes", shown) + "/nodes/" + std::to_string(k);
    if (n < 0 || static_cast<std::size_t>(n) >= count)
      return ctx.error(at, "node " + std::to_string(n) + " does not exist (there are " + std::to_string(count) + ")");
    if (out.nodes[static_cast<std::size_t>(n)].parent >= 0)
      return ctx.error(at, "node " + std::to_string(n) + " is a child of node " +
                               std::to_string(out.nodes[static_cast<std::size_t>(n)].parent) + "; a scene lists roots");
    if (listed[static_cast<std::size_t>(n)]) return ctx.error(at, "node " + std::to_string(n) + " is listed twice");
    listed[static_cast<std::size_t>(n)] = true;
    out.roots.push_back(n);
  }
  return ok();
}

}  // namespace ps::media::gltf
