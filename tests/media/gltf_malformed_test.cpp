// Malformed glTF and GLB files, each built here by breaking one field of a valid triangle, are
// refused with a message that names the file and the JSON pointer (the byte, for truncation).
#include <gtest/gtest.h>

#include <cstring>

#include "gltf_files.h"
#include "media/gltf_loader.h"

using namespace ps;
using nlohmann::json;
using test::TempPackage;

namespace {

// Writes `doc` as set.gltf with tri.bin beside it, loads it, and returns the error's message.
std::string refusal(const TempPackage& pkg, const json& doc, const media::GltfLimits& limits = {},
                    const std::vector<std::uint8_t>& bin = test::triangleBin()) {
  pkg.write("tri.bin", bin);
  const auto file = pkg.write("set.gltf", doc.dump());
  auto loaded = media::loadGltf(file, pkg.dir(), limits);
  EXPECT_FALSE(loaded.ok()) << "loaded";
  return loaded.ok() ? std::string() : loaded.error().message();
}

// The message names set.gltf and the pointer, and says `what`.
void expectAt(const std::string& message, const std::string& pointer, const std::string& what) {
  EXPECT_NE(message.find("set.gltf#" + pointer + ": "), std::string::npos) << message;
  EXPECT_NE(message.find(what), std::string::npos) << message;
}

TEST(GltfMalformed, TheValidTriangleLoads) {
  TempPackage pkg;
  pkg.write("tri.bin", test::triangleBin());
  auto loaded = media::loadGltf(pkg.write("set.gltf", test::triangleDocument().dump()), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const scenes::MeshScene& s = loaded->scene;
  ASSERT_EQ(s.meshes.size(), 1u);
  ASSERT_EQ(s.meshes[0].primitives.size(), 1u);
  EXPECT_EQ(s.meshes[0].primitives[0].indices, (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(s.meshes[0].primitives[0].boundsMax, glm::vec3(1, 1, 0));
  EXPECT_EQ(s.roots, std::vector<int>{0});
  EXPECT_EQ(s.triangleCount(), 1u);
  EXPECT_TRUE(loaded->warnings.empty());
}

TEST(GltfMalformed, TruncatedGlbNamesTheFileAndTheBytes) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["buffers"][0].erase("uri");
  std::vector<std::uint8_t> bytes = test::glb(doc, test::triangleBin());
  for (std::size_t keep : {std::size_t(0), std::size_t(7), std::size_t(16), bytes.size() / 2, bytes.size() - 4}) {
    const auto file = pkg.write("set.glb", std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + static_cast<long>(keep)));
    auto loaded = media::loadGltf(file, pkg.dir());
    ASSERT_FALSE(loaded.ok()) << keep;
    EXPECT_NE(loaded.error().message().find("set.glb"), std::string::npos) << loaded.error().message();
    if (keep > 0) {
      EXPECT_NE(loaded.error().message().find("truncated"), std::string::npos) << loaded.error().message();
    }
  }
  // The whole file loads, so the cuts above are what is refused.
  auto whole = media::loadGltf(pkg.write("set.glb", bytes), pkg.dir());
  EXPECT_TRUE(whole.ok()) << whole.error().message();
}

TEST(GltfMalformed, TruncatedJsonNamesTheByte) {
  TempPackage pkg;
  const std::string text = test::triangleDocument().dump();
  const std::string message = refusal(pkg, json(), {}, test::triangleBin());  // "null" is not an object
  EXPECT_NE(message.find("must be a JSON object"), std::string::npos) << message;
  pkg.write("set.gltf", text.substr(0, text.size() / 2));
  auto loaded = media::loadGltf(pkg.dir() / "set.gltf", pkg.dir());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message().find("set.gltf: truncated JSON: at byte"), std::string::npos)
      << loaded.error().message();
}

TEST(GltfMalformed, ANumberTooLargeForADoubleIsRefused) {
  TempPackage pkg;
  pkg.write("set.gltf", R"({"asset":{"version":"2.0"},"extras":{"n":5555555e3555555}})");
  auto loaded = media::loadGltf(pkg.dir() / "set.gltf", pkg.dir());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message().find("set.gltf: a number too large to hold"), std::string::npos)
      << loaded.error().message();
}

TEST(GltfMalformed, AccessorPastItsBufferView) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["accessors"][0]["count"] = 1000;
  expectAt(refusal(pkg, doc), "/accessors/0", "count 1000 with stride 12 from byte 0 runs past buffer view 0 (36 bytes)");
  doc = test::triangleDocument();
  doc["accessors"][0]["byteOffset"] = 4;
  expectAt(refusal(pkg, doc), "/accessors/0", "runs past buffer view 0");
}

TEST(GltfMalformed, BufferViewPastItsBuffer) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["bufferViews"][1]["byteLength"] = 100;
  expectAt(refusal(pkg, doc), "/bufferViews/1", "run past buffer 0 (44 bytes)");
  doc = test::triangleDocument();
  doc["bufferViews"][0]["buffer"] = 3;
  expectAt(refusal(pkg, doc), "/bufferViews/0/buffer", "buffer 3 does not exist");
}

TEST(GltfMalformed, BufferShorterThanItsByteLength) {
  TempPackage pkg;
  std::vector<std::uint8_t> bin = test::triangleBin();
  bin.resize(40);
  expectAt(refusal(pkg, test::triangleDocument(), {}, bin), "/buffers/0/uri", "is 40 bytes; byteLength says 44");
}

TEST(GltfMalformed, IndexPastTheVertices) {
  TempPackage pkg;
  std::vector<std::uint8_t> bin = test::triangleBin();
  const std::uint16_t seven = 7;
  std::memcpy(bin.data() + 36 + 4, &seven, 2);
  expectAt(refusal(pkg, test::triangleDocument(), {}, bin), "/accessors/1",
           "index 7 at element 2 is past the 3 vertices of /meshes/0/primitives/0/indices");
}

TEST(GltfMalformed, AbsurdCounts) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["accessors"][0]["count"] = 4'000'000'000ull;
  expectAt(refusal(pkg, doc), "/accessors/0/count", "4000000000 is over the limit");
  media::GltfLimits limits;
  limits.maxVertices = 2;
  expectAt(refusal(pkg, test::triangleDocument(), limits), "/meshes/0/primitives/0", "vertices reach 3, over the limit of 2");
  limits = {};
  limits.maxTriangles = 0;
  expectAt(refusal(pkg, test::triangleDocument(), limits), "/meshes/0/primitives/0", "triangles reach 1, over the limit of 0");
  limits = {};
  limits.maxElements = 1;
  doc = test::triangleDocument();
  doc["nodes"] = json::array({json::object(), json::object()});
  expectAt(refusal(pkg, doc, limits), "/accessors", "2 entries, over the limit of 1");
}

TEST(GltfMalformed, AbsurdImageSizes) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["images"] = json::array({json{{"uri", "big.png"}}});
  pkg.write("big.png", test::png(64, 32, 255, 0, 0));
  media::GltfLimits limits;
  limits.maxImagePixels = 1000;
  expectAt(refusal(pkg, doc, limits), "/images/0", "2048 pixels, over the limit of 1000");
  limits = {};
  limits.maxImageSide = 50;
  expectAt(refusal(pkg, doc, limits), "/images/0", "64x32 pixels; each side is limited to 50");
}

TEST(GltfMalformed, MissingTexture) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["images"] = json::array({json{{"uri", "missing.png"}}});
  doc["textures"] = json::array({json{{"source", 0}}});
  doc["materials"] = json::array({json{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}});
  expectAt(refusal(pkg, doc), "/images/0/uri", "\"missing.png\" does not exist in the package folder");
}

TEST(GltfMalformed, MissingBuffer) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["buffers"][0]["uri"] = "nothere.bin";
  expectAt(refusal(pkg, doc), "/buffers/0/uri", "\"nothere.bin\" does not exist in the package folder");
}

TEST(GltfMalformed, UrisThatEscapeThePackage) {
  TempPackage outside;
  outside.write("tri.bin", test::triangleBin());
  TempPackage pkg;
  const std::string outsideBin = (outside.dir() / "tri.bin").string();
  std::filesystem::create_symlink(outside.dir(), pkg.dir() / "link");
  const std::pair<std::string, std::string> cases[] = {
      {"../tri.bin", "climbs out with \"..\""},
      {"sub/../../tri.bin", "climbs out with \"..\""},
      {"%2e%2e/tri.bin", "climbs out with \"..\""},
      {outsideBin, "is absolute"},
      {"file://" + outsideBin, "has a URI scheme"},
      {"link/tri.bin", "resolves outside the package folder"},
  };
  for (const auto& [uri, why] : cases) {
    json doc = test::triangleDocument();
    doc["buffers"][0]["uri"] = uri;
    expectAt(refusal(pkg, doc), "/buffers/0/uri", why);
    json withImage = test::triangleDocument();
    withImage["images"] = json::array({json{{"uri", uri}}});
    expectAt(refusal(pkg, withImage), "/images/0/uri", why);
  }
}

TEST(GltfMalformed, TheSetItselfOutsideThePackage) {
  TempPackage outside;
  outside.write("tri.bin", test::triangleBin());
  const auto file = outside.write("set.gltf", test::triangleDocument().dump());
  TempPackage pkg;
  auto loaded = media::loadGltf(file, pkg.dir());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message().find("set.gltf: its folder"), std::string::npos) << loaded.error().message();
  EXPECT_NE(loaded.error().message().find("is outside the package folder"), std::string::npos) << loaded.error().message();
}

TEST(GltfMalformed, DataUrisThatAreNotBase64) {
  TempPackage pkg;
  const std::string good = test::base64(test::triangleBin());
  const std::pair<std::string, std::string> cases[] = {
      {"data:application/octet-stream," + good, "is not base64"},
      {"data:application/octet-stream;base64," + good.substr(0, 10) + "*" + good.substr(11), "outside the base64 alphabet"},
      {"data:application/octet-stream;base64," + good.substr(1), "base64 comes in groups of 4"},
      {"data:application/octet-stream;base64", "no \",\""},
      {"data:text/html;base64," + good, "media type \"text/html\""},
      {"data:application/octet-stream;base64," + test::base64(std::vector<std::uint8_t>(40)), "holds 40 bytes; byteLength says 44"},
  };
  for (const auto& [uri, why] : cases) {
    json doc = test::triangleDocument();
    doc["buffers"][0]["uri"] = uri;
    expectAt(refusal(pkg, doc), "/buffers/0/uri", why);
  }
  // The good one loads.
  json doc = test::triangleDocument();
  doc["buffers"][0]["uri"] = "data:application/octet-stream;base64," + good;
  auto loaded = media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir());
  EXPECT_TRUE(loaded.ok()) << loaded.error().message();
}

TEST(GltfMalformed, OutOfRangeReferences) {
  TempPackage pkg;
  struct Case {
    const char* pointer;
    json value;
    const char* at;
    const char* why;
  };
  const Case cases[] = {
      {"/nodes/0/mesh", 4, "/nodes/0/mesh", "mesh 4 does not exist"},
      {"/meshes/0/primitives/0/material", 2, "/meshes/0/primitives/0/material", "material 2 does not exist"},
      {"/meshes/0/primitives/0/attributes/POSITION", 9, "/meshes/0/primitives/0/attributes/POSITION", "accessor 9 does not exist"},
      {"/meshes/0/primitives/0/indices", 9, "/meshes/0/primitives/0/indices", "accessor 9 does not exist"},
      {"/scenes/0/nodes/0", 5, "/scenes/0/nodes/0", "node 5 does not exist"},
      {"/scene", 3, "/scene", "scene 3 does not exist"},
      {"/nodes/0/children", json::array({0}), "/nodes/0/children/0", "cannot be its own child"},
      {"/accessors/0/sparse", json{{"count", 1}, {"indices", {{"bufferView", 1}, {"componentType", 5123}}}, {"values", {{"bufferView", 0}}}}, "/accessors/0/sparse", "sparse accessors are not read"},
      {"/accessors/0/type", "VEC2", "/meshes/0/primitives/0/attributes/POSITION", "POSITION must be VEC3 of float, not VEC2"},
      {"/extensionsRequired", json::array({"EXT_texture_webp"}), "/extensionsRequired/0", "requires \"EXT_texture_webp\""},
      {"/meshes/0/primitives/0/mode", 9, "/meshes/0/primitives/0/mode", "9 is not a glTF primitive mode"},
  };
  for (const Case& c : cases) {
    json doc = test::triangleDocument();
    doc[json::json_pointer(c.pointer)] = c.value;
    expectAt(refusal(pkg, doc), c.at, c.why);
  }
}

TEST(GltfMalformed, MaterialTextureAndSamplerReferences) {
  TempPackage pkg;
  pkg.write("red.png", test::png(4, 4, 255, 0, 0));
  json base = test::triangleDocument();
  base["images"] = json::array({json{{"uri", "red.png"}}});
  base["textures"] = json::array({json{{"source", 0}, {"sampler", 0}}});
  base["samplers"] = json::array({json::object()});
  base["materials"] = json::array({json{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}});
  base["meshes"][0]["primitives"][0]["material"] = 0;
  pkg.write("tri.bin", test::triangleBin());
  {
    auto loaded = media::loadGltf(pkg.write("set.gltf", base.dump()), pkg.dir());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    ASSERT_EQ(loaded->scene.images.size(), 1u);
    EXPECT_EQ(loaded->scene.images[0].rgba.size(), 4u * 4u * 4u);
    EXPECT_EQ(loaded->scene.images[0].rgba[0], 255);
  }
  const std::tuple<const char*, json, const char*, const char*> cases[] = {
      {"/materials/0/pbrMetallicRoughness/baseColorTexture/index", 3, "/materials/0/pbrMetallicRoughness/baseColorTexture/index", "texture 3 does not exist"},
      {"/textures/0/source", 2, "/textures/0/source", "image 2 does not exist"},
      {"/textures/0/sampler", 2, "/textures/0/sampler", "sampler 2 does not exist"},
      {"/samplers/0/wrapS", 7, "/samplers/0/wrapS", "7 is not a glTF wrap mode"},
      {"/samplers/0/minFilter", 1, "/samplers/0/minFilter", "1 is not a glTF minification filter"},
      {"/materials/0/alphaMode", "SOMETIMES", "/materials/0/alphaMode", "\"SOMETIMES\" is not OPAQUE, MASK or BLEND"},
      {"/images/0/uri", "tri.bin", "/images/0", "is neither PNG nor JPEG"},
      {"/materials/0/pbrMetallicRoughness", "shiny", "/materials/0/pbrMetallicRoughness", "must be an object"},
      {"/materials/0/alphaCutoff", "half", "/materials/0/alphaCutoff", "must be a number"},
  };
  for (const auto& [at, value, where, why] : cases) {
    json doc = base;
    doc[json::json_pointer(at)] = value;
    expectAt(refusal(pkg, doc), where, why);
  }
}

TEST(GltfMalformed, NodeCyclesAndSecondParents) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["nodes"] = json::array({json{{"mesh", 0}, {"children", {1}}}, json{{"children", {2}}}, json{{"children", {1}}}});
  expectAt(refusal(pkg, doc), "/nodes/2/children/0", "node 1 already has parent node 0");
  doc["nodes"] = json::array({json{{"mesh", 0}}, json{{"children", {2}}}, json{{"children", {1}}}});
  expectAt(refusal(pkg, doc), "/nodes/1/children", "is its own ancestor");
  doc["nodes"] = json::array({json{{"mesh", 0}, {"children", {1}}}, json::object()});
  doc["scenes"][0]["nodes"] = {0, 1};
  expectAt(refusal(pkg, doc), "/scenes/0/nodes/1", "node 1 is a child of node 0");
}

TEST(GltfMalformed, NonFinitePositionsAndTransforms) {
  TempPackage pkg;
  std::vector<std::uint8_t> bin = test::triangleBin();
  const float inf = std::numeric_limits<float>::infinity();
  std::memcpy(bin.data() + 12, &inf, 4);
  expectAt(refusal(pkg, test::triangleDocument(), {}, bin), "/accessors/0", "element 1 is not finite");
  json doc = test::triangleDocument();
  doc["nodes"][0]["matrix"] = json::array({1, 0, 0});
  expectAt(refusal(pkg, doc), "/nodes/0/matrix", "must have 16 numbers");
}

TEST(GltfMalformed, TinygltfsOwnErrorIsKept) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["accessors"][0]["componentType"] = "float";  // a type tinygltf itself refuses
  const std::string message = refusal(pkg, doc);
  EXPECT_NE(message.find("set.gltf: tinygltf cannot parse it: "), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(GltfMalformed, UntrustedTextIsEscaped) {
  TempPackage pkg;
  json doc = test::triangleDocument();
  doc["buffers"][0]["uri"] = "evil\n\x1b[31m.bin";
  const std::string message = refusal(pkg, doc);
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
  EXPECT_NE(message.find("\\n"), std::string::npos) << message;
}

}  // namespace
