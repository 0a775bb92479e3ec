#include "make_set/draco_frames.h"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include <draco/compression/decode.h>
#include <draco/compression/encode.h>
#include <draco/mesh/mesh.h>
#include <glm/common.hpp>
#include <nlohmann/json.hpp>

#include "make_set/known_sets.h"
#include "scenes/glb_container.h"

namespace ps::make_set {

namespace {

using nlohmann::json;

template <typename T>
int addAttribute(draco::Mesh& mesh, draco::GeometryAttribute::Type type, int components, const std::vector<T>& values) {
  draco::GeometryAttribute ga;
  ga.Init(type, nullptr, static_cast<std::int8_t>(components), draco::DT_FLOAT32, false, sizeof(T), 0);
  const int id = mesh.AddAttribute(ga, true, static_cast<std::uint32_t>(values.size()));
  for (std::size_t i = 0; i < values.size(); ++i)
    mesh.attribute(id)->SetAttributeValue(draco::AttributeValueIndex(static_cast<std::uint32_t>(i)), &values[i]);
  return id;
}

std::vector<std::uint8_t> glbOf(const json& doc, const std::vector<std::uint8_t>& bin) {
  return scenes::glbContainer(doc.dump(), bin);
}

}  // namespace

DracoFrame dracoSequenceFrame(std::size_t index, std::uint64_t triangles) {
  MeshData sphere = uvSphere(sphereRings(triangles));
  // A ripple that moves with the frame: each frame's positions differ, as a performer's do.
  const float phase = static_cast<float>(index) * 0.35f;
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (glm::vec3& p : sphere.positions) {
    p *= 0.5f + 0.03f * std::sin(8.0f * p.y + phase);
    p.y += 1.0f;
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }

  draco::Mesh mesh;
  mesh.set_num_points(static_cast<std::uint32_t>(sphere.positions.size()));
  const int pos = addAttribute(mesh, draco::GeometryAttribute::POSITION, 3, sphere.positions);
  const int nor = addAttribute(mesh, draco::GeometryAttribute::NORMAL, 3, sphere.normals);
  const int uv = addAttribute(mesh, draco::GeometryAttribute::TEX_COORD, 2, sphere.uvs);
  for (std::size_t i = 0; i + 2 < sphere.indices.size(); i += 3)
    mesh.AddFace({draco::PointIndex(sphere.indices[i]), draco::PointIndex(sphere.indices[i + 1]),
                  draco::PointIndex(sphere.indices[i + 2])});

  draco::Encoder encoder;
  encoder.SetAttributeQuantization(draco::GeometryAttribute::POSITION, 11);
  encoder.SetAttributeQuantization(draco::GeometryAttribute::TEX_COORD, 10);
  encoder.SetAttributeQuantization(draco::GeometryAttribute::NORMAL, 8);
  encoder.SetSpeedOptions(3, 3);  // compression level 7
  draco::EncoderBuffer buffer;
  if (const draco::Status s = encoder.EncodeMeshToBuffer(mesh, &buffer); !s.ok())
    throw std::runtime_error("Draco cannot encode frame " + std::to_string(index) + ": " + s.error_msg_string());

  // The accessors must say what the stream decodes to (edgebreaker may split points).
  draco::DecoderBuffer in;
  in.Init(buffer.data(), buffer.size());
  draco::Decoder decoder;
  auto decoded = decoder.DecodeMeshFromBuffer(&in);
  if (!decoded.ok()) throw std::runtime_error("Draco cannot decode its own frame " + std::to_string(index));
  const std::uint32_t points = decoded.value()->num_points();
  const std::uint32_t faces = decoded.value()->num_faces();

  DracoFrame out;
  out.drc.assign(buffer.data(), buffer.data() + buffer.size());
  const auto bytes = static_cast<std::uint32_t>(out.drc.size());
  json doc = {
      {"asset", {{"version", "2.0"}, {"generator", "ps_make_set --draco"}}},
      {"extensionsUsed", {"KHR_draco_mesh_compression"}},
      {"extensionsRequired", {"KHR_draco_mesh_compression"}},
      {"buffers", {{{"byteLength", bytes}}}},
      {"bufferViews", {{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", bytes}}}},
      {"accessors",
       {{{"componentType", 5126}, {"count", points}, {"type", "VEC3"}, {"min", {lo.x, lo.y, lo.z}}, {"max", {hi.x, hi.y, hi.z}}},
        {{"componentType", 5126}, {"count", points}, {"type", "VEC3"}},
        {{"componentType", 5126}, {"count", points}, {"type", "VEC2"}},
        {{"componentType", 5125}, {"count", faces * 3}, {"type", "SCALAR"}}}},
      {"materials", {{{"name", "skin"}, {"pbrMetallicRoughness", {{"baseColorFactor", {0.8, 0.6, 0.5, 1.0}}, {"metallicFactor", 0.0}}}}}},
      {"meshes",
       {{{"name", "performer"},
         {"primitives",
          {{{"attributes", {{"POSITION", 0}, {"NORMAL", 1}, {"TEXCOORD_0", 2}}},
            {"indices", 3},
            {"material", 0},
            {"extensions",
             {{"KHR_draco_mesh_compression",
               {{"bufferView", 0}, {"attributes", {{"POSITION", pos}, {"NORMAL", nor}, {"TEXCOORD_0", uv}}}}}}}}}}}}},
      {"nodes", {{{"name", "performer"}, {"mesh", 0}}}},
      {"scenes", {{{"nodes", {0}}}}},
      {"scene", 0}};
  out.glb = glbOf(doc, out.drc);
  return out;
}

}  // namespace ps::make_set
