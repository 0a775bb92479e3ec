// The generated sets (tools/make_set) read back exactly as written, and the loader's features
// (strips and fans, quantized UVs, images in buffer views, unlit, TRS) on small files.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "gltf_files.h"
#include "make_set/known_sets.h"
#include "media/gltf_loader.h"

using namespace ps;
using nlohmann::json;

namespace {

TEST(GltfKnownSet, DemoSetReadsBackAsWritten) {
  test::TempPackage pkg;
  auto loaded = media::loadGltf(pkg.write("demo.glb", make_set::demoSet()), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_TRUE(loaded->warnings.empty());
  const scenes::MeshScene& s = loaded->scene;
  ASSERT_EQ(s.images.size(), 3u);
  for (const auto& img : s.images) EXPECT_EQ(img.width, make_set::kCheckerSize);
  EXPECT_EQ(s.images[0].rgba, make_set::checker({0.8f, 0.8f, 0.8f}, {0.3f, 0.3f, 0.3f}));
  EXPECT_EQ(s.images[1].rgba, make_set::checker({0.9f, 0.2f, 0.2f}, {1, 1, 1}));
  EXPECT_EQ(s.images[2].rgba, make_set::checker({0.2f, 0.3f, 0.9f}, {1, 1, 1}));
  ASSERT_EQ(s.materials.size(), 4u);
  EXPECT_FALSE(s.materials[1].unlit);
  EXPECT_TRUE(s.materials[2].unlit);
  EXPECT_FALSE(s.materials[3].baseColor.has_value());
  EXPECT_EQ(s.materials[3].baseColorFactor, make_set::kPlainColour);
  ASSERT_TRUE(s.materials[0].baseColor.has_value());
  EXPECT_TRUE(s.materials[0].baseColor->mipmaps);
  ASSERT_EQ(s.roots.size(), 4u);
  const auto instances = s.instances();
  ASSERT_EQ(instances.size(), 4u);
  EXPECT_EQ(s.triangleCount(), 2u + 3 * 12u);
  // The floor: 6 x 6 m at y = 0.
  const auto& floor = s.meshes[static_cast<std::size_t>(instances[0].mesh)].primitives[0];
  EXPECT_EQ(floor.boundsMin, glm::vec3(-3, 0, -3));
  EXPECT_EQ(floor.boundsMax, glm::vec3(3, 0, 3));
  // Each box's world bounds are its centre plus and minus half its size.
  for (int b = 0; b < 3; ++b) {
    const make_set::KnownBox& box = make_set::kDemoBoxes[b];
    const auto& inst = instances[static_cast<std::size_t>(b + 1)];
    const auto& p = s.meshes[static_cast<std::size_t>(inst.mesh)].primitives[0];
    EXPECT_EQ(p.positions.size(), 24u);
    EXPECT_EQ(p.indices.size(), 36u);
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const glm::vec3& v : p.positions) {
      const glm::vec3 w = glm::vec3(inst.world * glm::vec4(v, 1.0f));
      lo = glm::min(lo, w);
      hi = glm::max(hi, w);
    }
    for (int k = 0; k < 3; ++k) {
      EXPECT_NEAR(lo[k], box.centre[k] - box.size / 2, 1e-6) << box.name;
      EXPECT_NEAR(hi[k], box.centre[k] + box.size / 2, 1e-6) << box.name;
    }
    EXPECT_EQ(s.nodes[static_cast<std::size_t>(inst.node)].name, box.name);
    EXPECT_EQ(s.materials[static_cast<std::size_t>(p.material)].unlit, box.unlit);
  }
}

TEST(GltfKnownSet, SphereHasExactlyTheTrianglesItsFormulaSays) {
  for (std::uint64_t n : {10'000ull, 100'000ull}) {
    test::TempPackage pkg;
    auto loaded = media::loadGltf(pkg.write("sphere.glb", make_set::sphereSet(n)), pkg.dir());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    const std::uint64_t r = make_set::sphereRings(n);
    EXPECT_EQ(loaded->scene.triangleCount(), 4 * r * r);
    const auto& p = loaded->scene.meshes[0].primitives[0];
    EXPECT_EQ(p.positions.size(), (r + 1) * (2 * r + 1));
    for (const glm::vec3& v : p.positions) ASSERT_NEAR(glm::length(v), 1.0f, 1e-5f);
  }
  EXPECT_EQ(make_set::sphereRings(10'000), 50u);
  EXPECT_EQ(make_set::sphereRings(1'000'000), 500u);
}

// A quad as a strip and as a fan, non-indexed, by glTF's rules for each; points are skipped.
TEST(GltfFeatures, StripsAndFansBecomeLists) {
  test::TempPackage pkg;
  const float quad[12] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0};
  std::vector<std::uint8_t> bin(48);
  std::memcpy(bin.data(), quad, 48);
  json doc = json::parse(R"({"asset": {"version": "2.0"}, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
    "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "mode": 5}, {"attributes": {"POSITION": 0}, "mode": 6},
                               {"attributes": {"POSITION": 0}, "mode": 0}]}],
    "accessors": [{"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3"}],
    "bufferViews": [{"buffer": 0, "byteLength": 48}], "buffers": [{"byteLength": 48}]})");
  auto loaded = media::loadGltf(pkg.write("quad.glb", test::glb(doc, bin)), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const auto& prims = loaded->scene.meshes[0].primitives;
  ASSERT_EQ(prims.size(), 2u);  // the points are skipped
  EXPECT_EQ(prims[0].indices, (std::vector<std::uint32_t>{0, 1, 2, 1, 3, 2}));
  EXPECT_EQ(prims[1].indices, (std::vector<std::uint32_t>{1, 2, 0, 2, 3, 0}));
  ASSERT_EQ(loaded->warnings.size(), 1u);
  EXPECT_EQ(loaded->warnings[0].pointer, "/meshes/0/primitives/2/mode");
}

TEST(GltfFeatures, QuantizedUvsImagesInViewsUnlitAndTrs) {
  test::TempPackage pkg;
  std::vector<std::uint8_t> bin = test::triangleBin();
  const std::uint16_t uvs[6] = {0, 0, 65535, 0, 0, 32768};
  const auto uvAt = bin.size();
  bin.resize(uvAt + 12);
  std::memcpy(bin.data() + uvAt, uvs, 12);
  const auto pngAt = bin.size();
  const std::vector<std::uint8_t> image = test::png(2, 3, 10, 20, 30);
  bin.insert(bin.end(), image.begin(), image.end());
  json doc = test::triangleDocument();
  doc["buffers"][0] = json{{"byteLength", bin.size()}};
  doc["bufferViews"].push_back(json{{"buffer", 0}, {"byteOffset", uvAt}, {"byteLength", 12}});
  doc["bufferViews"].push_back(json{{"buffer", 0}, {"byteOffset", pngAt}, {"byteLength", image.size()}});
  doc["accessors"].push_back(json{{"bufferView", 2}, {"componentType", 5123}, {"normalized", true}, {"count", 3}, {"type", "VEC2"}});
  doc["meshes"][0]["primitives"][0]["attributes"]["TEXCOORD_0"] = 2;
  doc["meshes"][0]["primitives"][0]["material"] = 0;
  doc["images"] = json::array({json{{"bufferView", 3}, {"mimeType", "image/png"}}});
  doc["samplers"] = json::array({json{{"magFilter", 9728}, {"minFilter", 9729}, {"wrapS", 33071}, {"wrapT", 33648}}});
  doc["textures"] = json::array({json{{"source", 0}, {"sampler", 0}}});
  doc["materials"] = json::array({json{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}},
                                       {"alphaMode", "MASK"}, {"alphaCutoff", 0.25}, {"doubleSided", true},
                                       {"extensions", {{"KHR_materials_unlit", json::object()}}}}});
  doc["nodes"][0]["translation"] = {1, 2, 3};
  doc["nodes"][0]["scale"] = {2, 2, 2};
  doc["nodes"][0]["rotation"] = {0, 0.70710678, 0, 0.70710678};  // 90 degrees about +Y
  auto loaded = media::loadGltf(pkg.write("set.glb", test::glb(doc, bin)), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const scenes::MeshScene& s = loaded->scene;
  const auto& p = s.meshes[0].primitives[0];
  ASSERT_EQ(p.uvs.size(), 3u);
  EXPECT_EQ(p.uvs[1], glm::vec2(1, 0));
  EXPECT_NEAR(p.uvs[2].y, 32768.0f / 65535.0f, 1e-7f);
  ASSERT_EQ(s.images.size(), 1u);
  EXPECT_EQ(s.images[0].width, 2u);
  EXPECT_EQ(s.images[0].height, 3u);
  EXPECT_EQ(s.images[0].rgba[1], 20);
  const scenes::MeshMaterial& m = s.materials[0];
  EXPECT_TRUE(m.unlit);
  EXPECT_TRUE(m.doubleSided);
  EXPECT_EQ(m.alphaMode, scenes::AlphaMode::Mask);
  EXPECT_FLOAT_EQ(m.alphaCutoff, 0.25f);
  ASSERT_TRUE(m.baseColor.has_value());
  EXPECT_EQ(m.baseColor->magFilter, scenes::TextureFilter::Nearest);
  EXPECT_FALSE(m.baseColor->mipmaps);
  EXPECT_EQ(m.baseColor->wrapU, scenes::TextureWrap::ClampToEdge);
  EXPECT_EQ(m.baseColor->wrapV, scenes::TextureWrap::MirroredRepeat);
  // (1, 0, 0) scaled by 2, turned 90 degrees about +Y to (0, 0, -2), moved by (1, 2, 3).
  const glm::vec4 w = s.nodes[0].local * glm::vec4(1, 0, 0, 1);
  EXPECT_NEAR(w.x, 1, 1e-5);
  EXPECT_NEAR(w.y, 2, 1e-5);
  EXPECT_NEAR(w.z, 1, 1e-5);
}

}  // namespace
