// The RGB-D layer's patches on the CPU (rgbd_patches.h, rgbd_patch_select.h): what a picture's
// depth allows each patch, which patches an eye can see, and the level each is drawn at.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numbers>

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include "engine/eye_camera.h"
#include "engine/view.h"
#include "mesh_test_rig.h"
#include "pinhole_footprint.h"
#include "rgbd_patch_select.h"
#include "rgbd_patches.h"
#include "rgbd_test_room.h"

namespace ps::test {
namespace {

using engine::RgbdPatchGrid;
using engine::kRgbdLevels;
using engine::kRgbdPatchCells;

const glm::vec3 kOrigin(0.0f, 1.6f, 0.0f);

engine::DepthMetres depthOf(std::uint32_t width, std::uint32_t height, const std::function<double(double, double)>& metres) {
  engine::DepthMetres d;
  d.width = width;
  d.height = height;
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x) d.metres.push_back(static_cast<float>(metres((x + 0.5) / width, (y + 0.5) / height)));
  return d;
}

engine::DepthMetres room(std::uint32_t width, std::uint32_t height) { return depthOf(width, height, RgbdRoom::depthAlong); }

// An eye at the capture point plus `offset`, turned by yaw and pitch (degrees), and how the
// layer sees it: the capture is not turned, so capture space is stage space about the origin.
engine::RgbdPatchEye eyeFor(glm::vec3 offset, float yawDeg, float pitchDeg, float fovDeg, std::uint32_t pixels) {
  engine::View view = engine::viewFromV360(engine::V360Camera{yawDeg, pitchDeg, 0, fovDeg, fovDeg});
  view.position = kOrigin + offset;
  const engine::EyeCamera camera(view);
  engine::RgbdPatchEye eye;
  eye.clipFromCapture = camera.viewProjection() * glm::translate(glm::mat4(1.0f), kOrigin);
  eye.parallaxM = glm::length(offset);
  const engine::AnglePerPixel angle = engine::pinholeAnglePerPixel(view.fov, pixels, pixels);
  eye.pixelMost = angle.most;
  eye.pixelFewest = angle.fewest;
  return eye;
}

// Every grid point of patch (column, row), in capture space.
std::vector<glm::dvec3> patchPoints(const RgbdPatchGrid& grid, const engine::DepthMetres& depth, std::uint32_t column,
                                    std::uint32_t row) {
  std::vector<glm::dvec3> points;
  const engine::RgbdGridShape& s = grid.shape;
  for (std::uint32_t j = row * kRgbdPatchCells; j <= std::min((row + 1) * kRgbdPatchCells, s.lastRow()); ++j)
    for (std::uint32_t i = column * kRgbdPatchCells; i <= std::min((column + 1) * kRgbdPatchCells, s.lastColumn()); ++i) {
      const glm::dvec2 uv = engine::rgbdPointUv(s, i, j);
      const auto x = std::min(static_cast<std::uint32_t>(uv.x * s.width), s.width - 1) % s.width;
      const auto y = std::min(static_cast<std::uint32_t>(uv.y * s.height), s.height - 1);
      points.push_back(engine::rgbdDirection(s, uv) * static_cast<double>(depth.at(x, y)));
    }
  return points;
}

bool inFrustum(const glm::mat4& clip, const glm::dvec3& p) {
  const glm::vec4 c = clip * glm::vec4(glm::vec3(p), 1.0f);
  return c.w > 0 && std::abs(c.x) <= c.w && std::abs(c.y) <= c.w;
}

int levelOf(const engine::RgbdPatchDraws& draws, std::uint32_t column, std::uint32_t row) {
  std::size_t at = 0;
  for (int l = 0; l < kRgbdLevels; ++l)
    for (std::uint32_t k = 0; k < draws.counts[static_cast<std::size_t>(l)]; ++k, ++at) {
      const engine::RgbdPatchInstance& p = draws.instances[at];
      if (p.column == static_cast<int>(column * kRgbdPatchCells) && p.row == static_cast<int>(row * kRgbdPatchCells)) return l;
    }
  return -1;
}

// A patch is culled only when none of its points is in the eye's frustum: checked against every
// point of every patch, for views ahead, to the side, up at a pole, from off the capture point.
TEST(RgbdPatches, EveryPatchWithAPointInTheFrustumIsDrawnAndMostOthersAreNot) {
  const engine::DepthMetres depth = room(256, 128);
  const RgbdPatchGrid grid = engine::measureRgbdPatches(depth, false);
  struct Case {
    glm::vec3 offset;
    float yaw, pitch;
  };
  for (const Case& c : {Case{{0, 0, 0}, 0, 0}, Case{{0.1f, 0.05f, 0}, 37, -12}, Case{{0, 0, 0.2f}, 180, 80},
                        Case{{-0.2f, 0, 0.1f}, -100, 5}}) {
    SCOPED_TRACE(c.yaw);
    const engine::RgbdPatchEye eye = eyeFor(c.offset, c.yaw, c.pitch, 60.0f, 192);
    int culled = 0;
    for (std::uint32_t row = 0; row < grid.shape.patchRows(); ++row)
      for (std::uint32_t column = 0; column < grid.shape.patchColumns(); ++column) {
        const bool visible = engine::rgbdPatchVisible(grid.at(column, row), eye.clipFromCapture);
        bool anyInside = false;
        for (const glm::dvec3& p : patchPoints(grid, depth, column, row)) anyInside = anyInside || inFrustum(eye.clipFromCapture, p);
        if (anyInside) {
          EXPECT_TRUE(visible) << "patch " << column << "," << row << " has a point in view but is culled";
        }
        culled += visible ? 0 : 1;
      }
    // A 60-degree view sees about a tenth of the sphere.
    EXPECT_GT(culled, static_cast<int>(grid.patches.size() / 2));
  }
}

// A patch just outside the frustum is culled; reaching a hair into it, it is drawn. (Its cone
// is round, the patch square: the cone reaches past its edges by up to 0.41 of its half width.)
TEST(RgbdPatches, APatchAtTheEdgeOfTheFrustumIsDrawnFromTheFirstPointInside) {
  const engine::DepthMetres depth = depthOf(2048, 1024, [](double, double) { return 5.0; });
  const RgbdPatchGrid grid = engine::measureRgbdPatches(depth, false);
  // Patch column 64 starts at grid point 1024, longitude (1024.5 / 2048 - 0.5) * 360 degrees.
  const double edgeDeg = (1024.5 / 2048.0 - 0.5) * 360.0;
  const std::uint32_t row = grid.shape.patchRows() / 2;
  for (const double margin : {-1.0, 0.05}) {
    // A 60-degree view whose right edge lies `margin` degrees right of the patch's left edge.
    const float yaw = static_cast<float>(edgeDeg + margin - 30.0);
    const engine::RgbdPatchEye eye = eyeFor({0, 0, 0}, yaw, 0, 60.0f, 192);
    EXPECT_EQ(engine::rgbdPatchVisible(grid.at(64, row), eye.clipFromCapture), margin > 0) << margin;
  }
}

// Seen from 10 cm aside, a patch holding the panel's edge is drawn a cell per texel (here a
// texel is about a target pixel) and the wall far from it at the coarsest level; the whole view
// costs a fraction of the full grid.
TEST(RgbdPatches, ASmoothWallIsDrawnCoarserThanAPatchWithAnEdge) {
  const engine::DepthMetres depth = room(1024, 512);
  const RgbdPatchGrid grid = engine::measureRgbdPatches(depth, false);
  const engine::RgbdPatchEye eye = eyeFor({0.1f, 0, 0}, 0, 0, 60.0f, 192);
  engine::RgbdPatchDraws draws;
  std::vector<std::int8_t> scratch;
  engine::selectRgbdPatches(grid, eye, draws, scratch);
  // The panel spans longitudes +-11.3 degrees: its left edge at grid point 512 - 32 = 480.
  const std::uint32_t edgeColumn = 480 / kRgbdPatchCells - 1, centreRow = 257 / kRgbdPatchCells;
  EXPECT_GT(grid.at(edgeColumn, centreRow).cellStep[0], 1.0f);
  EXPECT_EQ(levelOf(draws, edgeColumn, centreRow), 0);
  EXPECT_EQ(levelOf(draws, edgeColumn - 1, centreRow), kRgbdLevels - 1);  // the wall left of it
  EXPECT_EQ(levelOf(draws, edgeColumn + 2, centreRow), kRgbdLevels - 1);  // the panel's flat middle
  std::uint32_t patches = 0;
  for (const std::uint32_t n : draws.counts) patches += n;
  const std::uint64_t full = std::uint64_t{patches} * kRgbdPatchCells * kRgbdPatchCells * 2;
  EXPECT_LT(draws.triangles() * 4, full) << "the LOD draws under a quarter of the full grid's triangles";
  // Where a patch meets a coarser neighbour, its edge snaps to it (bits of the neighbour's level).
  bool snaps = false;
  for (const engine::RgbdPatchInstance& p : draws.instances)
    if (p.column == static_cast<int>(edgeColumn * kRgbdPatchCells) && p.row == static_cast<int>(centreRow * kRgbdPatchCells))
      snaps = ((p.bits >> 8) & 15) == static_cast<std::uint32_t>(kRgbdLevels - 1);
  EXPECT_TRUE(snaps) << "the edge patch's left neighbour is the coarse wall";
}

// A curved surface (a sphere of 1 m round the capture point, with a bump) is drawn finer the
// farther the eye stands from the capture point: at the capture point every ray sees the same
// colour whatever the grid, so only the depth's own accuracy bounds the level.
TEST(RgbdPatches, TheLevelFollowsTheParallax) {
  const engine::DepthMetres depth = depthOf(1024, 512, [](double u, double v) {
    return 1.0 + 0.2 * std::sin(u * 40 * std::numbers::pi) * std::sin(v * 20 * std::numbers::pi);
  });
  const RgbdPatchGrid grid = engine::measureRgbdPatches(depth, false);
  std::uint64_t previous = 0, first = 0;
  for (const double parallax : {0.0, 0.05, 0.3}) {
    engine::RgbdPatchDraws draws;
    std::vector<std::int8_t> scratch;
    engine::RgbdPatchEye eye = eyeFor({0, 0, 0}, 0, 0, 60.0f, 192);
    eye.parallaxM = parallax;
    engine::selectRgbdPatches(grid, eye, draws, scratch);
    EXPECT_EQ(draws.counts[0] + draws.counts[1] + draws.counts[2] + draws.counts[3] + draws.counts[4],
              draws.instances.size());
    EXPECT_GE(draws.triangles(), previous) << parallax;
    previous = draws.triangles();
    if (parallax == 0.0) first = previous;
  }
  EXPECT_GT(previous, first * 2);
}

// What measuring costs, for the record (Debug builds are far slower than Release).
TEST(RgbdPatches, MeasuringA2048x1024PictureTakes) {
  const engine::DepthMetres depth = room(2048, 1024);
  const auto start = std::chrono::steady_clock::now();
  const RgbdPatchGrid grid = engine::measureRgbdPatches(depth, false);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("measureRgbdPatches 2048x1024: %.1f ms (%zu patches)\n", ms, grid.patches.size());
  EXPECT_EQ(grid.patches.size(), std::size_t{128} * 65);
}

}  // namespace
}  // namespace ps::test
