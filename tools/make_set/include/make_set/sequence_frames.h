#pragma once
// A generated mesh sequence whose every frame says its own index in its geometry, so that
// tests read the frame back from the decoded data or from a render.
//
// Frame i (0 <= i < 256), in glTF's stage space:
//   - "base": a white bar under the pattern, always present: centre (0, kSeqBaseY, kSeqZ),
//     kSeqBits * kSeqPitch wide, 0.1 m tall and deep.
//   - "bit_b" for every bit b set in i: a white cube of edge kSeqBitSize centred at
//     (kSeqBitX(b), kSeqBitY, kSeqZ); bit 0 on the left (most negative x).
//   - "body": a UV sphere of about `bodyTriangles` triangles (sphereSet's), radius 0.25, at
//     (0, 0.5, kSeqZ), when bodyTriangles > 0: the weight of a real performer's mesh.
//   - with `atlas` (make_set/sequence_atlas.h): every UV of the cubes and the body points into
//     the atlas's white part, a black "backdrop" stands behind the bits, and a "board" above
//     them shows the atlas's stamp strip.
// Every material is unlit white, so a render shows a bit as full white where its cube is (with
// an atlas: its white part).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ps::make_set {

inline constexpr int kSeqBits = 8;
inline constexpr std::size_t kSeqMaxFrames = std::size_t{1} << kSeqBits;
inline constexpr float kSeqPitch = 0.4f, kSeqBitSize = 0.3f;
inline constexpr float kSeqBitY = 1.6f, kSeqBaseY = 1.3f, kSeqZ = -3.0f;
inline constexpr float kSeqBitX(int bit) { return (static_cast<float>(bit) - (kSeqBits - 1) * 0.5f) * kSeqPitch; }

// The GLB of frame `index` (< kSeqMaxFrames).
std::vector<std::uint8_t> sequenceFrame(std::size_t index, std::uint64_t bodyTriangles = 0, bool atlas = false);

}  // namespace ps::make_set
