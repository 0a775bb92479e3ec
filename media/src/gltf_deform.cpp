#include "gltf_deform.h"

#include <cmath>

#include "gltf_accessor_kind.h"
#include "scenes/printable.h"

namespace ps::media::gltf {

namespace {

const AccessorKind kVec3Floats{TINYGLTF_TYPE_VEC3, true, false, false, false};

Result<std::vector<glm::vec3>> readOffsets(const tinygltf::Model& model, int accessor, const std::string& at,
                                           const std::string& use, std::size_t vertices, const Context& ctx) {
  // Quantised offsets (normalized integers) are what KHR_mesh_quantization allows.
  AccessorKind kind = kVec3Floats;
  kind.normalizedSigned = kind.normalizedUnsigned = true;
  if (Status s = checkAccessorKind(model, accessor, at, use, kind, ctx); !s) return s.error();
  const std::size_t n = model.accessors[static_cast<std::size_t>(accessor)].count;
  if (n != vertices)
    return ctx.error(at, "has " + std::to_string(n) + " elements; POSITION has " + std::to_string(vertices));
  auto floats = readFiniteFloats(model, accessor, at, ctx);
  if (!floats) return floats.error();
  std::vector<glm::vec3> out(vertices);
  for (std::size_t v = 0; v < vertices; ++v) out[v] = {(*floats)[3 * v], (*floats)[3 * v + 1], (*floats)[3 * v + 2]};
  return out;
}

}  // namespace

Status readDeform(const tinygltf::Model& model, const tinygltf::Primitive& p, const std::string& at, Context& ctx,
                  scenes::MeshPrimitive& out) {
  const std::size_t vertices = out.positions.size();
  for (std::size_t t = 0; t < p.targets.size(); ++t) {
    scenes::MorphTarget target;
    const std::string targetAt = at + "/targets/" + std::to_string(t);
    for (const auto& [name, accessor] : p.targets[t]) {
      const std::string attributeAt = targetAt + "/" + scenes::pointerToken(name);
      if (name == "POSITION" || name == "NORMAL") {
        auto offsets = readOffsets(model, accessor, attributeAt, "a morph target's " + name, vertices, ctx);
        if (!offsets) return offsets.error();
        (name == "POSITION" ? target.positions : target.normals) = std::move(offsets).value();
      } else {
        ctx.warn(attributeAt, "morph target attribute " + scenes::quote(name) + " is not read", "target " + name);
      }
    }
    out.targets.push_back(std::move(target));
  }

  const auto joints = p.attributes.find("JOINTS_0");
  const auto weights = p.attributes.find("WEIGHTS_0");
  if (joints == p.attributes.end() && weights == p.attributes.end()) return ok();
  if (joints == p.attributes.end() || weights == p.attributes.end())
    return ctx.error(at + "/attributes", "has one of JOINTS_0 and WEIGHTS_0 without the other");
  const std::string jointsAt = at + "/attributes/JOINTS_0", weightsAt = at + "/attributes/WEIGHTS_0";
  if (Status s = checkAccessorKind(model, joints->second, jointsAt, "JOINTS_0",
                                   AccessorKind{TINYGLTF_TYPE_VEC4, false, false, false, true}, ctx);
      !s)
    return s;
  if (Status s = checkAccessorKind(model, weights->second, weightsAt, "WEIGHTS_0",
                                   AccessorKind{TINYGLTF_TYPE_VEC4, true, true, false, false}, ctx);
      !s)
    return s;
  for (const auto& [accessor, where] : {std::pair{joints->second, jointsAt}, std::pair{weights->second, weightsAt}}) {
    const std::size_t n = model.accessors[static_cast<std::size_t>(accessor)].count;
    if (n != vertices)
      return ctx.error(where, "has " + std::to_string(n) + " elements; POSITION has " + std::to_string(vertices));
  }
  auto j = readFiniteFloats(model, joints->second, jointsAt, ctx);
  if (!j) return j.error();
  auto w = readFiniteFloats(model, weights->second, weightsAt, ctx);
  if (!w) return w.error();
  out.joints.resize(vertices);
  out.weights.resize(vertices);
  for (std::size_t v = 0; v < vertices; ++v)
    for (int c = 0; c < 4; ++c) {
      const std::size_t i = 4 * v + static_cast<std::size_t>(c);
      out.joints[v][c] = static_cast<std::uint16_t>((*j)[i]);
      out.weights[v][c] = (*w)[i];
    }
  return ok();
}

Status readMeshWeights(const tinygltf::Model& model, std::size_t index, const Context& ctx, scenes::Mesh& out) {
  const tinygltf::Mesh& m = model.meshes[index];
  const std::size_t targets = m.primitives.empty() ? 0 : m.primitives.front().targets.size();
  for (std::size_t i = 1; i < m.primitives.size(); ++i)
    if (m.primitives[i].targets.size() != targets)
      return ctx.error(pointer("meshes", index) + "/primitives/" + std::to_string(i) + "/targets",
                       "has " + std::to_string(m.primitives[i].targets.size()) +
                           " morph targets; primitive 0 has " + std::to_string(targets));
  if (!m.weights.empty() && m.weights.size() != targets)
    return ctx.error(pointer("meshes", index, "weights"), "has " + std::to_string(m.weights.size()) +
                                                              " weights for " + std::to_string(targets) +
                                                              " morph targets");
  out.weights.assign(targets, 0.0f);
  for (std::size_t t = 0; t < m.weights.size(); ++t) {
    if (!std::isfinite(m.weights[t]))
      return ctx.error(pointer("meshes", index, "weights") + "/" + std::to_string(t), "is not finite");
    out.weights[t] = static_cast<float>(m.weights[t]);
  }
  return ok();
}

}  // namespace ps::media::gltf
