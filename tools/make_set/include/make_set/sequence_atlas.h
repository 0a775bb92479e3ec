#pragma once
// A generated mesh sequence's texture atlas: a video whose frame i stamps i in its pixels with
// the plates' frame stamp (tools/media/stamp.sh, read by media/frame_stamp.h: kStampBits blocks
// of kStampBlock x kStampBlock pixels along the top-left, white for a set bit, on black), has a
// black band under the strip (rows kStampBlock..2 kStampBlock) and is white below. The frames
// written with atlas UVs (sequenceFrame's `atlas`) sample the white part on every cube, put a
// black backdrop behind the cubes (so a missing bit is black whatever the plate shows there),
// and show the stamp strip on a board above the bits, so a render shows the atlas frame's
// index next to the mesh frame's own.
//
// The board: a quad facing +Z, centred at (0, kAtlasBoardY, kSeqZ), kAtlasBoardWidth wide and
// kAtlasBoardWidth / 16 tall, whose UVs cover the stamp strip (u 0..1 left to right, v 0..
// kAtlasStripV top to bottom): stamp block k is at x = kAtlasBlockX(k).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ps::make_set {

inline constexpr int kStampBits = 16, kStampBlock = 16;  // as tools/media/stamp.sh
inline constexpr int kAtlasWidth = kStampBits * kStampBlock, kAtlasHeight = 64;
inline constexpr float kAtlasStripV = static_cast<float>(kStampBlock) / kAtlasHeight;
inline constexpr float kAtlasWhiteU = 0.5f, kAtlasWhiteV = 0.75f;  // where the cubes sample: white
inline constexpr float kAtlasBlackV = 0.375f;                       // the backdrop: black
inline constexpr float kAtlasBoardY = 2.1f, kAtlasBoardWidth = 4.8f;
inline constexpr float kAtlasBlockX(int k) {
  return (static_cast<float>(k) + 0.5f) * kAtlasBoardWidth / kStampBits - kAtlasBoardWidth / 2;
}

// Atlas frame `index` as RGB (kAtlasWidth x kAtlasHeight, 3 bytes a pixel, rows top down).
std::vector<std::uint8_t> atlasFrameRgb(std::size_t index);

// Writes `frames` atlas frames as an H.264 video (short GOPs, 30 fps: only the frame order
// matters) at `path` by piping them into the `ffmpeg` command. Returns an empty string on
// success, else what failed.
std::string writeAtlasVideo(const std::string& path, std::size_t frames, const std::string& ffmpeg = "ffmpeg");

}  // namespace ps::make_set
