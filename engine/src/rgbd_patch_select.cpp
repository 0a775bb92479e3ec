#include "rgbd_patch_select.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <glm/geometric.hpp>
#include <glm/vec4.hpp>

namespace ps::engine {

namespace {

// Past this half angle a cone is not tested (the cone's bounds would be loose, and a convex
// cone is assumed).
constexpr float kWidestCos = 0.17f;  // about 80 degrees
// Cells drop a triangle across a step of more than the threshold; a patch whose level-0 cells
// come within this share of it is taken to hold one (the CPU and GPU decodes round differently).
constexpr double kStepShare = 0.9;

glm::vec4 row(const glm::mat4& m, int r) { return {m[0][r], m[1][r], m[2][r], m[3][r]}; }

int edgeLevel(const RgbdPatchGrid& grid, const RgbdPatchEye& eye) {
  if (eye.pixelMost <= 0) return 0;
  const RgbdGridShape& s = grid.shape;
  const double texel = std::max((s.half ? std::numbers::pi : 2 * std::numbers::pi) / std::max(s.width, 1u),
                                std::numbers::pi / std::max(s.height, 1u));
  int level = 0;
  while (level + 1 < kRgbdLevels && std::ldexp(texel, level + 1) <= kRgbdEdgePixels * eye.pixelMost) ++level;
  return level;
}

}  // namespace

std::uint64_t RgbdPatchDraws::triangles() const {
  std::uint64_t n = 0;
  for (int level = 0; level < kRgbdLevels; ++level) {
    const std::uint64_t across = kRgbdPatchCells >> level;
    n += counts[static_cast<std::size_t>(level)] * across * across * 2;
  }
  return n;
}

bool rgbdPatchVisible(const RgbdPatch& patch, const glm::mat4& clip, double slackM) {
  if (patch.cosHalfAngle < kWidestCos) return true;
  const double cosA = patch.cosHalfAngle, sinA = std::sqrt(std::max(0.0, 1.0 - cosA * cosA));
  const glm::vec4 w = row(clip, 3);
  const std::array<glm::vec4, 4> planes{w + row(clip, 0), w - row(clip, 0), w + row(clip, 1), w - row(clip, 1)};
  // Cells are chords between the patch's points: no nearer than this to the capture point.
  const double nearest = patch.nearM * cosA, farthest = patch.farM;
  for (const glm::vec4& plane : planes) {
    const glm::dvec3 n(plane.x, plane.y, plane.z);
    const double length = glm::length(n);
    if (length == 0) continue;
    // The largest n . r over the cone's unit rays r.
    const double cosB = glm::dot(n / length, glm::dvec3(patch.axis));
    const double most = cosB >= cosA ? length : length * (cosB * cosA + std::sqrt(std::max(0.0, 1.0 - cosB * cosB)) * sinA);
    const double best = (most >= 0 ? farthest : nearest) * most + plane.w + length * slackM;
    if (best < -1e-5 * (std::abs(plane.w) + length * farthest)) return false;
  }
  return true;
}

void selectRgbdPatches(const RgbdPatchGrid& grid, const RgbdPatchEye& eye, RgbdPatchDraws& out,
                       std::vector<std::int8_t>& levels) {
  const RgbdGridShape& shape = grid.shape;
  const std::uint32_t columns = shape.patchColumns(), rows = shape.patchRows();
  levels.assign(grid.patches.size(), -1);
  const int edge = edgeLevel(grid, eye);
  const double stepLimit = eye.discontinuity * kStepShare;
  for (std::size_t i = 0; i < grid.patches.size(); ++i) {
    const RgbdPatch& patch = grid.patches[i];
    if (!rgbdPatchVisible(patch, eye.clipFromCapture, eye.rayOriginM)) continue;
    if (!grid.measured || patch.cellStep[0] > stepLimit) {
      levels[i] = static_cast<std::int8_t>(edge);
      continue;
    }
    int level = 0;
    for (int l = kRgbdLevels - 1; l > 0; --l) {
      const auto k = static_cast<std::size_t>(l);
      if (patch.cellStep[k] <= stepLimit && patch.relativeError[k] <= kRgbdRelativeError &&
          eye.parallaxM * patch.inverseError[k] <= kRgbdErrorPixels * eye.pixelFewest) {
        level = l;
        break;
      }
    }
    levels[i] = static_cast<std::int8_t>(level);
  }
  out.counts.fill(0);
  for (const std::int8_t level : levels)
    if (level >= 0) ++out.counts[static_cast<std::size_t>(level)];
  std::array<std::uint32_t, kRgbdLevels> next{};
  for (int l = 1; l < kRgbdLevels; ++l)
    next[static_cast<std::size_t>(l)] = next[static_cast<std::size_t>(l - 1)] + out.counts[static_cast<std::size_t>(l - 1)];
  out.instances.resize(next.back() + out.counts.back());
  const auto levelAt = [&](std::int64_t column, std::int64_t row) -> int {
    if (row < 0 || row >= rows) return -1;
    if (column < 0 || column >= columns) {
      if (shape.half) return -1;
      column = (column + columns) % columns;  // a 360 grid wraps
    }
    return levels[static_cast<std::size_t>(row) * columns + static_cast<std::size_t>(column)];
  };
  for (std::uint32_t r = 0; r < rows; ++r)
    for (std::uint32_t c = 0; c < columns; ++c) {
      const int level = levels[std::size_t{r} * columns + c];
      if (level < 0) continue;
      // A neighbour that is not drawn lies wholly outside the frustum, its shared edge too.
      const auto code = [&](int neighbour) { return static_cast<std::uint32_t>(neighbour > level ? neighbour : 0); };
      RgbdPatchInstance instance;
      instance.column = static_cast<std::int32_t>(c * kRgbdPatchCells);
      instance.row = static_cast<std::int32_t>(r * kRgbdPatchCells);
      instance.bits = code(levelAt(c, std::int64_t{r} - 1)) | code(levelAt(c, std::int64_t{r} + 1)) << 4 |
                      code(levelAt(std::int64_t{c} - 1, r)) << 8 | code(levelAt(std::int64_t{c} + 1, r)) << 12;
      const RgbdPatch& patch = grid.patches[std::size_t{r} * columns + c];
      if (level > 0 && (!grid.measured || patch.borderStep > stepLimit)) instance.bits |= kRgbdCheckTexelsBit;
      out.instances[next[static_cast<std::size_t>(level)]++] = instance;
    }
}

}  // namespace ps::engine
