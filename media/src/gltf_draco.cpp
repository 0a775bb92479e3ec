#include <draco/compression/decode.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "gltf_accessor.h"
#include "gltf_decompress.h"
#include "scenes/printable.h"

namespace ps::media::gltf {

using scenes::quote;

namespace {

template <typename T>
bool convert(const draco::PointAttribute& attribute, std::size_t points, int components, std::vector<unsigned char>& out) {
  out.resize(points * static_cast<std::size_t>(components) * sizeof(T));
  std::vector<T> value(static_cast<std::size_t>(components));
  for (std::size_t i = 0; i < points; ++i) {
    const draco::AttributeValueIndex index = attribute.mapped_index(draco::PointIndex(static_cast<std::uint32_t>(i)));
    if (index.value() >= attribute.size()) return false;
    if (!attribute.ConvertValue<T>(index, static_cast<std::int8_t>(components), value.data())) return false;
    std::memcpy(out.data() + i * value.size() * sizeof(T), value.data(), value.size() * sizeof(T));
  }
  return true;
}

// The attribute's values for every point, as the accessor's component type.
bool convert(const draco::PointAttribute& attribute, std::size_t points, const tinygltf::Accessor& accessor,
             int components, std::vector<unsigned char>& out) {
  switch (accessor.componentType) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: return convert<std::int8_t>(attribute, points, components, out);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return convert<std::uint8_t>(attribute, points, components, out);
    case TINYGLTF_COMPONENT_TYPE_SHORT: return convert<std::int16_t>(attribute, points, components, out);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return convert<std::uint16_t>(attribute, points, components, out);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: return convert<std::uint32_t>(attribute, points, components, out);
    case TINYGLTF_COMPONENT_TYPE_FLOAT: return convert<float>(attribute, points, components, out);
    default: return false;
  }
}

// A new buffer and buffer view holding `data`, read by `accessor` from its start.
void pointAt(tinygltf::Model& model, int accessor, std::vector<unsigned char> data) {
  tinygltf::Buffer buffer;
  buffer.data = std::move(data);
  tinygltf::BufferView view;
  view.buffer = static_cast<int>(model.buffers.size());
  view.byteLength = buffer.data.size();
  model.buffers.push_back(std::move(buffer));
  model.bufferViews.push_back(view);
  tinygltf::Accessor& a = model.accessors[static_cast<std::size_t>(accessor)];
  a.bufferView = static_cast<int>(model.bufferViews.size() - 1);
  a.byteOffset = 0;
}

Result<std::unique_ptr<draco::Mesh>> decodeMesh(const tinygltf::Model& model, const DracoPrimitive& d, const Context& ctx) {
  if (d.bufferView >= model.bufferViews.size())
    return ctx.error(d.at + "/bufferView", "buffer view " + std::to_string(d.bufferView) + " does not exist");
  const tinygltf::BufferView& view = model.bufferViews[d.bufferView];
  if (view.buffer < 0 || static_cast<std::size_t>(view.buffer) >= model.buffers.size())
    return ctx.error(pointer("bufferViews", d.bufferView, "buffer"), "buffer " + std::to_string(view.buffer) + " does not exist");
  const std::vector<unsigned char>& data = model.buffers[static_cast<std::size_t>(view.buffer)].data;
  if (view.byteOffset > data.size() || view.byteLength > data.size() - view.byteOffset)
    return ctx.error(pointer("bufferViews", d.bufferView), "runs past buffer " + std::to_string(view.buffer) + " (" +
                                                                std::to_string(data.size()) + " bytes)");
  draco::DecoderBuffer in;
  in.Init(reinterpret_cast<const char*>(data.data() + view.byteOffset), view.byteLength);
  auto type = draco::Decoder::GetEncodedGeometryType(&in);
  if (!type.ok()) return ctx.error(d.at, "the Draco data does not decode: " + scenes::printable(type.status().error_msg_string()));
  if (type.value() != draco::TRIANGULAR_MESH) return ctx.error(d.at, "the Draco data is not a triangle mesh");
  draco::Decoder decoder;
  auto mesh = decoder.DecodeMeshFromBuffer(&in);
  if (!mesh.ok()) return ctx.error(d.at, "the Draco data does not decode: " + scenes::printable(mesh.status().error_msg_string()));
  if (!mesh.value()) return ctx.error(d.at, "the Draco data does not decode: no mesh");
  return std::move(mesh).value();
}

Status decodePrimitive(tinygltf::Model& model, const DracoPrimitive& d, const Context& ctx) {
  if (d.mesh >= model.meshes.size() || d.primitive >= model.meshes[d.mesh].primitives.size())
    return ctx.error(d.at, "its primitive is missing after parsing");
  auto decoded = decodeMesh(model, d, ctx);
  if (!decoded) return decoded.error();
  const draco::Mesh& mesh = **decoded;
  const std::size_t points = mesh.num_points();
  if (points > ctx.limits.maxVertices)
    return ctx.error(d.at, "decodes to " + std::to_string(points) + " vertices, over the limit of " +
                               std::to_string(ctx.limits.maxVertices));
  const tinygltf::Primitive& primitive = model.meshes[d.mesh].primitives[d.primitive];
  for (const auto& [name, id] : d.attributes) {
    const std::string at = d.at + "/attributes/" + scenes::pointerToken(name);
    const auto own = primitive.attributes.find(name);
    if (own == primitive.attributes.end() || own->second < 0 ||
        static_cast<std::size_t>(own->second) >= model.accessors.size())
      return ctx.error(at, "the primitive's accessor for " + quote(name) + " does not exist");
    const int accessor = own->second;
    const tinygltf::Accessor& a = model.accessors[static_cast<std::size_t>(accessor)];
    const std::string accessorAt = pointer("accessors", static_cast<std::size_t>(accessor));
    const draco::PointAttribute* attribute =
        id <= UINT32_MAX ? mesh.GetAttributeByUniqueId(static_cast<std::uint32_t>(id)) : nullptr;
    if (!attribute) return ctx.error(at, "the Draco data has no attribute with id " + std::to_string(id));
    const int components = tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(a.type));
    if (components <= 0 || components > 4) return ctx.error(accessorAt + "/type", "is not SCALAR or VEC2 to VEC4");
    if (attribute->num_components() != components)
      return ctx.error(at, "the Draco attribute has " + std::to_string(attribute->num_components()) +
                               " components; accessor " + std::to_string(accessor) + " is " + typeName(a.type));
    if (a.count != points)
      return ctx.error(at, "the Draco data holds " + std::to_string(points) + " vertices; accessor " +
                               std::to_string(accessor) + " declares " + std::to_string(a.count));
    std::vector<unsigned char> data;
    if (!convert(*attribute, points, a, components, data))
      return ctx.error(at, std::string("the Draco attribute cannot be read as ") + componentTypeName(a.componentType));
    pointAt(model, accessor, std::move(data));
  }
  if (primitive.indices < 0) return ok();
  if (static_cast<std::size_t>(primitive.indices) >= model.accessors.size())
    return ctx.error(d.at, "the primitive's indices accessor does not exist");
  tinygltf::Accessor& indices = model.accessors[static_cast<std::size_t>(primitive.indices)];
  const std::uint64_t count = std::uint64_t(mesh.num_faces()) * 3;
  if (indices.count != count)
    return ctx.error(d.at, "the Draco data holds " + std::to_string(mesh.num_faces()) + " triangles (" +
                               std::to_string(count) + " indices); accessor " + std::to_string(primitive.indices) +
                               " declares " + std::to_string(indices.count));
  if (indices.type != TINYGLTF_TYPE_SCALAR) return ok();  // the primitive reader refuses it with its pointer
  std::vector<unsigned char> data(count * 4);
  for (draco::FaceIndex f(0); f < mesh.num_faces(); ++f)
    for (int c = 0; c < 3; ++c) {
      const std::uint32_t v = mesh.face(f)[c].value();
      std::memcpy(data.data() + (std::size_t(f.value()) * 3 + std::size_t(c)) * 4, &v, 4);
    }
  // Decoded indices are held as 32-bit whatever width the file declares; the values are the same.
  if (indices.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
      indices.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT)
    indices.componentType = TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
  pointAt(model, primitive.indices, std::move(data));
  return ok();
}

}  // namespace

Status decodeDraco(tinygltf::Model& model, const Context& ctx) {
  for (const DracoPrimitive& d : ctx.compression.draco)
    if (Status s = decodePrimitive(model, d, ctx); !s) return s;
  return ok();
}

}  // namespace ps::media::gltf
