#include "gltf_files.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <stb_image_write.h>

namespace ps::test {

namespace fs = std::filesystem;
using nlohmann::json;

TempPackage::TempPackage() {
  std::string pattern = (fs::temp_directory_path() / "ps_gltf_XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
}

TempPackage::~TempPackage() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

fs::path TempPackage::write(const std::string& name, const std::vector<std::uint8_t>& bytes) const {
  const fs::path p = dir_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return p;
}

fs::path TempPackage::write(const std::string& name, const std::string& text) const {
  return write(name, std::vector<std::uint8_t>(text.begin(), text.end()));
}

json triangleDocument() {
  return json::parse(R"({
    "asset": {"version": "2.0"},
    "scene": 0,
    "scenes": [{"nodes": [0]}],
    "nodes": [{"mesh": 0}],
    "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
    "accessors": [
      {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3", "min": [0,0,0], "max": [1,1,0]},
      {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}
    ],
    "bufferViews": [
      {"buffer": 0, "byteOffset": 0, "byteLength": 36},
      {"buffer": 0, "byteOffset": 36, "byteLength": 6}
    ],
    "buffers": [{"byteLength": 44, "uri": "tri.bin"}]
  })");
}

std::vector<std::uint8_t> triangleBin() {
  const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  const std::uint16_t indices[4] = {0, 1, 2, 0};
  std::vector<std::uint8_t> bin(44);
  std::memcpy(bin.data(), positions, 36);
  std::memcpy(bin.data() + 36, indices, 8);
  return bin;
}

std::string base64(const std::vector<std::uint8_t>& bytes) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t v = std::uint32_t(bytes[i]) << 16 | std::uint32_t(bytes[i + 1]) << 8 | bytes[i + 2];
    for (int k = 3; k >= 0; --k) out += table[(v >> (6 * k)) & 63];
  }
  if (i + 1 == bytes.size()) {
    const std::uint32_t v = std::uint32_t(bytes[i]) << 16;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const std::uint32_t v = std::uint32_t(bytes[i]) << 16 | std::uint32_t(bytes[i + 1]) << 8;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

namespace {

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  out->insert(out->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
}

}  // namespace

std::vector<std::uint8_t> glb(const json& doc, const std::vector<std::uint8_t>& binIn) {
  std::string text = doc.dump();
  while (text.size() % 4) text += ' ';
  std::vector<std::uint8_t> bin = binIn;
  while (bin.size() % 4) bin.push_back(0);
  std::vector<std::uint8_t> out;
  put32(out, 0x46546C67);  // "glTF"
  put32(out, 2);
  put32(out, static_cast<std::uint32_t>(12 + 8 + text.size() + (bin.empty() ? 0 : 8 + bin.size())));
  put32(out, static_cast<std::uint32_t>(text.size()));
  put32(out, 0x4E4F534A);
  out.insert(out.end(), text.begin(), text.end());
  if (!bin.empty()) {
    put32(out, static_cast<std::uint32_t>(bin.size()));
    put32(out, 0x004E4942);
    out.insert(out.end(), bin.begin(), bin.end());
  }
  return out;
}

std::vector<std::uint8_t> png(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  std::vector<std::uint8_t> rgba;
  for (int i = 0; i < w * h; ++i) rgba.insert(rgba.end(), {r, g, b, 255});
  std::vector<std::uint8_t> out;
  stbi_write_png_to_func(appendBytes, &out, w, h, 4, rgba.data(), w * 4);
  return out;
}

json readDocument(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (bytes.size() >= 20 && std::memcmp(bytes.data(), "glTF", 4) == 0) {
    std::uint32_t length = 0;
    std::memcpy(&length, bytes.data() + 12, 4);
    return json::parse(bytes.begin() + 20, bytes.begin() + 20 + length);
  }
  return json::parse(bytes.begin(), bytes.end());
}

std::string slidingTriangle(bool animated) {
  const float data[] = {-0.3f, 1.4f, -2, 0.3f, 1.4f, -2, 0, 2.0f, -2, /*times*/ 0, 1, /*x*/ 0, 0, 0, 1, 0, 0};
  std::vector<std::uint8_t> bytes(sizeof data);
  std::memcpy(bytes.data(), data, sizeof data);
  json doc = {
      {"asset", {{"version", "2.0"}}},
      {"extensionsUsed", {"KHR_materials_unlit"}},
      {"scene", 0},
      {"scenes", {{{"nodes", {0}}}}},
      {"nodes", {{{"mesh", 0}, {"translation", {0, 0, 0}}}}},
      {"materials", {{{"pbrMetallicRoughness", {{"baseColorFactor", {0, 1, 0, 1}}}},
                      {"doubleSided", true},
                      {"extensions", {{"KHR_materials_unlit", json::object()}}}}}},
      {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}}}, {"material", 0}}}}}}},
      {"buffers", {{{"byteLength", bytes.size()}, {"uri", "data:application/octet-stream;base64," + base64(bytes)}}}},
      {"bufferViews", {{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 36}},
                       {{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 8}},
                       {{"buffer", 0}, {"byteOffset", 44}, {"byteLength", 24}}}},
      {"accessors", {{{"bufferView", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"},
                      {"min", {-0.3, 1.4, -2}}, {"max", {0.3, 2.0, -2}}},
                     {{"bufferView", 1}, {"componentType", 5126}, {"count", 2}, {"type", "SCALAR"}},
                     {{"bufferView", 2}, {"componentType", 5126}, {"count", 2}, {"type", "VEC3"}}}}};
  if (animated)
    doc["animations"] = {{{"name", "slide"},
                          {"samplers", {{{"input", 1}, {"output", 2}}}},
                          {"channels", {{{"sampler", 0}, {"target", {{"node", 0}, {"path", "translation"}}}}}}}};
  return doc.dump();
}

}  // namespace ps::test
