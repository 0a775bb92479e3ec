#include "capture_glb.h"

#include <draco/compression/decode.h>
#include <draco/compression/encode.h>
#include <draco/mesh/mesh.h>
#include <meshoptimizer.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include <glm/common.hpp>
#include <nlohmann/json.hpp>

#include "scenes/glb_container.h"

namespace ps::tools {

using nlohmann::json;

namespace {

constexpr int kFloat = 5126, kUnsignedShort = 5123, kUnsignedInt = 5125;
constexpr int kNormalBits = 10, kUvBits = 12;                 // Draco
constexpr int kMeshoptNormalBits = 12, kMeshoptUvBits = 14;  // meshopt's exponential filter

void align4(std::vector<std::uint8_t>& bytes) {
  while (bytes.size() % 4 != 0) bytes.push_back(0);
}

// Appends bytes at a 4-byte boundary; returns where they start.
std::size_t appendAligned(std::vector<std::uint8_t>& bin, const void* data, std::size_t size) {
  align4(bin);
  const std::size_t at = bin.size();
  const auto* p = static_cast<const std::uint8_t*>(data);
  bin.insert(bin.end(), p, p + size);
  return at;
}

struct Bounds {
  glm::vec3 lo{0.0f}, hi{0.0f};
};

Bounds boundsOf(const std::vector<glm::vec3>& positions) {
  Bounds b{positions.front(), positions.front()};
  for (const glm::vec3& p : positions) b.lo = glm::min(b.lo, p), b.hi = glm::max(b.hi, p);
  return b;
}

json vec3Json(glm::vec3 v) { return json::array({v.x, v.y, v.z}); }

// The document's common part: materials (one per distinct colour), one mesh, one node.
struct Document {
  json doc = json::object();
  std::vector<std::uint8_t> bin;

  int add(const char* array, json entry) {
    json& a = doc[array];
    if (a.is_null()) a = json::array();
    a.push_back(std::move(entry));
    return static_cast<int>(a.size() - 1);
  }

  int material(const CapturePrimitive& p) {
    json pbr{{"baseColorFactor", {p.baseColor.r, p.baseColor.g, p.baseColor.b, p.baseColor.a}},
             {"metallicFactor", 0.0},
             {"roughnessFactor", 0.9}};
    json m{{"pbrMetallicRoughness", pbr}};
    if (p.unlit) m["extensions"] = json{{"KHR_materials_unlit", json::object()}};
    const json& existing = doc["materials"];
    if (existing.is_array())
      for (std::size_t i = 0; i < existing.size(); ++i)
        if (existing[i] == m) return static_cast<int>(i);
    if (p.unlit) used("KHR_materials_unlit", false);
    return add("materials", m);
  }

  void used(const std::string& extension, bool required) {
    auto addTo = [&](const char* key) {
      json& a = doc[key];
      if (a.is_null()) a = json::array();
      if (std::find(a.begin(), a.end(), extension) == a.end()) a.push_back(extension);
    };
    addTo("extensionsUsed");
    if (required) addTo("extensionsRequired");
  }

  std::vector<std::uint8_t> glb(json primitives) {
    doc["asset"] = json{{"version", "2.0"}, {"generator", "PerfectShot perfectshot prep"}};
    doc["meshes"] = json::array({json{{"primitives", std::move(primitives)}}});
    doc["nodes"] = json::array({json{{"mesh", 0}}});
    doc["scenes"] = json::array({json{{"nodes", {0}}}});
    doc["scene"] = 0;
    align4(bin);
    if (doc.contains("buffers")) doc["buffers"][0]["byteLength"] = bin.size();
    return scenes::glbContainer(doc.dump(), bin);
  }
};

// ---- Draco ----------------------------------------------------------------------------------

template <typename V>
int addDracoAttribute(draco::Mesh& mesh, draco::GeometryAttribute::Type type, const std::vector<V>& values) {
  constexpr int kComponents = V::length();
  draco::GeometryAttribute ga;
  ga.Init(type, nullptr, kComponents, draco::DT_FLOAT32, false, sizeof(float) * kComponents, 0);
  const int id = mesh.AddAttribute(ga, true, static_cast<std::uint32_t>(values.size()));
  draco::PointAttribute* attribute = mesh.attribute(id);
  for (std::size_t i = 0; i < values.size(); ++i)
    attribute->SetAttributeValue(draco::AttributeValueIndex(static_cast<std::uint32_t>(i)), &values[i]);
  return id;
}

Result<json> dracoPrimitive(Document& d, const CapturePrimitive& p) {
  draco::Mesh mesh;
  mesh.set_num_points(static_cast<std::uint32_t>(p.positions.size()));
  const int pos = addDracoAttribute(mesh, draco::GeometryAttribute::POSITION, p.positions);
  const int nor = p.normals.empty() ? -1 : addDracoAttribute(mesh, draco::GeometryAttribute::NORMAL, p.normals);
  const int uv = p.uvs.empty() ? -1 : addDracoAttribute(mesh, draco::GeometryAttribute::TEX_COORD, p.uvs);
  for (std::size_t i = 0; i + 2 < p.indices.size(); i += 3)
    mesh.AddFace({draco::PointIndex(p.indices[i]), draco::PointIndex(p.indices[i + 1]), draco::PointIndex(p.indices[i + 2])});
  draco::Encoder encoder;
  encoder.SetAttributeQuantization(draco::GeometryAttribute::POSITION, kDracoPositionBits);
  encoder.SetAttributeQuantization(draco::GeometryAttribute::NORMAL, kNormalBits);
  encoder.SetAttributeQuantization(draco::GeometryAttribute::TEX_COORD, kUvBits);
  encoder.SetEncodingMethod(draco::MESH_EDGEBREAKER_ENCODING);
  draco::EncoderBuffer buffer;
  if (const draco::Status s = encoder.EncodeMeshToBuffer(mesh, &buffer); !s.ok())
    return Error{"draco::Encoder::EncodeMeshToBuffer", s.error_msg_string(), ""};
  // What a reader will get: edgebreaker may split or merge points.
  draco::DecoderBuffer in;
  in.Init(buffer.data(), buffer.size());
  draco::Decoder decoder;
  auto decoded = decoder.DecodeMeshFromBuffer(&in);
  if (!decoded.ok() || !decoded.value())
    return Error{"draco::Decoder::DecodeMeshFromBuffer", "the stream just encoded does not decode", ""};
  const std::size_t points = decoded.value()->num_points(), faces = decoded.value()->num_faces();

  const std::size_t at = appendAligned(d.bin, buffer.data(), buffer.size());
  const int view = d.add("bufferViews", json{{"buffer", 0}, {"byteOffset", at}, {"byteLength", buffer.size()}});
  const Bounds b = boundsOf(p.positions);
  json attributes, ids;
  attributes["POSITION"] = d.add("accessors", json{{"componentType", kFloat}, {"count", points}, {"type", "VEC3"},
                                                  {"min", vec3Json(b.lo)}, {"max", vec3Json(b.hi)}});
  ids["POSITION"] = mesh.attribute(pos)->unique_id();
  if (nor >= 0) {
    attributes["NORMAL"] = d.add("accessors", json{{"componentType", kFloat}, {"count", points}, {"type", "VEC3"}});
    ids["NORMAL"] = mesh.attribute(nor)->unique_id();
  }
  if (uv >= 0) {
    attributes["TEXCOORD_0"] = d.add("accessors", json{{"componentType", kFloat}, {"count", points}, {"type", "VEC2"}});
    ids["TEXCOORD_0"] = mesh.attribute(uv)->unique_id();
  }
  const int indices = d.add("accessors", json{{"componentType", points < 65536 ? kUnsignedShort : kUnsignedInt},
                                              {"count", faces * 3},
                                              {"type", "SCALAR"}});
  return json{{"attributes", attributes},
              {"indices", indices},
              {"material", d.material(p)},
              {"extensions", {{"KHR_draco_mesh_compression", {{"bufferView", view}, {"attributes", ids}}}}}};
}

// ---- meshopt --------------------------------------------------------------------------------


// One compressed buffer view: the stream in buffer 0 (the BIN chunk), the view itself in the
// fallback buffer 1, which holds no data.
int meshoptView(Document& d, std::size_t& fallbackBytes, const std::vector<std::uint8_t>& stream, std::size_t count,
                std::size_t stride, const char* mode, const char* filter) {
  const std::size_t at = appendAligned(d.bin, stream.data(), stream.size());
  fallbackBytes = (fallbackBytes + 3) / 4 * 4;
  json ext{{"buffer", 0}, {"byteOffset", at}, {"byteLength", stream.size()}, {"byteStride", stride}, {"mode", mode},
           {"count", count}};
  if (filter) ext["filter"] = filter;
  json view{{"buffer", 1}, {"byteOffset", fallbackBytes}, {"byteLength", count * stride},
            {"extensions", {{"EXT_meshopt_compression", ext}}}};
  if (std::string(mode) == "ATTRIBUTES") view["byteStride"] = stride;
  fallbackBytes += count * stride;
  return d.add("bufferViews", view);
}

template <typename V>
Result<int> meshoptAttribute(Document& d, std::size_t& fallbackBytes, const std::vector<V>& values, int bits, Bounds* bounds) {
  constexpr std::size_t kComponents = V::length();
  const std::size_t stride = kComponents * 4;
  std::vector<std::uint8_t> filtered(values.size() * stride);
  meshopt_encodeFilterExp(filtered.data(), values.size(), stride, bits, &values[0][0]);
  std::vector<std::uint8_t> stream(meshopt_encodeVertexBufferBound(values.size(), stride));
  stream.resize(meshopt_encodeVertexBuffer(stream.data(), stream.size(), filtered.data(), values.size(), stride));
  if (stream.empty()) return Error{"meshopt_encodeVertexBuffer", "made no stream", ""};
  json accessor{{"componentType", kFloat}, {"count", values.size()}, {"type", kComponents == 3 ? "VEC3" : "VEC2"}};
  if (bounds) {
    // min and max of what a reader decodes, which the filter rounded.
    meshopt_decodeFilterExp(filtered.data(), values.size(), stride);
    std::vector<glm::vec3> decoded(values.size());
    std::memcpy(decoded.data(), filtered.data(), filtered.size());
    *bounds = boundsOf(decoded);
    accessor["min"] = vec3Json(bounds->lo);
    accessor["max"] = vec3Json(bounds->hi);
  }
  accessor["bufferView"] = meshoptView(d, fallbackBytes, stream, values.size(), stride, "ATTRIBUTES", "EXPONENTIAL");
  return d.add("accessors", accessor);
}

Result<json> meshoptPrimitive(Document& d, std::size_t& fallbackBytes, const CapturePrimitive& source) {
  CapturePrimitive p = source;
  const std::size_t indexCount = p.indices.size();
  meshopt_optimizeVertexCache(p.indices.data(), p.indices.data(), indexCount, p.positions.size());
  std::vector<unsigned int> remap(p.positions.size());
  const std::size_t vertices = meshopt_optimizeVertexFetchRemap(remap.data(), p.indices.data(), indexCount, p.positions.size());
  meshopt_remapIndexBuffer(p.indices.data(), p.indices.data(), indexCount, remap.data());
  auto remapped = [&](auto& values) {
    using V = typename std::decay_t<decltype(values)>::value_type;
    if (values.empty()) return;
    std::vector<V> out(vertices);
    meshopt_remapVertexBuffer(out.data(), values.data(), values.size(), sizeof(V), remap.data());
    values = std::move(out);
  };
  remapped(p.positions);
  remapped(p.normals);
  remapped(p.uvs);

  json attributes;
  Bounds b;
  auto pos = meshoptAttribute(d, fallbackBytes, p.positions, kMeshoptPositionBits, &b);
  if (!pos) return pos.error();
  attributes["POSITION"] = *pos;
  if (!p.normals.empty()) {
    auto nor = meshoptAttribute(d, fallbackBytes, p.normals, kMeshoptNormalBits, nullptr);
    if (!nor) return nor.error();
    attributes["NORMAL"] = *nor;
  }
  if (!p.uvs.empty()) {
    auto uv = meshoptAttribute(d, fallbackBytes, p.uvs, kMeshoptUvBits, nullptr);
    if (!uv) return uv.error();
    attributes["TEXCOORD_0"] = *uv;
  }
  const bool shortIndices = vertices <= 65536;
  std::vector<std::uint8_t> stream(meshopt_encodeIndexBufferBound(indexCount, vertices));
  if (shortIndices) {
    std::vector<std::uint16_t> small(p.indices.begin(), p.indices.end());
    stream.resize(meshopt_encodeIndexBuffer(stream.data(), stream.size(), small.data(), indexCount));
  } else {
    stream.resize(meshopt_encodeIndexBuffer(stream.data(), stream.size(), p.indices.data(), indexCount));
  }
  if (stream.empty()) return Error{"meshopt_encodeIndexBuffer", "made no stream", ""};
  const int view = meshoptView(d, fallbackBytes, stream, indexCount, shortIndices ? 2 : 4, "TRIANGLES", nullptr);
  const int indices = d.add("accessors", json{{"bufferView", view},
                                              {"componentType", shortIndices ? kUnsignedShort : kUnsignedInt},
                                              {"count", indexCount},
                                              {"type", "SCALAR"}});
  return json{{"attributes", attributes}, {"indices", indices}, {"material", d.material(p)}};
}

// ---- plain ----------------------------------------------------------------------------------

json plainPrimitive(Document& d, const CapturePrimitive& p) {
  constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;
  auto accessor = [&](const void* data, std::size_t bytes, int target, json entry) {
    const std::size_t at = appendAligned(d.bin, data, bytes);
    entry["bufferView"] =
        d.add("bufferViews", json{{"buffer", 0}, {"byteOffset", at}, {"byteLength", bytes}, {"target", target}});
    return d.add("accessors", std::move(entry));
  };
  const Bounds b = boundsOf(p.positions);
  json attributes;
  attributes["POSITION"] =
      accessor(p.positions.data(), p.positions.size() * sizeof(glm::vec3), kArrayBuffer,
               json{{"componentType", kFloat}, {"count", p.positions.size()}, {"type", "VEC3"},
                    {"min", vec3Json(b.lo)}, {"max", vec3Json(b.hi)}});
  if (!p.normals.empty())
    attributes["NORMAL"] = accessor(p.normals.data(), p.normals.size() * sizeof(glm::vec3), kArrayBuffer,
                                    json{{"componentType", kFloat}, {"count", p.normals.size()}, {"type", "VEC3"}});
  if (!p.uvs.empty())
    attributes["TEXCOORD_0"] = accessor(p.uvs.data(), p.uvs.size() * sizeof(glm::vec2), kArrayBuffer,
                                        json{{"componentType", kFloat}, {"count", p.uvs.size()}, {"type", "VEC2"}});
  const int indices = accessor(p.indices.data(), p.indices.size() * sizeof(std::uint32_t), kElementArrayBuffer,
                               json{{"componentType", kUnsignedInt}, {"count", p.indices.size()}, {"type", "SCALAR"}});
  return json{{"attributes", attributes}, {"indices", indices}, {"material", d.material(p)}};
}

}  // namespace

std::string_view toString(MeshCompression c) { return c == MeshCompression::Draco ? "draco" : "meshopt"; }

std::optional<MeshCompression> parseMeshCompression(std::string_view text) {
  if (text == "draco") return MeshCompression::Draco;
  if (text == "meshopt") return MeshCompression::Meshopt;
  return std::nullopt;
}

float positionTolerance(MeshCompression c, glm::vec3 lo, glm::vec3 hi) {
  if (c == MeshCompression::Draco) {
    const glm::vec3 extent = hi - lo;
    const float range = std::max({extent.x, extent.y, extent.z});
    // Half a step on each axis: sqrt(3) half steps apart at most.
    return range / static_cast<float>((1 << kDracoPositionBits) - 1) * 0.5f * std::sqrt(3.0f) + 1e-6f * range;
  }
  const glm::vec3 m = glm::max(glm::abs(lo), glm::abs(hi));
  const float largest = std::max({m.x, m.y, m.z});
  return largest * std::ldexp(1.0f, 2 - kMeshoptPositionBits);
}

Result<std::vector<std::uint8_t>> encodeCaptureGlb(const CaptureFrame& frame, MeshCompression compression) {
  Document d;
  json primitives = json::array();
  std::size_t fallbackBytes = 0;
  for (const CapturePrimitive& p : frame.primitives) {
    if (p.indices.empty() || p.positions.empty()) continue;
    auto primitive = compression == MeshCompression::Draco ? dracoPrimitive(d, p) : meshoptPrimitive(d, fallbackBytes, p);
    if (!primitive) return primitive.error();
    primitives.push_back(std::move(*primitive));
  }
  if (compression == MeshCompression::Draco) {
    d.used("KHR_draco_mesh_compression", true);
    d.doc["buffers"] = json::array({json{{"byteLength", 0}}});
  } else {
    d.used("EXT_meshopt_compression", true);
    d.doc["buffers"] = json::array({json{{"byteLength", 0}},
                                     json{{"byteLength", (fallbackBytes + 3) / 4 * 4},
                                          {"extensions", {{"EXT_meshopt_compression", {{"fallback", true}}}}}}});
  }
  return d.glb(std::move(primitives));
}

Result<std::vector<std::uint8_t>> encodePlainGlb(const CaptureFrame& frame) {
  Document d;
  json primitives = json::array();
  for (const CapturePrimitive& p : frame.primitives)
    if (!p.indices.empty() && !p.positions.empty()) primitives.push_back(plainPrimitive(d, p));
  d.doc["buffers"] = json::array({json{{"byteLength", 0}}});
  return d.glb(std::move(primitives));
}

}  // namespace ps::tools
