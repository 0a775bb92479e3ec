#pragma once
// RgbdLayer's grid cut into patches, and what each patch's depth allows: measured once per
// picture on the CPU (the picture is CPU data when it arrives), used per eye to cull patches and
// pick each one's level of detail (rgbd_patch_select.h).
//
// The grid's points: one per depth texel centre, plus the poles (the first and last row) and,
// for a 180 picture, its two edges (the first and last column); a 360 grid's last column is its
// first again (it wraps). Point (i, j) sits at picture coordinates rgbdPointUv(i, j), exactly
// where rgbd.vert puts it. A patch is kRgbdPatchCells x kRgbdPatchCells cells of that grid (the
// last row or column of patches may be cut short); at level L it is drawn with a cell every 2^L
// points, so a patch has (kRgbdPatchCells >> L)^2 cells.
#include <array>
#include <cstdint>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "rgbd_depth_cpu.h"

namespace ps::engine {

inline constexpr std::uint32_t kRgbdPatchCells = 16;
inline constexpr int kRgbdLevels = 5;  // 1, 2, 4, 8 and 16 grid points per cell
// The most a level's surface may stray from level 0's along the rays, relative to the depth,
// whatever the eye (what meshes compose against through depth).
inline constexpr double kRgbdRelativeError = 0.005;

struct RgbdGridShape {
  std::uint32_t width = 0, height = 0;  // one eye's depth texels
  bool half = false;                    // a 180 picture

  std::uint32_t lastColumn() const { return half ? width + 1 : width; }
  std::uint32_t lastRow() const { return height + 1; }
  std::uint32_t patchColumns() const { return (lastColumn() + kRgbdPatchCells - 1) / kRgbdPatchCells; }
  std::uint32_t patchRows() const { return (lastRow() + kRgbdPatchCells - 1) / kRgbdPatchCells; }
  bool operator==(const RgbdGridShape&) const = default;
};

// Picture coordinates (0..1) of grid point (i, j), and the depth texel rgbd_depth.glsl reads there.
glm::dvec2 rgbdPointUv(const RgbdGridShape& shape, std::uint32_t i, std::uint32_t j);
// The capture-space direction of picture coordinates uv (rgbd.vert's direction()).
glm::dvec3 rgbdDirection(const RgbdGridShape& shape, glm::dvec2 uv);

struct RgbdPatch {
  // Where its points can be: in the cone of unit axis `axis` and half angle acos(cosHalfAngle)
  // round the capture point, between nearM and farM from it.
  glm::vec3 axis{0.0f, 0.0f, -1.0f};
  float cosHalfAngle = -1.0f;  // -1: anywhere
  float nearM = 0.0f, farM = 0.0f;
  // Per level: the largest relative depth step between the corners of one of its cells
  // (max / min - 1). Level 0's says whether the patch holds a discontinuity; a coarser level
  // whose cells span more than the threshold would drop cells that level 0 keeps.
  std::array<float, kRgbdLevels> cellStep{};
  // The same over its cells and the ring of cells round it: a patch whose edge meets a
  // discontinuity draws that edge as a long chord at a coarse level, which dips past its
  // texels' centres, so its fragments must check what they read.
  float borderStep = 0.0f;
  // Per level: how far the level's surface strays from level 0's along the capture's rays, as
  // inverse depth (1/m: an eye `e` metres from the capture point sees it move by up to e times
  // this, in radians) and relative to the depth.
  std::array<float, kRgbdLevels> inverseError{};
  std::array<float, kRgbdLevels> relativeError{};
};

struct RgbdPatchGrid {
  RgbdGridShape shape;
  std::vector<RgbdPatch> patches;  // row-major, shape.patchColumns() across
  bool measured = false;  // false: no depth known (every patch drawn as if it held an edge)

  const RgbdPatch& at(std::uint32_t column, std::uint32_t row) const {
    return patches[std::size_t{row} * shape.patchColumns() + column];
  }
};

// The patches of an eye's depth picture (decodeDepthMetres), measured. `cones` may be a grid of
// the same shape measured before: its cones are kept (they depend on the shape alone).
RgbdPatchGrid measureRgbdPatches(const DepthMetres& depth, bool half, const RgbdPatchGrid* cones = nullptr);
// A grid of `shape` whose depths are unknown: each patch anywhere between nearM and farM.
RgbdPatchGrid unmeasuredRgbdPatches(const RgbdGridShape& shape, float nearM, float farM);

}  // namespace ps::engine
