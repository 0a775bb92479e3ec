// Compressed and quantised glTF: Draco and meshopt streams encoded here with the libraries' own
// encoders decode to the known data; the Draco sample from assimp-testmodels matches its
// uncompressed twin; quantised attributes and texture transforms land on hand-computed values;
// corrupt streams and wrong counts are refused with the file and the JSON pointer.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <numbers>

#include <draco/compression/encode.h>
#include <draco/mesh/triangle_soup_mesh_builder.h>
#include <meshoptimizer.h>

#include "gltf_files.h"
#include "media/gltf_loader.h"

using namespace ps;
using nlohmann::json;
using test::TempPackage;
namespace fs = std::filesystem;

namespace {


template <typename T>
void append(std::vector<std::uint8_t>& out, const std::vector<T>& values) {
  const std::size_t at = out.size();
  out.resize(at + values.size() * sizeof(T));
  std::memcpy(out.data() + at, values.data(), values.size() * sizeof(T));
  out.resize((out.size() + 3) / 4 * 4, 0);
}

std::string messageOf(const Result<media::GltfSet>& r) { return r.ok() ? std::string("loaded") : r.error().message(); }

// ---- Draco ----------------------------------------------------------------------------------

// A square of two triangles with a corner in z, and its UVs, each corner as its own triangle.
const std::array<glm::vec3, 6> kCorners = {glm::vec3(0, 0, 0), glm::vec3(2, 0, 0), glm::vec3(2, 3, 0.5f),
                                           glm::vec3(0, 0, 0), glm::vec3(2, 3, 0.5f), glm::vec3(0, 3, 0)};
const std::array<glm::vec2, 6> kCornerUvs = {glm::vec2(0, 0), glm::vec2(1, 0), glm::vec2(1, 1),
                                             glm::vec2(0, 0), glm::vec2(1, 1), glm::vec2(0, 1)};

struct DracoStream {
  std::vector<std::uint8_t> bytes;
  std::size_t points = 0, faces = 0;
  int positionId = 0, uvId = 0;
};

// Encoded losslessly (no quantisation) and sequentially, so the values come back exactly.
DracoStream encodeSquare() {
  draco::TriangleSoupMeshBuilder builder;
  builder.Start(2);
  const int pos = builder.AddAttribute(draco::GeometryAttribute::POSITION, 3, draco::DT_FLOAT32);
  const int uv = builder.AddAttribute(draco::GeometryAttribute::TEX_COORD, 2, draco::DT_FLOAT32);
  for (int f = 0; f < 2; ++f) {
    builder.SetAttributeValuesForFace(pos, draco::FaceIndex(f), &kCorners[f * 3], &kCorners[f * 3 + 1], &kCorners[f * 3 + 2]);
    builder.SetAttributeValuesForFace(uv, draco::FaceIndex(f), &kCornerUvs[f * 3], &kCornerUvs[f * 3 + 1],
                                      &kCornerUvs[f * 3 + 2]);
  }
  std::unique_ptr<draco::Mesh> mesh = builder.Finalize();
  EXPECT_TRUE(mesh);
  draco::Encoder encoder;
  encoder.SetEncodingMethod(draco::MESH_SEQUENTIAL_ENCODING);
  draco::EncoderBuffer buffer;
  const draco::Status s = encoder.EncodeMeshToBuffer(*mesh, &buffer);
  EXPECT_TRUE(s.ok()) << s.error_msg_string();
  DracoStream out;
  out.bytes.assign(buffer.data(), buffer.data() + buffer.size());
  out.points = mesh->num_points();
  out.faces = mesh->num_faces();
  out.positionId = static_cast<int>(mesh->attribute(pos)->unique_id());
  out.uvId = static_cast<int>(mesh->attribute(uv)->unique_id());
  return out;
}

json dracoDocument(const DracoStream& d) {
  return json{
      {"asset", {{"version", "2.0"}}},
      {"extensionsUsed", {"KHR_draco_mesh_compression"}},
      {"extensionsRequired", {"KHR_draco_mesh_compression"}},
      {"scene", 0},
      {"scenes", {{{"nodes", {0}}}}},
      {"nodes", {{{"mesh", 0}}}},
      {"meshes",
       {{{"primitives",
          {{{"attributes", {{"POSITION", 0}, {"TEXCOORD_0", 1}}},
            {"indices", 2},
            {"extensions",
             {{"KHR_draco_mesh_compression",
               {{"bufferView", 0}, {"attributes", {{"POSITION", d.positionId}, {"TEXCOORD_0", d.uvId}}}}}}}}}}}}},
      {"accessors",
       {{{"componentType", 5126}, {"count", d.points}, {"type", "VEC3"}},
        {{"componentType", 5126}, {"count", d.points}, {"type", "VEC2"}},
        {{"componentType", 5123}, {"count", d.faces * 3}, {"type", "SCALAR"}}}},
      {"bufferViews", {{{"buffer", 0}, {"byteLength", d.bytes.size()}}}},
      {"buffers", {{{"byteLength", d.bytes.size()}}}},
  };
}

Result<media::GltfSet> loadDraco(const TempPackage& pkg, const json& doc, const std::vector<std::uint8_t>& bytes) {
  return media::loadGltf(pkg.write("set.glb", test::glb(doc, bytes)), pkg.dir());
}

TEST(GltfDraco, AnEncodedSquareDecodesToItsCorners) {
  TempPackage pkg;
  const DracoStream d = encodeSquare();
  ASSERT_EQ(d.faces, 2u);
  auto loaded = loadDraco(pkg, dracoDocument(d), d.bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  ASSERT_EQ(loaded->scene.meshes.size(), 1u);
  ASSERT_EQ(loaded->scene.meshes[0].primitives.size(), 1u);
  const scenes::MeshPrimitive& p = loaded->scene.meshes[0].primitives[0];
  ASSERT_EQ(p.indices.size(), 6u);
  ASSERT_EQ(p.uvs.size(), p.positions.size());
  // Draco may share and reorder points; every corner of every triangle must come back.
  for (std::size_t i = 0; i < 6; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(p.positions[p.indices[i]], kCorners[i]);
    EXPECT_EQ(p.uvs[p.indices[i]], kCornerUvs[i]);
  }
  EXPECT_EQ(p.boundsMin, glm::vec3(0, 0, 0));
  EXPECT_EQ(p.boundsMax, glm::vec3(2, 3, 0.5f));
  EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front().message;
}

TEST(GltfDraco, AnEncodedSquareInAGltfWithADataUri) {
  TempPackage pkg;
  const DracoStream d = encodeSquare();
  json doc = dracoDocument(d);
  doc["buffers"][0]["uri"] = "data:application/octet-stream;base64," + test::base64(d.bytes);
  auto loaded = media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(loaded->scene.triangleCount(), 2u);
}

TEST(GltfDraco, CorruptOrMismatchedDracoDataIsRefused) {
  TempPackage pkg;
  const DracoStream d = encodeSquare();
  const std::string ext = "set.glb#/meshes/0/primitives/0/extensions/KHR_draco_mesh_compression";
  {
    std::vector<std::uint8_t> bad = d.bytes;
    std::memcpy(bad.data(), "XXXXX", 5);  // the "DRACO" magic
    const std::string m = messageOf(loadDraco(pkg, dracoDocument(d), bad));
    EXPECT_NE(m.find(ext + ": the Draco data does not decode"), std::string::npos) << m;
  }
  {
    std::vector<std::uint8_t> cut(d.bytes.begin(), d.bytes.begin() + static_cast<long>(d.bytes.size() / 2));
    json doc = dracoDocument(d);
    doc["bufferViews"][0]["byteLength"] = cut.size();
    doc["buffers"][0]["byteLength"] = cut.size();
    const std::string m = messageOf(loadDraco(pkg, doc, cut));
    EXPECT_NE(m.find(ext + ": the Draco data does not decode"), std::string::npos) << m;
  }
  {
    json doc = dracoDocument(d);
    doc["accessors"][0]["count"] = d.points + 1;
    doc["accessors"][1]["count"] = d.points + 1;
    const std::string m = messageOf(loadDraco(pkg, doc, d.bytes));
    EXPECT_NE(m.find(ext + "/attributes/POSITION: the Draco data holds " + std::to_string(d.points) +
                     " vertices; accessor 0 declares " + std::to_string(d.points + 1)),
              std::string::npos)
        << m;
  }
  {
    json doc = dracoDocument(d);
    doc["accessors"][2]["count"] = 3;
    const std::string m = messageOf(loadDraco(pkg, doc, d.bytes));
    EXPECT_NE(m.find(ext + ": the Draco data holds 2 triangles (6 indices); accessor 2 declares 3"), std::string::npos) << m;
  }
  {
    json doc = dracoDocument(d);
    doc["accessors"][1]["type"] = "VEC3";
    const std::string m = messageOf(loadDraco(pkg, doc, d.bytes));
    EXPECT_NE(m.find(ext + "/attributes/TEXCOORD_0: the Draco attribute has 2 components; accessor 1 is VEC3"),
              std::string::npos)
        << m;
  }
  {
    json doc = dracoDocument(d);
    doc["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"]["attributes"]["POSITION"] = 77;
    const std::string m = messageOf(loadDraco(pkg, doc, d.bytes));
    EXPECT_NE(m.find(ext + "/attributes/POSITION: the Draco data has no attribute with id 77"), std::string::npos) << m;
  }
  {
    json doc = dracoDocument(d);
    doc["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"]["bufferView"] = 4;
    const std::string m = messageOf(loadDraco(pkg, doc, d.bytes));
    EXPECT_NE(m.find(ext + "/bufferView: buffer view 4 does not exist"), std::string::npos) << m;
  }
}

// Every single-byte corruption of the stream either decodes (to counts that still match) or is
// refused at the extension: never a crash or a read out of bounds (ASan watches).
TEST(GltfDraco, EveryFlippedByteIsDecodedOrRefused) {
  TempPackage pkg;
  const DracoStream d = encodeSquare();
  const json doc = dracoDocument(d);
  for (std::size_t i = 0; i < d.bytes.size(); ++i) {
    std::vector<std::uint8_t> bad = d.bytes;
    bad[i] ^= 0xA5;
    auto loaded = loadDraco(pkg, doc, bad);
    if (!loaded.ok()) {
      EXPECT_NE(loaded.error().message().find("set.glb#/"), std::string::npos) << loaded.error().message();
    }
  }
}

// The bounds of every primitive of the Draco sample against its uncompressed twin; Draco
// quantises positions, so they agree to a small part of the extent.
TEST(GltfDraco, TwoCylinderEngineMatchesTheUncompressedSample) {
  const fs::path draco = test::kKhronosModels / "draco/2CylinderEngine.gltf";
  const fs::path plain = test::kKhronosModels / "2CylinderEngine-glTF-Binary/2CylinderEngine.glb";
  if (!fs::exists(draco) || !fs::exists(plain)) GTEST_SKIP() << "assimp-testmodels is absent (tools/setup.sh installs it)";
  auto a = media::loadGltf(draco, draco.parent_path());
  ASSERT_TRUE(a.ok()) << a.error().message();
  auto b = media::loadGltf(plain, plain.parent_path());
  ASSERT_TRUE(b.ok()) << b.error().message();
  ASSERT_EQ(a->scene.meshes.size(), b->scene.meshes.size());
  // The Draco encoder drops degenerate triangles; the Draco file declares what it kept.
  EXPECT_LE(a->scene.triangleCount(), b->scene.triangleCount());
  EXPECT_GT(a->scene.triangleCount(), b->scene.triangleCount() * 8 / 10);
  std::size_t compared = 0;
  for (std::size_t m = 0; m < a->scene.meshes.size(); ++m) {
    ASSERT_EQ(a->scene.meshes[m].primitives.size(), b->scene.meshes[m].primitives.size());
    for (std::size_t p = 0; p < a->scene.meshes[m].primitives.size(); ++p) {
      const auto& x = a->scene.meshes[m].primitives[p];
      const auto& y = b->scene.meshes[m].primitives[p];
      SCOPED_TRACE("mesh " + std::to_string(m) + " primitive " + std::to_string(p));
      EXPECT_LE(x.indices.size(), y.indices.size());
      EXPECT_EQ(x.normals.size(), x.positions.size());
      const float tolerance = 1e-3f * std::max(1.0f, glm::length(y.boundsMax - y.boundsMin));
      for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(x.boundsMin[c], y.boundsMin[c], tolerance);
        EXPECT_NEAR(x.boundsMax[c], y.boundsMax[c], tolerance);
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 20u);
}

// ---- meshopt --------------------------------------------------------------------------------

const std::vector<float> kMeshoptPositions = {0, 0, 0, 4, 0, 0, 4, 5, 0, 0, 5, 1.5f};
const std::vector<std::uint16_t> kMeshoptIndices = {0, 1, 2, 0, 2, 3};

struct MeshoptFile {
  json doc;
  std::vector<std::uint8_t> bin;  // the compressed streams (buffer 0)
};

// Positions (ATTRIBUTES) and indices (TRIANGLES) compressed into buffer 0; buffer 1 is the
// fallback, with no data, that their buffer views describe.
MeshoptFile meshoptFile() {
  MeshoptFile f;
  std::vector<std::uint8_t> vertices(meshopt_encodeVertexBufferBound(4, 12));
  vertices.resize(meshopt_encodeVertexBuffer(vertices.data(), vertices.size(), kMeshoptPositions.data(), 4, 12));
  std::vector<std::uint8_t> indices(meshopt_encodeIndexBufferBound(6, 4));
  indices.resize(meshopt_encodeIndexBuffer(indices.data(), indices.size(), kMeshoptIndices.data(), 6));
  append(f.bin, vertices);
  const std::size_t indicesAt = f.bin.size();
  append(f.bin, indices);
  f.doc = json{
      {"asset", {{"version", "2.0"}}},
      {"extensionsUsed", {"EXT_meshopt_compression"}},
      {"extensionsRequired", {"EXT_meshopt_compression"}},
      {"scene", 0},
      {"scenes", {{{"nodes", {0}}}}},
      {"nodes", {{{"mesh", 0}}}},
      {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}}}, {"indices", 1}}}}}}},
      {"accessors",
       {{{"bufferView", 0}, {"componentType", 5126}, {"count", 4}, {"type", "VEC3"}},
        {{"bufferView", 1}, {"componentType", 5123}, {"count", 6}, {"type", "SCALAR"}}}},
      {"bufferViews",
       {{{"buffer", 1}, {"byteLength", 48}, {"byteStride", 12},
         {"extensions",
          {{"EXT_meshopt_compression",
            {{"buffer", 0}, {"byteLength", vertices.size()}, {"byteStride", 12}, {"mode", "ATTRIBUTES"}, {"count", 4}}}}}},
        {{"buffer", 1}, {"byteOffset", 48}, {"byteLength", 12},
         {"extensions",
          {{"EXT_meshopt_compression",
            {{"buffer", 0}, {"byteOffset", indicesAt}, {"byteLength", indices.size()}, {"byteStride", 2},
             {"mode", "TRIANGLES"}, {"count", 6}}}}}}}},
      {"buffers",
       {{{"byteLength", f.bin.size()}}, {{"byteLength", 60}, {"extensions", {{"EXT_meshopt_compression", {{"fallback", true}}}}}}}},
  };
  return f;
}

void expectKnownQuad(const Result<media::GltfSet>& loaded) {
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const scenes::MeshPrimitive& p = loaded->scene.meshes.at(0).primitives.at(0);
  ASSERT_EQ(p.positions.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_EQ(p.positions[i], glm::vec3(kMeshoptPositions[i * 3], kMeshoptPositions[i * 3 + 1], kMeshoptPositions[i * 3 + 2]));
  EXPECT_EQ(p.indices, (std::vector<std::uint32_t>{0, 1, 2, 0, 2, 3}));
}

TEST(GltfMeshopt, EncodedStreamsDecodeToTheKnownQuad) {
  TempPackage pkg;
  const MeshoptFile f = meshoptFile();
  expectKnownQuad(media::loadGltf(pkg.write("set.glb", test::glb(f.doc, f.bin)), pkg.dir()));
  // The same as a .gltf, the streams in a data URI and the fallback buffer without a uri.
  json doc = f.doc;
  doc["buffers"][0]["uri"] = "data:application/octet-stream;base64," + test::base64(f.bin);
  expectKnownQuad(media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir()));
}

TEST(GltfMeshopt, IndexSequencesAndOctahedralNormals) {
  TempPackage pkg;
  MeshoptFile f = meshoptFile();
  // Indices as a sequence (INDICES) of 32-bit values.
  const std::vector<std::uint32_t> indices32(kMeshoptIndices.begin(), kMeshoptIndices.end());
  std::vector<std::uint8_t> sequence(meshopt_encodeIndexSequenceBound(6, 4));
  sequence.resize(meshopt_encodeIndexSequence(sequence.data(), sequence.size(), indices32.data(), 6));
  // Unit normals as 8-bit octahedral (stride 4), read as normalized signed bytes.
  const std::vector<float> normals = {0, 0, 1, 0, 1, 0, 0, 0, 0, -1, 0, 0, 0.6f, 0.8f, 0, 0};  // x y z w
  std::vector<std::int8_t> octahedral(16);
  meshopt_encodeFilterOct(octahedral.data(), 4, 4, 8, normals.data());
  std::vector<std::uint8_t> encodedNormals(meshopt_encodeVertexBufferBound(4, 4));
  encodedNormals.resize(meshopt_encodeVertexBuffer(encodedNormals.data(), encodedNormals.size(), octahedral.data(), 4, 4));
  const std::size_t sequenceAt = f.bin.size();
  append(f.bin, sequence);
  const std::size_t normalsAt = f.bin.size();
  append(f.bin, encodedNormals);
  f.doc["buffers"][0]["byteLength"] = f.bin.size();
  f.doc["buffers"][1]["byteLength"] = 48 + 24 + 16;
  f.doc["extensionsUsed"].push_back("KHR_mesh_quantization");
  f.doc["bufferViews"][1] = {{"buffer", 1}, {"byteOffset", 48}, {"byteLength", 24},
                             {"extensions", {{"EXT_meshopt_compression", {{"buffer", 0}, {"byteOffset", sequenceAt},
                                                                          {"byteLength", sequence.size()}, {"byteStride", 4},
                                                                          {"mode", "INDICES"}, {"count", 6}}}}}};
  f.doc["bufferViews"].push_back({{"buffer", 1}, {"byteOffset", 72}, {"byteLength", 16}, {"byteStride", 4},
                                  {"extensions", {{"EXT_meshopt_compression", {{"buffer", 0}, {"byteOffset", normalsAt},
                                                                               {"byteLength", encodedNormals.size()},
                                                                               {"byteStride", 4}, {"mode", "ATTRIBUTES"},
                                                                               {"filter", "OCTAHEDRAL"}, {"count", 4}}}}}});
  f.doc["accessors"][1]["componentType"] = 5125;
  f.doc["accessors"].push_back({{"bufferView", 2}, {"componentType", 5120}, {"normalized", true}, {"count", 4}, {"type", "VEC3"}});
  f.doc["meshes"][0]["primitives"][0]["attributes"]["NORMAL"] = 2;
  auto loaded = media::loadGltf(pkg.write("set.glb", test::glb(f.doc, f.bin)), pkg.dir());
  expectKnownQuad(loaded);
  ASSERT_TRUE(loaded.ok());
  const auto& p = loaded->scene.meshes[0].primitives[0];
  ASSERT_EQ(p.normals.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i)
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(p.normals[i][c], normals[i * 4 + std::size_t(c)], 2.0f / 127) << i;
}

TEST(GltfMeshopt, ExponentialPositions) {
  TempPackage pkg;
  MeshoptFile f = meshoptFile();
  // 24-bit mantissas hold these positions exactly.
  std::vector<std::uint32_t> exponential(12);
  meshopt_encodeFilterExp(exponential.data(), 4, 12, 24, kMeshoptPositions.data());
  std::vector<std::uint8_t> encoded(meshopt_encodeVertexBufferBound(4, 12));
  encoded.resize(meshopt_encodeVertexBuffer(encoded.data(), encoded.size(), exponential.data(), 4, 12));
  const std::size_t at = f.bin.size();
  append(f.bin, encoded);
  f.doc["buffers"][0]["byteLength"] = f.bin.size();
  auto& e = f.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"];
  e["byteOffset"] = at;
  e["byteLength"] = encoded.size();
  e["filter"] = "EXPONENTIAL";
  expectKnownQuad(media::loadGltf(pkg.write("set.glb", test::glb(f.doc, f.bin)), pkg.dir()));
  // Without the filter the same bytes are not the positions: the filter is applied.
  e.erase("filter");
  auto unfiltered = media::loadGltf(pkg.write("set.glb", test::glb(f.doc, f.bin)), pkg.dir());
  if (unfiltered.ok()) {
    EXPECT_NE(unfiltered->scene.meshes[0].primitives[0].positions[1], glm::vec3(4, 0, 0));
  }
}

TEST(GltfMeshopt, AWrongCountOrABrokenStreamIsRefused) {
  TempPackage pkg;
  const std::string view0 = "set.glb#/bufferViews/0/extensions/EXT_meshopt_compression";
  const auto refusal = [&](const MeshoptFile& f) {
    return messageOf(media::loadGltf(pkg.write("set.glb", test::glb(f.doc, f.bin)), pkg.dir()));
  };
  {
    MeshoptFile f = meshoptFile();  // one vertex more than the buffer view holds
    f.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["count"] = 5;
    const std::string m = refusal(f);
    EXPECT_NE(m.find(view0 + "/count: 5 elements of 12 bytes do not fill the buffer view's 48 bytes"), std::string::npos) << m;
  }
  {
    // A count that agrees with the buffer view, but the stream holds 4 vertices. (The format
    // does not store its count: a count within the stream's first block of vertices decodes.)
    MeshoptFile f = meshoptFile();
    f.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["count"] = 1000;
    f.doc["bufferViews"][0]["byteLength"] = 12000;
    f.doc["bufferViews"][1]["byteOffset"] = 12000;
    f.doc["buffers"][1]["byteLength"] = 12012;
    f.doc["accessors"][0]["count"] = 1000;
    const std::string m = refusal(f);
    EXPECT_NE(m.find(view0 + ": meshopt_decodeVertexBuffer failed"), std::string::npos) << m;
  }
  {
    MeshoptFile f = meshoptFile();
    f.bin[1] ^= 0xFF;
    f.bin[2] ^= 0xFF;
    f.bin[5] ^= 0xFF;
    f.doc["bufferViews"][1]["extensions"]["EXT_meshopt_compression"]["byteLength"] = 1;  // truncated indices
    const std::string m = refusal(f);
    EXPECT_NE(m.find("set.glb#/bufferViews/"), std::string::npos) << m;
  }
  {
    MeshoptFile f = meshoptFile();
    f.doc["bufferViews"][1]["extensions"]["EXT_meshopt_compression"]["count"] = 5;
    f.doc["bufferViews"][1]["byteLength"] = 10;
    f.doc["accessors"][1]["count"] = 5;
    const std::string m = refusal(f);
    EXPECT_NE(m.find("set.glb#/bufferViews/1/extensions/EXT_meshopt_compression/count: 5 indices do not make whole triangles"),
              std::string::npos)
        << m;
  }
  {
    MeshoptFile f = meshoptFile();  // a view reading the fallback buffer as plain data
    f.doc["bufferViews"][0].erase("extensions");
    const std::string m = refusal(f);
    EXPECT_NE(m.find("set.glb#/bufferViews/0: reads fallback buffer 1, which has no data"), std::string::npos) << m;
  }
  {
    MeshoptFile f = meshoptFile();  // an absurd count, refused before anything is allocated
    f.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["count"] = 1ull << 40;
    f.doc["bufferViews"][0]["byteLength"] = 12ull << 40;
    f.doc["buffers"][1]["byteLength"] = 13ull << 40;
    const std::string m = refusal(f);
    EXPECT_NE(m.find(view0 + "/count: 1099511627776 is over the limit of 16777216"), std::string::npos) << m;
  }
  {
    MeshoptFile f = meshoptFile();
    f.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["mode"] = "VERTICES";
    const std::string m = refusal(f);
    EXPECT_NE(m.find(view0 + "/mode: \"VERTICES\" is not ATTRIBUTES, TRIANGLES or INDICES"), std::string::npos) << m;
  }
  {
    MeshoptFile f = meshoptFile();
    f.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["byteLength"] = 100000;
    const std::string m = refusal(f);
    EXPECT_NE(m.find(view0 + ": bytes 0 to 100000 run past buffer 0"), std::string::npos) << m;
  }
}

// ---- KHR_mesh_quantization ------------------------------------------------------------------

json quantizedDocument(const std::vector<std::uint8_t>& bin) {
  return json{
      {"asset", {{"version", "2.0"}}},
      {"extensionsUsed", {"KHR_mesh_quantization"}},
      {"extensionsRequired", {"KHR_mesh_quantization"}},
      {"scene", 0},
      {"scenes", {{{"nodes", {0}}}}},
      {"nodes", {{{"mesh", 0}}}},
      {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}, {"NORMAL", 1}, {"TEXCOORD_0", 2}, {"TANGENT", 3}}}}}}}}},
      {"accessors",
       {{{"bufferView", 0}, {"componentType", 5122}, {"count", 3}, {"type", "VEC3"}},
        {{"bufferView", 1}, {"componentType", 5120}, {"normalized", true}, {"count", 3}, {"type", "VEC3"}},
        {{"bufferView", 2}, {"componentType", 5121}, {"count", 3}, {"type", "VEC2"}},
        {{"bufferView", 3}, {"componentType", 5122}, {"normalized", true}, {"count", 3}, {"type", "VEC4"}}}},
      {"bufferViews",
       {{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 24}, {"byteStride", 8}},
        {{"buffer", 0}, {"byteOffset", 24}, {"byteLength", 12}, {"byteStride", 4}},
        {{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 12}, {"byteStride", 4}},
        {{"buffer", 0}, {"byteOffset", 48}, {"byteLength", 24}}}},
      {"buffers", {{{"byteLength", bin.size()}, {"uri", "data:application/octet-stream;base64," + test::base64(bin)}}}},
  };
}

TEST(GltfQuantization, IntegerAttributesBecomeFloatsByGltfRules) {
  TempPackage pkg;
  std::vector<std::uint8_t> bin;
  append(bin, std::vector<std::int16_t>{-3, 100, 32767, 0, 1, 2, 3, 0, -32768, 0, 7, 0});  // positions, padded to 8
  append(bin, std::vector<std::int8_t>{-128, 0, 127, 0, 64, -64, 0, 0, 0, 0, -127, 0});   // normals, padded to 4
  append(bin, std::vector<std::uint8_t>{0, 255, 0, 0, 3, 7, 0, 0, 1, 2, 0, 0});            // UVs, padded to 4
  append(bin, std::vector<std::int16_t>{32767, 0, 0, -32767, -32768, 16384, 0, 32767, 0, 0, 32767, -32767});
  auto loaded = media::loadGltf(pkg.write("set.gltf", quantizedDocument(bin).dump()), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const scenes::MeshPrimitive& p = loaded->scene.meshes[0].primitives[0];
  EXPECT_EQ(p.positions, (std::vector<glm::vec3>{{-3, 100, 32767}, {1, 2, 3}, {-32768, 0, 7}}));
  // Normalized signed: max(c / 127, -1), so -128 and -127 are both -1.
  ASSERT_EQ(p.normals.size(), 3u);
  EXPECT_EQ(p.normals[0], glm::vec3(-1, 0, 1));
  EXPECT_EQ(p.normals[1], glm::vec3(64.0f / 127, -64.0f / 127, 0));
  EXPECT_EQ(p.normals[2], glm::vec3(0, 0, -1));
  // Unsigned bytes not normalized: their values.
  EXPECT_EQ(p.uvs, (std::vector<glm::vec2>{{0, 255}, {3, 7}, {1, 2}}));
  ASSERT_EQ(p.tangents.size(), 3u);
  EXPECT_EQ(p.tangents[0], glm::vec4(1, 0, 0, -1));
  EXPECT_EQ(p.tangents[1], glm::vec4(-1, 16384.0f / 32767, 0, 1));
  EXPECT_EQ(p.tangents[2], glm::vec4(0, 0, 1, -1));

  // Without the extension listed, the same file is refused, naming it.
  json doc = quantizedDocument(bin);
  doc.erase("extensionsUsed");
  doc.erase("extensionsRequired");
  auto refused = media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir());
  const std::string m = messageOf(refused);
  EXPECT_NE(m.find("set.gltf#/meshes/0/primitives/0/attributes/POSITION: POSITION must be VEC3 of float, not VEC3 of "
                   "short (which KHR_mesh_quantization allows, but the file does not list it)"),
            std::string::npos)
      << m;
  // Even with it, a normal cannot be unsigned.
  doc = quantizedDocument(bin);
  doc["accessors"][1]["componentType"] = 5121;
  const std::string n = messageOf(media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir()));
  EXPECT_NE(n.find("/attributes/NORMAL: NORMAL must be VEC3 of float or normalized signed byte or short, not VEC3 of "
                   "normalized unsigned byte"),
            std::string::npos)
      << n;
}

// ---- KHR_texture_transform ------------------------------------------------------------------

TEST(GltfTextureTransform, TheTransformIsBakedIntoTheUvs) {
  TempPackage pkg;
  pkg.write("red.png", test::png(4, 4, 255, 0, 0));
  std::vector<std::uint8_t> bin = test::triangleBin();  // positions, indices; UVs follow
  append(bin, std::vector<float>{1, 0, 0, 1, 0.5f, 0.5f});
  json doc = test::triangleDocument();
  doc["buffers"][0]["byteLength"] = bin.size();
  doc["bufferViews"].push_back({{"buffer", 0}, {"byteOffset", 44}, {"byteLength", 24}});
  doc["accessors"].push_back({{"bufferView", 2}, {"componentType", 5126}, {"count", 3}, {"type", "VEC2"}});
  doc["meshes"][0]["primitives"][0]["attributes"]["TEXCOORD_0"] = 2;
  doc["meshes"][0]["primitives"][0]["material"] = 0;
  doc["images"] = {{{"uri", "red.png"}}};
  doc["textures"] = {{{"source", 0}}};
  doc["extensionsUsed"] = {"KHR_texture_transform"};
  const json transform = {{"offset", {0.5, 0.25}}, {"rotation", std::numbers::pi / 2}, {"scale", {2, 3}}};
  doc["materials"] = {{{"pbrMetallicRoughness",
                        {{"baseColorTexture", {{"index", 0}, {"extensions", {{"KHR_texture_transform", transform}}}}}}}}};
  pkg.write("tri.bin", bin);
  auto loaded = media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_TRUE(loaded->warnings.size() <= 1u);  // the no-scene warning only
  for (const auto& w : loaded->warnings) EXPECT_EQ(w.message.find("KHR_texture_transform"), std::string::npos) << w.message;
  const auto& uvs = loaded->scene.meshes[0].primitives[0].uvs;
  // Scale (2, 3), then a quarter turn (u' = v, v' = -u), then the offset.
  const std::vector<glm::vec2> want = {{0.5f, -1.75f}, {3.5f, 0.25f}, {2.0f, -0.75f}};
  ASSERT_EQ(uvs.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(uvs[i].x, want[i].x, 1e-6f) << i;
    EXPECT_NEAR(uvs[i].y, want[i].y, 1e-6f) << i;
  }

  // A second texture with another transform: the base colour's is used, with a warning.
  json differ = doc;
  differ["materials"][0]["emissiveTexture"] = {{"index", 0}, {"extensions", {{"KHR_texture_transform", {{"offset", {1, 1}}}}}}};
  auto warned = media::loadGltf(pkg.write("set.gltf", differ.dump()), pkg.dir());
  ASSERT_TRUE(warned.ok()) << warned.error().message();
  EXPECT_NEAR(warned->scene.meshes[0].primitives[0].uvs[0].x, 0.5f, 1e-6f);
  bool told = false;
  for (const auto& w : warned->warnings) told = told || (w.pointer == "/materials/0" && w.message.find("different") != std::string::npos);
  EXPECT_TRUE(told);

  // A malformed transform is refused at its member.
  json bad = doc;
  bad["materials"][0]["pbrMetallicRoughness"]["baseColorTexture"]["extensions"]["KHR_texture_transform"]["scale"] = {1};
  const std::string m = messageOf(media::loadGltf(pkg.write("set.gltf", bad.dump()), pkg.dir()));
  EXPECT_NE(m.find("set.gltf#/materials/0/pbrMetallicRoughness/baseColorTexture/extensions/KHR_texture_transform/scale: "
                   "must be an array of two numbers"),
            std::string::npos)
      << m;
}

TEST(GltfExtensions, AnUnsupportedRequiredExtensionIsNamed) {
  TempPackage pkg;
  pkg.write("tri.bin", test::triangleBin());
  json doc = test::triangleDocument();
  doc["extensionsRequired"] = {"KHR_mesh_quantization", "KHR_materials_variants"};
  const std::string m = messageOf(media::loadGltf(pkg.write("set.gltf", doc.dump()), pkg.dir()));
  EXPECT_NE(m.find("set.gltf#/extensionsRequired/1: the set requires \"KHR_materials_variants\", which is not read"),
            std::string::npos)
      << m;
}

}  // namespace
