#pragma once
// What a picture of a generated mesh sequence (make_set/sequence_frames.h) shows, seen from
// (0, 1.6, 0) down -Z through a pinhole of size x size pixels and focal lengths focalX and
// focalY (pixels; they differ where the fields of view do): the mesh frame's index spelt by its white cubes, and, with an atlas, the atlas
// frame's stamp on the board above them (make_set/sequence_atlas.h).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "make_set/sequence_atlas.h"
#include "make_set/sequence_frames.h"

namespace ps::test {

struct SequencePicture {
  std::optional<int> meshIndex;   // empty: a cube's place is neither white nor black
  std::optional<int> atlasStamp;  // empty: the board's blocks are not clean (or there is none)
  std::string why;                // what was not clean, for the failure message
};

// at(x, y, c): the picture's channel c (0..2) at pixel (x, y), 0..255.
template <typename At>
SequencePicture readSequencePicture(const At& at, int size, float focalX, float focalY, float eyeY = 1.6f) {
  SequencePicture out;
  const auto bit = [&](float x, float y, float depth, const std::string& what) -> std::optional<bool> {
    const float half = static_cast<float>(size) / 2.0f;
    const int px = static_cast<int>(std::lround(half + focalX * x / depth - 0.5f));
    const int py = static_cast<int>(std::lround(half - focalY * (y - eyeY) / depth - 0.5f));
    if (px < 0 || py < 0 || px >= size || py >= size) return std::nullopt;
    const int lo = std::min({at(px, py, 0), at(px, py, 1), at(px, py, 2)});
    const int hi = std::max({at(px, py, 0), at(px, py, 1), at(px, py, 2)});
    if (lo > 200) return true;
    if (hi < 60) return false;
    out.why += what + " at (" + std::to_string(px) + ", " + std::to_string(py) + ") is " + std::to_string(lo) + "; ";
    return std::nullopt;
  };
  const float cubeDepth = -make_set::kSeqZ - make_set::kSeqBitSize / 2;
  int mesh = 0;
  bool clean = true;
  for (int b = 0; b < make_set::kSeqBits; ++b) {
    const auto v = bit(make_set::kSeqBitX(b), make_set::kSeqBitY, cubeDepth, "cube " + std::to_string(b));
    clean = clean && v.has_value();
    if (v && *v) mesh |= 1 << b;
  }
  if (clean) out.meshIndex = mesh;
  int stamp = 0;
  clean = true;
  for (int k = 0; k < make_set::kStampBits; ++k) {
    const auto v = bit(make_set::kAtlasBlockX(k), make_set::kAtlasBoardY, -make_set::kSeqZ, "block " + std::to_string(k));
    clean = clean && v.has_value();
    if (v && *v) stamp |= 1 << k;
  }
  if (clean) out.atlasStamp = stamp;
  return out;
}

}  // namespace ps::test
