// A glTF or GLB set as the player reads it, from any bytes: either an error, or a scene that
// keeps every promise the mesh layer relies on (indices below the vertex count, matching
// attribute lengths, valid material, image, mesh and node indices, RGBA8 images, a forest).
// The package holds tri.bin and red.png for the seeds' URIs.
#include <cstring>

#include "fuzz_package.h"
#include "media/gltf_loader.h"

using namespace ps;

namespace {

// A 1x1 red PNG.
const unsigned char kPng[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
                              0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
                              0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8,
                              0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00,
                              0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

void check(bool ok, const char* what) {
  if (!ok) fuzz::fail(what);
}

void checkScene(const scenes::MeshScene& s) {
  const auto images = static_cast<int>(s.images.size());
  for (const auto& img : s.images) check(img.rgba.size() == std::size_t(img.width) * img.height * 4, "image size");
  auto textureOk = [&](const std::optional<scenes::TextureRef>& t) { return !t || (t->image >= 0 && t->image < images); };
  for (const auto& m : s.materials)
    check(textureOk(m.baseColor) && textureOk(m.metallicRoughness) && textureOk(m.normal) && textureOk(m.emissive),
          "texture image index");
  for (const auto& mesh : s.meshes)
    for (const auto& p : mesh.primitives) {
      const std::size_t n = p.positions.size();
      check(n > 0, "empty primitive");
      check(p.normals.empty() || p.normals.size() == n, "normals length");
      check(p.uvs.empty() || p.uvs.size() == n, "uvs length");
      check(p.tangents.empty() || p.tangents.size() == n, "tangents length");
      check(p.indices.size() % 3 == 0, "whole triangles");
      for (std::uint32_t i : p.indices) check(i < n, "index past the vertices");
      check(p.material >= -1 && p.material < static_cast<int>(s.materials.size()), "material index");
    }
  const auto nodes = static_cast<int>(s.nodes.size());
  for (const auto& node : s.nodes) {
    check(node.mesh >= -1 && node.mesh < static_cast<int>(s.meshes.size()), "node mesh index");
    check(node.parent >= -1 && node.parent < nodes, "parent index");
    for (int c : node.children) check(c >= 0 && c < nodes && s.nodes[static_cast<std::size_t>(c)].parent != -1, "child");
  }
  for (int r : s.roots) check(r >= 0 && r < nodes && s.nodes[static_cast<std::size_t>(r)].parent == -1, "root");
  check(s.instances().size() <= s.nodes.size(), "a node drawn twice");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool files = [] {
    std::string bin(44, '\0');
    const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    const std::uint16_t indices[3] = {0, 1, 2};
    std::memcpy(bin.data(), positions, 36);
    std::memcpy(bin.data() + 36, indices, 6);
    fuzz::writeFile("tri.bin", bin);
    fuzz::writeFile("red.png", std::string(reinterpret_cast<const char*>(kPng), sizeof kPng));
    return true;
  }();
  (void)files;
  // Small limits keep each input fast; the caps themselves are part of what is fuzzed.
  media::GltfLimits limits;
  limits.maxVertices = 1 << 16;
  limits.maxTriangles = 1 << 16;
  limits.maxImagePixels = 1 << 20;
  limits.maxImageSide = 1024;
  limits.maxElements = 1 << 12;
  auto loaded = media::loadGltfBytes(std::span(data, size), "set.glb", fuzz::package(), fuzz::package(), limits);
  if (loaded.ok()) checkScene(loaded->scene);
  else check(!loaded.error().message().empty(), "an error without a message");
  return 0;
}
