#pragma once
// Which of a picture's patches (rgbd_patches.h) one eye draws, and at which level: a patch is
// drawn when its points (its cone between its nearest and farthest depth) can be inside the
// eye's frustum; its level is
//  - where it holds a depth discontinuity, the coarsest whose cells span about a target pixel
//    (kRgbdEdgePixels) at most: dropped cells there lose no more than that of the near side;
//  - elsewhere, the coarsest whose surface stays within kRgbdErrorPixels of level 0's for this
//    eye's parallax (its distance from the capture point times the level's inverse-depth
//    error), within kRgbdRelativeError of its depth (what meshes compose against), and whose
//    cells span no discontinuity (they would be dropped).
// Where a patch meets a coarser neighbour, its edge points snap to the neighbour's (rgbd.vert),
// so the two share the edge's vertices and leave no crack.
#include <array>
#include <cstdint>
#include <vector>

#include <glm/mat4x4.hpp>

#include "rgbd_patches.h"

namespace ps::engine {

inline constexpr double kRgbdEdgePixels = 1.0;
inline constexpr double kRgbdErrorPixels = 0.25;

// Mirrors rgbd.vert's patch attribute.
struct RgbdPatchInstance {
  std::int32_t column = 0, row = 0;  // the patch's first grid point
  // Bits 0-3, 4-7, 8-11, 12-15: the level of the neighbour above, below, left and right when
  // coarser than this patch (its edge snaps to it), else 0. Bit 16: fragments check the depth
  // texels they read (a patch with a discontinuity in or round it, drawn coarser than its texels).
  std::uint32_t bits = 0;
  std::uint32_t unused = 0;
};
static_assert(sizeof(RgbdPatchInstance) == 16);
inline constexpr std::uint32_t kRgbdCheckTexelsBit = 1u << 16;

struct RgbdPatchEye {
  glm::mat4 clipFromCapture{1.0f};  // the draw's, its scale included
  double parallaxM = 0;            // how far the eye is drawn from the capture point
  double rayOriginM = 0;           // how far a stereo eye's rays start from the capture point
  double pixelMost = 0;            // radians per target pixel, most (0: unknown)
  double pixelFewest = 0;          // and fewest
  double discontinuity = 0.1;      // RgbdPlacement::discontinuity
};

struct RgbdPatchDraws {
  std::array<std::uint32_t, kRgbdLevels> counts{};  // instances per level, in this order
  std::vector<RgbdPatchInstance> instances;
  std::uint64_t triangles() const;
};

// Appends nothing; overwrites `out`. `levels` is scratch (kept for its capacity).
void selectRgbdPatches(const RgbdPatchGrid& grid, const RgbdPatchEye& eye, RgbdPatchDraws& out,
                       std::vector<std::int8_t>& levels);
// Whether any point of `patch`, each moved by up to `slackM` (a stereo eye's ray origins), can
// be inside the frustum of clipFromCapture (exposed for tests).
bool rgbdPatchVisible(const RgbdPatch& patch, const glm::mat4& clipFromCapture, double slackM = 0);

}  // namespace ps::engine
