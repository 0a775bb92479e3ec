#include "make_set/sequence_frames.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "make_set/glb_writer.h"
#include "make_set/known_sets.h"
#include "make_set/sequence_atlas.h"

namespace ps::make_set {

namespace {

// Every UV on one place of the atlas (its white part, its black band).
MeshData sampling(MeshData m, float v) {
  for (glm::vec2& uv : m.uvs) uv = {kAtlasWhiteU, v};
  return m;
}
MeshData onWhite(MeshData m) { return sampling(std::move(m), kAtlasWhiteV); }

// A quad facing +Z, 1 x 1 around the origin, whose UVs cover the atlas's stamp strip.
MeshData stampBoard() {
  MeshData m;
  m.name = "board";
  m.positions = {{-0.5f, -0.5f, 0}, {0.5f, -0.5f, 0}, {0.5f, 0.5f, 0}, {-0.5f, 0.5f, 0}};
  m.normals.assign(4, glm::vec3(0, 0, 1));
  m.uvs = {{0, kAtlasStripV}, {1, kAtlasStripV}, {1, 0}, {0, 0}};
  m.indices = {0, 1, 2, 0, 2, 3};
  return m;
}

}  // namespace

std::vector<std::uint8_t> sequenceFrame(std::size_t index, std::uint64_t bodyTriangles, bool atlas) {
  if (index >= kSeqMaxFrames) throw std::invalid_argument("sequenceFrame: index " + std::to_string(index) + " >= 256");
  GlbWriter w;
  MaterialData white;
  white.name = "white";
  white.unlit = true;
  const int material = w.addMaterial(white);
  MeshData cube = atlas ? onWhite(unitCube()) : unitCube();
  cube.name = "cube";
  const int cubeMesh = w.addMesh(cube, material);
  w.addNode("base", cubeMesh, {0.0f, kSeqBaseY, kSeqZ}, {kSeqBits * kSeqPitch, 0.1f, 0.1f});
  for (int b = 0; b < kSeqBits; ++b)
    if ((index >> b) & 1u)
      w.addNode("bit_" + std::to_string(b), cubeMesh, {kSeqBitX(b), kSeqBitY, kSeqZ}, glm::vec3(kSeqBitSize));
  if (bodyTriangles > 0) {
    const MeshData sphere = uvSphere(sphereRings(bodyTriangles));
    const int body = w.addMesh(atlas ? onWhite(sphere) : sphere, material);
    w.addNode("body", body, {0.0f, 0.5f, kSeqZ}, glm::vec3(0.25f));
  }
  if (atlas) {
    MeshData backdrop = sampling(stampBoard(), kAtlasBlackV);
    backdrop.name = "backdrop";
    w.addNode("backdrop", w.addMesh(backdrop, material), {0.0f, kSeqBitY, kSeqZ - 2 * kSeqBitSize},
              {kAtlasBoardWidth, 2 * kSeqBitSize, 1.0f});  // wide enough for the outer cubes' rays
  }
  if (atlas)
    w.addNode("board", w.addMesh(stampBoard(), material), {0.0f, kAtlasBoardY, kSeqZ},
              {kAtlasBoardWidth, kAtlasBoardWidth / kStampBits, 1.0f});
  return w.glb();
}

}  // namespace ps::make_set
