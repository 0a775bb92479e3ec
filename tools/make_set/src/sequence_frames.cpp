#include "make_set/sequence_frames.h"

#include <stdexcept>
#include <string>

#include "make_set/glb_writer.h"
#include "make_set/known_sets.h"

namespace ps::make_set {

std::vector<std::uint8_t> sequenceFrame(std::size_t index, std::uint64_t bodyTriangles) {
  if (index >= kSeqMaxFrames) throw std::invalid_argument("sequenceFrame: index " + std::to_string(index) + " >= 256");
  GlbWriter w;
  MaterialData white;
  white.name = "white";
  white.unlit = true;
  const int material = w.addMaterial(white);
  MeshData cube = unitCube();
  cube.name = "cube";
  const int cubeMesh = w.addMesh(cube, material);
  w.addNode("base", cubeMesh, {0.0f, kSeqBaseY, kSeqZ}, {kSeqBits * kSeqPitch, 0.1f, 0.1f});
  for (int b = 0; b < kSeqBits; ++b)
    if ((index >> b) & 1u)
      w.addNode("bit_" + std::to_string(b), cubeMesh, {kSeqBitX(b), kSeqBitY, kSeqZ}, glm::vec3(kSeqBitSize));
  if (bodyTriangles > 0) {
    const int body = w.addMesh(uvSphere(sphereRings(bodyTriangles)), material);
    w.addNode("body", body, {0.0f, 0.5f, kSeqZ}, glm::vec3(0.25f));
  }
  return w.glb();
}

}  // namespace ps::make_set
