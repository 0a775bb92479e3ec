#include "make_set/glb_writer.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <glm/common.hpp>
#include <stb_image_write.h>

#include "scenes/glb_container.h"

namespace ps::make_set {

using nlohmann::json;

namespace {

constexpr int kFloat = 5126, kUnsignedShort = 5123, kUnsignedInt = 5125;

void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* p = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}

}  // namespace

int GlbWriter::append(const char* array, json entry) {
  json& a = doc_[array];
  if (a.is_null()) a = json::array();
  a.push_back(std::move(entry));
  return static_cast<int>(a.size() - 1);
}

int GlbWriter::addView(const void* data, std::size_t bytes) {
  while (bin_.size() % 4 != 0) bin_.push_back(0);  // every view starts 4-byte aligned
  const std::size_t offset = bin_.size();
  const auto* p = static_cast<const std::uint8_t*>(data);
  bin_.insert(bin_.end(), p, p + bytes);
  return append("bufferViews", json{{"buffer", 0}, {"byteOffset", offset}, {"byteLength", bytes}});
}

int GlbWriter::addPng(std::uint32_t width, std::uint32_t height, const std::vector<std::uint8_t>& rgba,
                      const std::string& name) {
  std::vector<std::uint8_t> png;
  const int w = static_cast<int>(width), h = static_cast<int>(height);
  if (!stbi_write_png_to_func(appendBytes, &png, w, h, 4, rgba.data(), w * 4))
    throw std::runtime_error("stbi_write_png_to_func failed for " + name);
  const int view = addView(png.data(), png.size());
  const int image = append("images", json{{"name", name}, {"bufferView", view}, {"mimeType", "image/png"}});
  if (!doc_.contains("samplers"))
    append("samplers", json{{"magFilter", 9729}, {"minFilter", 9987}, {"wrapS", 10497}, {"wrapT", 10497}});
  return append("textures", json{{"source", image}, {"sampler", 0}});
}

int GlbWriter::addMaterial(const MaterialData& m) {
  json pbr{{"baseColorFactor", {m.baseColor.r, m.baseColor.g, m.baseColor.b, m.baseColor.a}},
           {"metallicFactor", m.metallic},
           {"roughnessFactor", m.roughness}};
  if (m.texture) pbr["baseColorTexture"] = json{{"index", *m.texture}};
  json material{{"name", m.name}, {"pbrMetallicRoughness", pbr}};
  if (m.unlit) {
    material["extensions"] = json{{"KHR_materials_unlit", json::object()}};
    json& used = doc_["extensionsUsed"];
    if (used.is_null()) used = json::array({"KHR_materials_unlit"});
  }
  return append("materials", material);
}

int GlbWriter::addMesh(const MeshData& mesh, int material) {
  glm::vec3 lo = mesh.positions.front(), hi = lo;
  for (const glm::vec3& p : mesh.positions) lo = glm::min(lo, p), hi = glm::max(hi, p);
  const std::size_t n = mesh.positions.size();
  json attributes;
  attributes["POSITION"] = append("accessors", json{{"bufferView", addView(mesh.positions.data(), n * 12)},
                                                    {"componentType", kFloat},
                                                    {"count", n},
                                                    {"type", "VEC3"},
                                                    {"min", {lo.x, lo.y, lo.z}},
                                                    {"max", {hi.x, hi.y, hi.z}}});
  if (!mesh.normals.empty())
    attributes["NORMAL"] = append("accessors", json{{"bufferView", addView(mesh.normals.data(), n * 12)},
                                                    {"componentType", kFloat}, {"count", n}, {"type", "VEC3"}});
  if (!mesh.uvs.empty())
    attributes["TEXCOORD_0"] = append("accessors", json{{"bufferView", addView(mesh.uvs.data(), n * 8)},
                                                        {"componentType", kFloat}, {"count", n}, {"type", "VEC2"}});
  const bool shortIndices = *std::max_element(mesh.indices.begin(), mesh.indices.end()) < 65535u;
  int view = 0;
  if (shortIndices) {
    std::vector<std::uint16_t> small(mesh.indices.begin(), mesh.indices.end());
    view = addView(small.data(), small.size() * 2);
  } else {
    view = addView(mesh.indices.data(), mesh.indices.size() * 4);
  }
  const int indices = append("accessors", json{{"bufferView", view},
                                               {"componentType", shortIndices ? kUnsignedShort : kUnsignedInt},
                                               {"count", mesh.indices.size()},
                                               {"type", "SCALAR"}});
  return append("meshes", json{{"name", mesh.name},
                               {"primitives", json::array({json{{"attributes", attributes},
                                                                {"indices", indices},
                                                                {"material", material}}})}});
}

int GlbWriter::addNode(const std::string& name, int mesh, glm::vec3 t, glm::vec3 s) {
  json node{{"name", name}, {"mesh", mesh}, {"translation", {t.x, t.y, t.z}}};
  if (s != glm::vec3(1.0f)) node["scale"] = {s.x, s.y, s.z};
  const int index = append("nodes", node);
  if (!doc_.contains("scenes")) {
    append("scenes", json{{"nodes", json::array()}});
    doc_["scene"] = 0;
  }
  doc_["scenes"][0]["nodes"].push_back(index);
  return index;
}

std::vector<std::uint8_t> GlbWriter::glb() const {
  json doc = doc_;
  doc["asset"] = json{{"version", "2.0"}, {"generator", "PerfectShot ps_make_set"}};
  std::vector<std::uint8_t> bin = bin_;
  while (bin.size() % 4 != 0) bin.push_back(0);
  if (!bin.empty()) doc["buffers"] = json::array({json{{"byteLength", bin.size()}}});
  return scenes::glbContainer(doc.dump(), bin);
}

}  // namespace ps::make_set
