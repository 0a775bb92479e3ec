// Khronos sample models from Debian's assimp-testmodels load with the counts their own JSON
// gives (computed here independently of the loader); its deliberately broken files are refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "gltf_files.h"
#include "media/gltf_loader.h"

using namespace ps;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {


#define SKIP_WITHOUT_MODELS()                                                                            \
  if (!fs::is_directory(test::kKhronosModels))                                                                        \
  GTEST_SKIP() << test::kKhronosModels << " is absent: install assimp-testmodels (tools/setup.sh does)"

struct Counts {
  std::size_t meshes = 0, primitives = 0, triangles = 0, images = 0, materials = 0, nodes = 0;
};

// What the file's JSON says: triangles from each drawable primitive's index (or vertex) count.
Counts expected(const fs::path& file) {
  const json doc = test::readDocument(file);
  Counts c;
  c.meshes = doc.value("meshes", json::array()).size();
  c.images = doc.value("images", json::array()).size();
  c.materials = doc.value("materials", json::array()).size();
  c.nodes = doc.value("nodes", json::array()).size();
  for (const json& mesh : doc.value("meshes", json::array()))
    for (const json& p : mesh["primitives"]) {
      const int mode = p.value("mode", 4);
      if (mode < 4) continue;
      ++c.primitives;
      const std::size_t n = p.contains("indices") ? doc["accessors"][p["indices"].get<int>()]["count"].get<std::size_t>()
                                                  : doc["accessors"][p["attributes"]["POSITION"].get<int>()]["count"].get<std::size_t>();
      c.triangles += mode == 4 ? n / 3 : n - 2;
    }
  return c;
}

Counts loadedCounts(const scenes::MeshScene& s) {
  Counts c;
  c.meshes = s.meshes.size();
  c.images = s.images.size();
  c.materials = s.materials.size();
  c.nodes = s.nodes.size();
  for (const auto& m : s.meshes)
    for (const auto& p : m.primitives) {
      ++c.primitives;
      c.triangles += p.indices.size() / 3;
      // The guarantees the mesh layer relies on.
      EXPECT_EQ(p.indices.size() % 3, 0u);
      EXPECT_TRUE(std::all_of(p.indices.begin(), p.indices.end(), [&](std::uint32_t i) { return i < p.positions.size(); }));
      EXPECT_TRUE(p.normals.empty() || p.normals.size() == p.positions.size());
      EXPECT_TRUE(p.uvs.empty() || p.uvs.size() == p.positions.size());
      EXPECT_TRUE(p.tangents.empty() || p.tangents.size() == p.positions.size());
      EXPECT_LT(p.material, static_cast<int>(s.materials.size()));
    }
  for (const auto& img : s.images) EXPECT_EQ(img.rgba.size(), std::size_t(img.width) * img.height * 4);
  return c;
}

void expectLoadsAsItsJsonSays(const fs::path& file, std::size_t minTriangles = 1) {
  SCOPED_TRACE(file.string());
  auto loaded = media::loadGltf(file, file.parent_path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const Counts want = expected(file), got = loadedCounts(loaded->scene);
  EXPECT_EQ(got.meshes, want.meshes);
  EXPECT_EQ(got.primitives, want.primitives);
  EXPECT_EQ(got.triangles, want.triangles);
  EXPECT_EQ(got.images, want.images);
  EXPECT_EQ(got.materials, want.materials);
  EXPECT_EQ(got.nodes, want.nodes);
  EXPECT_GE(got.triangles, minTriangles);
  EXPECT_FALSE(loaded->scene.roots.empty());
}

TEST(GltfSamples, BoxTexturedInEveryPackaging) {
  SKIP_WITHOUT_MODELS();
  for (const char* f : {"BoxTextured-glTF/BoxTextured.gltf", "BoxTextured-glTF-Binary/BoxTextured.glb",
                        "BoxTextured-glTF-Embedded/BoxTextured.gltf"}) {
    expectLoadsAsItsJsonSays(test::kKhronosModels / f, 12);
    auto loaded = media::loadGltf(test::kKhronosModels / f, (test::kKhronosModels / f).parent_path());
    ASSERT_TRUE(loaded.ok());
    const scenes::MeshScene& s = loaded->scene;
    ASSERT_EQ(s.images.size(), 1u);
    EXPECT_EQ(s.images[0].width, 211u);  // CesiumLogoFlat.png
    EXPECT_EQ(s.images[0].height, 211u);
    ASSERT_EQ(s.materials.size(), 1u);
    ASSERT_TRUE(s.materials[0].baseColor.has_value());
    EXPECT_EQ(s.materials[0].baseColor->image, 0);
    const auto& p = s.meshes[0].primitives[0];
    EXPECT_EQ(p.positions.size(), 24u);
    EXPECT_EQ(p.normals.size(), 24u);
    EXPECT_EQ(p.uvs.size(), 24u);
    EXPECT_EQ(p.boundsMin, glm::vec3(-0.5f));
    EXPECT_EQ(p.boundsMax, glm::vec3(0.5f));
    EXPECT_EQ(s.triangleCount(), 12u);
  }
}

TEST(GltfSamples, TwoCylinderEngine) {
  SKIP_WITHOUT_MODELS();
  const fs::path file = test::kKhronosModels / "2CylinderEngine-glTF-Binary/2CylinderEngine.glb";
  expectLoadsAsItsJsonSays(file, 1000);
  auto loaded = media::loadGltf(file, file.parent_path());
  ASSERT_TRUE(loaded.ok());
  // Its node tree places meshes more than once: instances count every placement.
  const json doc = test::readDocument(file);
  std::size_t placed = 0;
  for (const auto& n : doc["nodes"]) placed += n.contains("mesh");
  EXPECT_EQ(loaded->scene.instances().size(), placed);
}

TEST(GltfSamples, AssetGeneratorPrimitiveModes) {
  SKIP_WITHOUT_MODELS();
  const fs::path dir = test::kKhronosModels / "glTF-Asset-Generator/Mesh_PrimitiveMode";
  for (int i = 0; i <= 15; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "Mesh_PrimitiveMode_%02d.gltf", i);
    SCOPED_TRACE(name);
    const fs::path file = dir / name;
    auto loaded = media::loadGltf(file, dir);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    const Counts want = expected(file), got = loadedCounts(loaded->scene);
    EXPECT_EQ(got.triangles, want.triangles);
    EXPECT_EQ(got.primitives, want.primitives);
    // Points and lines are skipped, and each skip is told.
    if (want.primitives == 0) {
      ASSERT_FALSE(loaded->warnings.empty());
      EXPECT_EQ(loaded->warnings[0].pointer, "/meshes/0/primitives/0/mode");
    } else {
      EXPECT_EQ(got.triangles, 2u);  // each draws one quad
    }
  }
}

TEST(GltfSamples, Cameras) {
  SKIP_WITHOUT_MODELS();
  const fs::path file = test::kKhronosModels / "cameras/Cameras.gltf";
  expectLoadsAsItsJsonSays(file);
  auto loaded = media::loadGltf(file, file.parent_path());
  ASSERT_TRUE(loaded.ok());
  bool told = false;
  for (const auto& w : loaded->warnings) told = told || w.message == "cameras are not read";
  EXPECT_TRUE(told);
}

// A scene without nodes shows nothing; "scene": 0 with no scenes is an error at /scene.
TEST(GltfSamples, SetsWithoutScenesOrRoots) {
  SKIP_WITHOUT_MODELS();
  const fs::path empty = test::kKhronosModels / "TestNoRootNode/SceneWithoutNodes.gltf";
  auto none = media::loadGltf(empty, empty.parent_path());
  ASSERT_TRUE(none.ok()) << none.error().message();
  EXPECT_TRUE(none->scene.roots.empty());
  EXPECT_EQ(none->scene.triangleCount(), 0u);
  const fs::path noScene = test::kKhronosModels / "TestNoRootNode/NoScene.gltf";
  auto refused = media::loadGltf(noScene, noScene.parent_path());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message(), noScene.string() + "#/scene: scene 0 does not exist (there are 0)");
}

// Without any scene, every parentless node is shown, and that is told.
TEST(GltfSamples, NoScenesShowEveryRoot) {
  test::TempPackage pkg;
  pkg.write("tri.bin", test::triangleBin());
  json doc = test::triangleDocument();
  doc.erase("scene");
  doc.erase("scenes");
  doc["nodes"] = json::array({json{{"mesh", 0}, {"children", {2}}}, json{{"mesh", 0}}, json{{"mesh", 0}}});
  auto loaded = media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(loaded->scene.roots, (std::vector<int>{0, 1}));
  EXPECT_EQ(loaded->scene.triangleCount(), 3u);
  ASSERT_EQ(loaded->warnings.size(), 1u);
  EXPECT_EQ(loaded->warnings[0].message, "the file has no scene; every node without a parent is shown");
}

TEST(GltfSamples, BrokenSamplesAreRefusedNamingTheFile) {
  SKIP_WITHOUT_MODELS();
  for (const char* f : {"IndexOutOfRange/IndexOutOfRange.gltf", "IndexOutOfRange/AllIndicesOutOfRange.gltf",
                        "IncorrectVertexArrays/Cube.gltf", "MissingBin/BoxTextured.gltf",
                        "RecursiveNodes/RecursiveNodes.gltf", "BoxWithInfinites-glTF-Binary/BoxWithInfinites.glb",
                        "SchemaFailures/sceneWrongType.gltf", "wrongTypes/badArray.gltf", "wrongTypes/badNumber.gltf", "wrongTypes/badObject.gltf",
                        "wrongTypes/badString.gltf", "wrongTypes/badUint.gltf",
                        "wrongTypes/badExtension.gltf"}) {
    SCOPED_TRACE(f);
    const fs::path file = test::kKhronosModels / f;
    auto loaded = media::loadGltf(file, file.parent_path());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message().find(file.string()), std::string::npos) << loaded.error().message();
  }
}

}  // namespace
