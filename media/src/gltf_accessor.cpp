#include "gltf_accessor.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace ps::media::gltf {

namespace {

template <typename T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::string bytesText(std::uint64_t n) { return std::to_string(n) + " bytes"; }

}  // namespace

const char* componentTypeName(int t) {
  switch (t) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: return "byte";
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return "unsigned byte";
    case TINYGLTF_COMPONENT_TYPE_SHORT: return "short";
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return "unsigned short";
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: return "unsigned int";
    case TINYGLTF_COMPONENT_TYPE_FLOAT: return "float";
    default: return "unknown";
  }
}

const char* typeName(int t) {
  switch (t) {
    case TINYGLTF_TYPE_SCALAR: return "SCALAR";
    case TINYGLTF_TYPE_VEC2: return "VEC2";
    case TINYGLTF_TYPE_VEC3: return "VEC3";
    case TINYGLTF_TYPE_VEC4: return "VEC4";
    case TINYGLTF_TYPE_MAT2: return "MAT2";
    case TINYGLTF_TYPE_MAT3: return "MAT3";
    case TINYGLTF_TYPE_MAT4: return "MAT4";
    default: return "unknown";
  }
}

Status checkAccessors(const tinygltf::Model& model, const Context& ctx) {
  // No accessor a set can use is longer than every vertex or every index it may hold.
  const std::uint64_t maxCount = std::max(ctx.limits.maxVertices, 3 * ctx.limits.maxTriangles);
  for (std::size_t i = 0; i < model.accessors.size(); ++i) {
    const tinygltf::Accessor& a = model.accessors[i];
    const std::string at = pointer("accessors", i);
    if (a.sparse.isSparse) return ctx.error(at + "/sparse", "sparse accessors are not read");
    const int componentSize = tinygltf::GetComponentSizeInBytes(static_cast<std::uint32_t>(a.componentType));
    if (componentSize <= 0 || std::string(componentTypeName(a.componentType)) == "unknown")
      return ctx.error(at + "/componentType", std::to_string(a.componentType) + " is not a glTF component type");
    const int components = tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(a.type));
    if (components <= 0 || std::string(typeName(a.type)) == "unknown") return ctx.error(at + "/type", "is not a glTF accessor type");
    if (a.count == 0) return ctx.error(at + "/count", "must be at least 1");
    if (a.count > maxCount)
      return ctx.error(at + "/count", std::to_string(a.count) + " is over the limit of " + std::to_string(maxCount) +
                                          " elements");
    if (a.normalized && (a.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT ||
                         a.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT))
      return ctx.error(at + "/normalized", std::string("a ") + componentTypeName(a.componentType) +
                                               " accessor cannot be normalized");
    if (a.bufferView < 0) {
      if (a.byteOffset != 0) return ctx.error(at + "/byteOffset", "must be 0 without a bufferView");
      continue;
    }
    if (static_cast<std::size_t>(a.bufferView) >= model.bufferViews.size())
      return ctx.error(at + "/bufferView", "buffer view " + std::to_string(a.bufferView) + " does not exist (there are " +
                                               std::to_string(model.bufferViews.size()) + ")");
    const tinygltf::BufferView& v = model.bufferViews[static_cast<std::size_t>(a.bufferView)];
    const std::string viewAt = pointer("bufferViews", static_cast<std::size_t>(a.bufferView));
    if (v.buffer < 0 || static_cast<std::size_t>(v.buffer) >= model.buffers.size())
      return ctx.error(viewAt + "/buffer", "buffer " + std::to_string(v.buffer) + " does not exist");
    const std::uint64_t bufferSize = model.buffers[static_cast<std::size_t>(v.buffer)].data.size();
    if (v.byteOffset > bufferSize || v.byteLength > bufferSize - v.byteOffset)
      return ctx.error(viewAt, "bytes " + std::to_string(v.byteOffset) + " to " +
                                   std::to_string(std::uint64_t(v.byteOffset) + v.byteLength) + " run past buffer " +
                                   std::to_string(v.buffer) + " (" + bytesText(bufferSize) + ")");
    const std::uint64_t elementSize = std::uint64_t(componentSize) * std::uint64_t(components);
    const std::uint64_t stride = v.byteStride ? v.byteStride : elementSize;
    if (stride < elementSize)
      return ctx.error(viewAt + "/byteStride", std::to_string(stride) + " is less than the " + bytesText(elementSize) +
                                                   " of an element of accessor " + std::to_string(i));
    if ((v.byteOffset + a.byteOffset) % std::uint64_t(componentSize) != 0)
      return ctx.error(at + "/byteOffset", "the accessor starts at byte " + std::to_string(v.byteOffset + a.byteOffset) +
                                               " of its buffer, not a multiple of its " + std::to_string(componentSize) +
                                               "-byte components");
    // count is capped above and stride is at most 252 or an element's size: no overflow.
    const std::uint64_t length = (std::uint64_t(a.count) - 1) * stride + elementSize;
    if (a.byteOffset > v.byteLength || length > v.byteLength - a.byteOffset)
      return ctx.error(at, "count " + std::to_string(a.count) + " with stride " + std::to_string(stride) + " from byte " +
                               std::to_string(a.byteOffset) + " runs past buffer view " + std::to_string(a.bufferView) +
                               " (" + bytesText(v.byteLength) + ")");
  }
  return ok();
}

AccessorData accessorData(const tinygltf::Model& model, int index) {
  const tinygltf::Accessor& a = model.accessors[static_cast<std::size_t>(index)];
  AccessorData d;
  d.count = a.count;
  d.components = static_cast<std::size_t>(tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(a.type)));
  d.componentType = a.componentType;
  d.normalized = a.normalized;
  const std::size_t elementSize =
      d.components * static_cast<std::size_t>(tinygltf::GetComponentSizeInBytes(static_cast<std::uint32_t>(a.componentType)));
  if (a.bufferView < 0) {
    d.stride = elementSize;
    return d;
  }
  const tinygltf::BufferView& v = model.bufferViews[static_cast<std::size_t>(a.bufferView)];
  d.stride = v.byteStride ? v.byteStride : elementSize;
  d.first = model.buffers[static_cast<std::size_t>(v.buffer)].data.data() + v.byteOffset + a.byteOffset;
  return d;
}

float AccessorData::component(std::size_t i, std::size_t c) const {
  if (!first) return 0.0f;
  const std::uint8_t* p = first + i * stride;
  switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_FLOAT: return load<float>(p + c * 4);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: {
      const float v = load<std::uint8_t>(p + c);
      return normalized ? v / 255.0f : v;
    }
    case TINYGLTF_COMPONENT_TYPE_BYTE: {
      const float v = load<std::int8_t>(p + c);
      return normalized ? std::max(v / 127.0f, -1.0f) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
      const float v = load<std::uint16_t>(p + c * 2);
      return normalized ? v / 65535.0f : v;
    }
    case TINYGLTF_COMPONENT_TYPE_SHORT: {
      const float v = load<std::int16_t>(p + c * 2);
      return normalized ? std::max(v / 32767.0f, -1.0f) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: return static_cast<float>(load<std::uint32_t>(p + c * 4));
    default: return 0.0f;
  }
}

std::uint32_t AccessorData::index(std::size_t i) const {
  if (!first) return 0;
  const std::uint8_t* p = first + i * stride;
  switch (componentType) {
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return load<std::uint8_t>(p);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return load<std::uint16_t>(p);
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: return load<std::uint32_t>(p);
    default: return 0;
  }
}

}  // namespace ps::media::gltf
