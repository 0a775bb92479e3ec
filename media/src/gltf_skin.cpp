#include "gltf_skin.h"

#include <set>
#include <string>

#include "gltf_accessor_kind.h"

namespace ps::media::gltf {

namespace {

Result<scenes::Skin> readSkin(const tinygltf::Model& model, std::size_t index, const Context& ctx) {
  const tinygltf::Skin& s = model.skins[index];
  const std::string at = pointer("skins", index);
  const std::size_t nodes = model.nodes.size();
  scenes::Skin skin;
  skin.name = s.name;
  if (s.joints.empty()) return ctx.error(at + "/joints", "must not be empty");
  std::set<int> seen;
  for (std::size_t j = 0; j < s.joints.size(); ++j) {
    const int joint = s.joints[j];
    const std::string jointAt = at + "/joints/" + std::to_string(j);
    if (joint < 0 || static_cast<std::size_t>(joint) >= nodes)
      return ctx.error(jointAt, "node " + std::to_string(joint) + " does not exist (there are " + std::to_string(nodes) + ")");
    if (!seen.insert(joint).second) return ctx.error(jointAt, "node " + std::to_string(joint) + " is listed twice");
    skin.joints.push_back(joint);
  }
  if (s.skeleton < -1 || (s.skeleton >= 0 && static_cast<std::size_t>(s.skeleton) >= nodes))
    return ctx.error(at + "/skeleton", "node " + std::to_string(s.skeleton) + " does not exist (there are " +
                                           std::to_string(nodes) + ")");
  skin.skeleton = s.skeleton;
  skin.inverseBind.assign(skin.joints.size(), glm::mat4(1.0f));
  if (s.inverseBindMatrices >= 0) {
    const std::string ibmAt = at + "/inverseBindMatrices";
    if (Status st = checkAccessorKind(model, s.inverseBindMatrices, ibmAt, "inverseBindMatrices",
                                      AccessorKind{TINYGLTF_TYPE_MAT4, true, false, false, false}, ctx);
        !st)
      return st.error();
    const std::size_t count = model.accessors[static_cast<std::size_t>(s.inverseBindMatrices)].count;
    if (count < skin.joints.size())
      return ctx.error(ibmAt, "has " + std::to_string(count) + " matrices for " + std::to_string(skin.joints.size()) +
                                  " joints");
    auto floats = readFiniteFloats(model, s.inverseBindMatrices, ibmAt, ctx);
    if (!floats) return floats.error();
    for (std::size_t j = 0; j < skin.joints.size(); ++j)
      for (int c = 0; c < 4; ++c)  // column by column, as glTF and glm store them
        for (int r = 0; r < 4; ++r) skin.inverseBind[j][c][r] = (*floats)[16 * j + static_cast<std::size_t>(4 * c + r)];
  }
  return skin;
}

}  // namespace

Status readSkins(const tinygltf::Model& model, const Context& ctx, scenes::MeshScene& out) {
  for (std::size_t i = 0; i < model.skins.size(); ++i) {
    auto skin = readSkin(model, i, ctx);
    if (!skin) return skin.error();
    out.skins.push_back(std::move(skin).value());
  }
  for (std::size_t i = 0; i < model.nodes.size(); ++i) {
    const int s = model.nodes[i].skin;
    if (s == -1) continue;
    const std::string at = pointer("nodes", i, "skin");
    if (s < 0 || static_cast<std::size_t>(s) >= out.skins.size())
      return ctx.error(at, "skin " + std::to_string(s) + " does not exist (there are " + std::to_string(out.skins.size()) + ")");
    scenes::MeshNode& node = out.nodes[i];
    if (node.mesh < 0) return ctx.error(at, "the node has a skin but no mesh");
    node.skin = s;
    const std::size_t joints = out.skins[static_cast<std::size_t>(s)].joints.size();
    const scenes::Mesh& mesh = out.meshes[static_cast<std::size_t>(node.mesh)];
    for (std::size_t p = 0; p < mesh.primitives.size(); ++p) {
      const scenes::MeshPrimitive& primitive = mesh.primitives[p];
      if (primitive.joints.empty())
        return ctx.error(at, "mesh " + std::to_string(node.mesh) + " has a primitive without JOINTS_0 and WEIGHTS_0");
      for (std::size_t v = 0; v < primitive.joints.size(); ++v)
        for (int k = 0; k < 4; ++k)
          if (primitive.joints[v][k] >= joints && primitive.weights[v][k] != 0.0f)
            return ctx.error(at, "mesh " + std::to_string(node.mesh) + " vertex " + std::to_string(v) + " names joint " +
                                     std::to_string(primitive.joints[v][k]) + " of a skin with " +
                                     std::to_string(joints));
    }
  }
  return ok();
}

}  // namespace ps::media::gltf
