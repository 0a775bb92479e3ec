#include "gltf_primitive.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <glm/common.hpp>

#include "gltf_accessor.h"
#include "gltf_deform.h"
#include "gltf_quantization.h"
#include "gltf_texture_transform.h"
#include "scenes/printable.h"

namespace ps::media::gltf {

using scenes::quote;

namespace {

struct Attribute {
  int accessor = -1;
  std::string at;  // its JSON pointer in the primitive
};

std::string accessorAt(int accessor) { return pointer("accessors", static_cast<std::size_t>(accessor)); }

// Checks the accessor's type against what the semantic allows (gltf_quantization.h).
Status checkType(const tinygltf::Model& model, const Attribute& a, const char* semantic, int type, const Context& ctx) {
  const tinygltf::Accessor& acc = model.accessors[static_cast<std::size_t>(a.accessor)];
  const Allowed allowed = attributeComponents(semantic, acc.componentType, acc.normalized);
  const bool quantization = ctx.compression.quantization;
  if (acc.type != type || allowed == Allowed::No || (allowed == Allowed::WithQuantization && !quantization))
    return ctx.error(a.at, std::string(semantic) + " must be " + typeName(type) + " of " +
                               allowedComponents(semantic, quantization) + ", not " + typeName(acc.type) + " of " +
                               (acc.normalized ? "normalized " : "") + componentTypeName(acc.componentType) +
                               (acc.type == type && allowed == Allowed::WithQuantization
                                    ? " (which KHR_mesh_quantization allows, but the file does not list it)"
                                    : ""));
  return ok();
}

template <typename Vec, int N>
Result<std::vector<Vec>> readFloats(const tinygltf::Model& model, const Attribute& a, const Context& ctx) {
  const AccessorData d = accessorData(model, a.accessor);
  std::vector<Vec> out(d.count);
  for (std::size_t i = 0; i < d.count; ++i)
    for (int c = 0; c < N; ++c) {
      const float v = d.component(i, static_cast<std::size_t>(c));
      if (!std::isfinite(v))
        return ctx.error(accessorAt(a.accessor), "element " + std::to_string(i) + " is not finite (" + a.at + ")");
      out[i][c] = v;
    }
  return out;
}

// glTF's rules for strips and fans, keeping the winding of the first triangle.
std::vector<std::uint32_t> toList(const std::vector<std::uint32_t>& in, int mode) {
  std::vector<std::uint32_t> out;
  if (in.size() < 3) return out;
  out.reserve((in.size() - 2) * 3);
  for (std::size_t i = 0; i + 2 < in.size(); ++i) {
    if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
      const bool odd = i % 2 == 1;
      out.insert(out.end(), {in[i], in[odd ? i + 2 : i + 1], in[odd ? i + 1 : i + 2]});
    } else {
      out.insert(out.end(), {in[i + 1], in[i + 2], in[0]});
    }
  }
  return out;
}

Result<std::vector<std::uint32_t>> readIndices(const tinygltf::Model& model, int accessor, const std::string& at,
                                               std::size_t vertexCount, const Context& ctx) {
  const tinygltf::Accessor& acc = model.accessors[static_cast<std::size_t>(accessor)];
  const bool unsignedInt = acc.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
                           acc.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT ||
                           acc.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
  if (acc.type != TINYGLTF_TYPE_SCALAR || !unsignedInt || acc.normalized)
    return ctx.error(at, std::string("indices must be SCALAR of unsigned byte, short or int, not ") +
                             typeName(acc.type) + " of " + (acc.normalized ? "normalized " : "") +
                             componentTypeName(acc.componentType));
  const AccessorData d = accessorData(model, accessor);
  std::vector<std::uint32_t> out(d.count);
  for (std::size_t i = 0; i < d.count; ++i) {
    out[i] = d.index(i);
    if (out[i] >= vertexCount)
      return ctx.error(accessorAt(accessor), "index " + std::to_string(out[i]) + " at element " + std::to_string(i) +
                                                 " is past the " + std::to_string(vertexCount) + " vertices of " + at);
  }
  return out;
}

Result<bool> readPrimitive(const tinygltf::Model& model, const tinygltf::Primitive& p, const std::string& at,
                           Context& ctx, Totals& totals, scenes::MeshPrimitive& out) {
  const int mode = p.mode < 0 ? TINYGLTF_MODE_TRIANGLES : p.mode;
  if (mode == TINYGLTF_MODE_POINTS || mode == TINYGLTF_MODE_LINE || mode == TINYGLTF_MODE_LINE_LOOP ||
      mode == TINYGLTF_MODE_LINE_STRIP) {
    ctx.warn(at + "/mode", "points and lines are not drawn; the primitive is skipped");
    return false;
  }
  if (mode != TINYGLTF_MODE_TRIANGLES && mode != TINYGLTF_MODE_TRIANGLE_STRIP && mode != TINYGLTF_MODE_TRIANGLE_FAN)
    return ctx.error(at + "/mode", std::to_string(mode) + " is not a glTF primitive mode");
  if (p.material >= 0 && static_cast<std::size_t>(p.material) >= model.materials.size())
    return ctx.error(at + "/material", "material " + std::to_string(p.material) + " does not exist (there are " +
                                           std::to_string(model.materials.size()) + ")");
  if (p.material < -1) return ctx.error(at + "/material", "must be a non-negative integer");
  out.material = p.material;

  Attribute position, normal, uv, tangent;
  for (const auto& [name, accessor] : p.attributes) {
    const std::string attributeAt = at + "/attributes/" + scenes::pointerToken(name);
    if (accessor < 0 || static_cast<std::size_t>(accessor) >= model.accessors.size())
      return ctx.error(attributeAt, "accessor " + std::to_string(accessor) + " does not exist (there are " +
                                        std::to_string(model.accessors.size()) + ")");
    Attribute a{accessor, attributeAt};
    if (name == "POSITION") position = a;
    else if (name == "NORMAL") normal = a;
    else if (name == "TEXCOORD_0") uv = a;
    else if (name == "TANGENT") tangent = a;
    else if (name != "JOINTS_0" && name != "WEIGHTS_0")  // read by readDeform
      ctx.warn(attributeAt, "attribute " + quote(name) + " is not read", "attribute " + name);
  }
  if (position.accessor < 0) return ctx.error(at + "/attributes", "has no POSITION");
  if (Status s = checkType(model, position, "POSITION", TINYGLTF_TYPE_VEC3, ctx); !s) return s.error();
  const std::size_t vertices = model.accessors[static_cast<std::size_t>(position.accessor)].count;
  for (const Attribute* a : {&normal, &uv, &tangent}) {
    if (a->accessor < 0) continue;
    const std::size_t n = model.accessors[static_cast<std::size_t>(a->accessor)].count;
    if (n != vertices)
      return ctx.error(a->at, "has " + std::to_string(n) + " elements; POSITION has " + std::to_string(vertices));
  }
  if (normal.accessor >= 0)
    if (Status s = checkType(model, normal, "NORMAL", TINYGLTF_TYPE_VEC3, ctx); !s) return s.error();
  if (tangent.accessor >= 0)
    if (Status s = checkType(model, tangent, "TANGENT", TINYGLTF_TYPE_VEC4, ctx); !s) return s.error();
  if (uv.accessor >= 0)
    if (Status s = checkType(model, uv, "TEXCOORD_0", TINYGLTF_TYPE_VEC2, ctx); !s) return s.error();

  totals.vertices += vertices;
  if (totals.vertices > ctx.limits.maxVertices)
    return ctx.error(at, "the set's vertices reach " + std::to_string(totals.vertices) + ", over the limit of " +
                             std::to_string(ctx.limits.maxVertices));
  const std::uint64_t indexCount =
      p.indices >= 0 ? model.accessors[static_cast<std::size_t>(p.indices)].count : vertices;
  const std::uint64_t triangles =
      mode == TINYGLTF_MODE_TRIANGLES ? indexCount / 3 : (indexCount >= 3 ? indexCount - 2 : 0);
  totals.triangles += triangles;
  if (totals.triangles > ctx.limits.maxTriangles)
    return ctx.error(at, "the set's triangles reach " + std::to_string(totals.triangles) + ", over the limit of " +
                             std::to_string(ctx.limits.maxTriangles));

  auto positions = readFloats<glm::vec3, 3>(model, position, ctx);
  if (!positions) return positions.error();
  out.positions = std::move(positions).value();
  if (normal.accessor >= 0) {
    auto v = readFloats<glm::vec3, 3>(model, normal, ctx);
    if (!v) return v.error();
    out.normals = std::move(v).value();
  }
  if (uv.accessor >= 0) {
    auto v = readFloats<glm::vec2, 2>(model, uv, ctx);
    if (!v) return v.error();
    out.uvs = std::move(v).value();
    if (Status t = applyTextureTransform(model, p.material, out.uvs, ctx); !t) return t.error();
  }
  if (tangent.accessor >= 0) {
    auto v = readFloats<glm::vec4, 4>(model, tangent, ctx);
    if (!v) return v.error();
    out.tangents = std::move(v).value();
  }

  std::vector<std::uint32_t> indices;
  if (p.indices >= 0) {
    auto read = readIndices(model, p.indices, at + "/indices", vertices, ctx);
    if (!read) return read.error();
    indices = std::move(read).value();
  } else {
    indices.resize(vertices);
    for (std::size_t i = 0; i < vertices; ++i) indices[i] = static_cast<std::uint32_t>(i);
  }
  const std::string countAt = p.indices >= 0 ? at + "/indices" : at + "/attributes/POSITION";
  if (mode == TINYGLTF_MODE_TRIANGLES) {
    if (indices.size() % 3 != 0)
      return ctx.error(countAt, std::to_string(indices.size()) + " vertices do not make whole triangles");
    out.indices = std::move(indices);
  } else {
    if (indices.size() < 3)
      return ctx.error(countAt, std::to_string(indices.size()) + " vertices are fewer than one triangle");
    out.indices = toList(indices, mode);
  }

  out.boundsMin = out.boundsMax = out.positions.front();
  for (const glm::vec3& v : out.positions) {
    out.boundsMin = glm::min(out.boundsMin, v);
    out.boundsMax = glm::max(out.boundsMax, v);
  }
  return true;
}

}  // namespace

Result<scenes::Mesh> readMesh(const tinygltf::Model& model, std::size_t index, Context& ctx, Totals& totals) {
  const tinygltf::Mesh& m = model.meshes[index];
  scenes::Mesh mesh;
  mesh.name = m.name;
  if (m.primitives.empty()) return ctx.error(pointer("meshes", index, "primitives"), "must not be empty");
  for (std::size_t i = 0; i < m.primitives.size(); ++i) {
    scenes::MeshPrimitive primitive;
    auto read = readPrimitive(model, m.primitives[i], pointer("meshes", index) + "/primitives/" + std::to_string(i),
                              ctx, totals, primitive);
    if (!read) return read.error();
    if (!*read) continue;
    if (Status d = readDeform(model, m.primitives[i], pointer("meshes", index) + "/primitives/" + std::to_string(i), ctx,
                              primitive);
        !d)
      return d.error();
    mesh.primitives.push_back(std::move(primitive));
  }
  if (Status w = readMeshWeights(model, index, ctx, mesh); !w) return w.error();
  return mesh;
}

}  // namespace ps::media::gltf
