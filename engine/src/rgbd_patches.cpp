#include "rgbd_patches.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <functional>
#include <memory>

#include <glm/geometric.hpp>

#include "copy_workers.h"

namespace ps::engine {

namespace {

constexpr std::uint32_t kP = kRgbdPatchCells;
// Cones are widened by this (radians): float rounding in the shader's trigonometry.
constexpr double kConeMargin = 2e-3;

// The grid's points, per column and per row: direction factors and the depth texel read there.
struct GridTables {
  std::vector<double> sinLon, cosLon, sinLat, cosLat;
  std::vector<std::uint32_t> texelX, texelY;

  explicit GridTables(const RgbdGridShape& shape) {
    for (std::uint32_t i = 0; i <= shape.lastColumn(); ++i) {
      const glm::dvec2 uv = rgbdPointUv(shape, i, 1);
      const double longitude = (uv.x - 0.5) * (shape.half ? std::numbers::pi : 2 * std::numbers::pi);
      sinLon.push_back(std::sin(longitude));
      cosLon.push_back(std::cos(longitude));
      const auto x = static_cast<std::int64_t>(std::floor(uv.x * shape.width));
      const auto w = static_cast<std::int64_t>(shape.width);
      texelX.push_back(static_cast<std::uint32_t>(shape.half ? std::clamp<std::int64_t>(x, 0, w - 1) : ((x % w) + w) % w));
    }
    for (std::uint32_t j = 0; j <= shape.lastRow(); ++j) {
      const glm::dvec2 uv = rgbdPointUv(shape, 0, j);
      const double latitude = (0.5 - uv.y) * std::numbers::pi;
      sinLat.push_back(std::sin(latitude));
      cosLat.push_back(std::cos(latitude));
      const auto y = static_cast<std::int64_t>(std::floor(uv.y * shape.height));
      texelY.push_back(static_cast<std::uint32_t>(std::clamp<std::int64_t>(y, 0, std::int64_t{shape.height} - 1)));
    }
  }

  glm::dvec3 direction(std::uint32_t i, std::uint32_t j) const {
    return {cosLat[j] * sinLon[i], sinLat[j], -cosLat[j] * cosLon[i]};
  }
};

// A patch's points (clamped where the patch is cut short), kP + 1 square.
struct PatchPoints {
  std::uint32_t x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // first and last grid point
  std::array<glm::dvec3, (kP + 1) * (kP + 1)> position{};
  std::array<glm::dvec3, (kP + 1) * (kP + 1)> ray{};  // unit
  std::array<double, (kP + 1) * (kP + 1)> metres{};

  std::size_t index(std::uint32_t lx, std::uint32_t ly) const {
    return std::size_t{std::min(ly, y1 - y0)} * (kP + 1) + std::min(lx, x1 - x0);
  }
};

double stepOf(double a, double b, double c, double d) {
  const double lo = std::min({a, b, c, d}), hi = std::max({a, b, c, d});
  return lo > 0 ? hi / lo - 1.0 : std::numeric_limits<double>::infinity();
}

void measureCone(const RgbdGridShape& shape, const GridTables& tables, std::uint32_t x0, std::uint32_t y0,
                 std::uint32_t x1, std::uint32_t y1, RgbdPatch& patch) {
  glm::dvec3 sum(0.0);
  const auto boundary = [&](auto&& visit) {
    for (std::uint32_t i = x0; i <= x1; ++i) {
      visit(tables.direction(i, y0));
      visit(tables.direction(i, y1));
    }
    for (std::uint32_t j = y0; j <= y1; ++j) {
      visit(tables.direction(x0, j));
      visit(tables.direction(x1, j));
    }
  };
  boundary([&](const glm::dvec3& d) { sum += d; });
  (void)shape;
  if (glm::length(sum) < 1e-6) {
    patch.cosHalfAngle = -1.0f;
    return;
  }
  const glm::dvec3 axis = glm::normalize(sum);
  double least = 1.0;
  boundary([&](const glm::dvec3& d) { least = std::min(least, glm::dot(axis, d)); });
  const double angle = std::acos(std::clamp(least, -1.0, 1.0)) + kConeMargin;
  patch.axis = glm::vec3(axis);
  patch.cosHalfAngle = angle >= std::numbers::pi ? -1.0f : static_cast<float>(std::cos(angle));
}

// Level `level`'s cells over the patch: their corner steps, and how far their surface strays
// from the level above's points (the level above's error added: the bound accumulates).
void measureLevel(const PatchPoints& p, int level, RgbdPatch& patch) {
  const std::uint32_t s = 1u << level, h = s / 2;
  double step = 0, inverse = 0, relative = 0;
  for (std::uint32_t cy = 0; cy * s < p.y1 - p.y0; ++cy)
    for (std::uint32_t cx = 0; cx * s < p.x1 - p.x0; ++cx) {
      const std::uint32_t lx = cx * s, ly = cy * s;
      const std::size_t a = p.index(lx, ly), b = p.index(lx + s, ly), c = p.index(lx, ly + s), d = p.index(lx + s, ly + s);
      step = std::max(step, stepOf(p.metres[a], p.metres[b], p.metres[c], p.metres[d]));
      // rgbd.vert's triangles: (A, B, C) and (B, D, C).
      const std::array<std::array<std::size_t, 3>, 2> triangles{{{a, b, c}, {b, d, c}}};
      std::array<glm::dvec3, 2> normal;
      std::array<double, 2> offset;
      for (int t = 0; t < 2; ++t) {
        const auto& [i0, i1, i2] = triangles[static_cast<std::size_t>(t)];
        normal[static_cast<std::size_t>(t)] = glm::cross(p.position[i1] - p.position[i0], p.position[i2] - p.position[i0]);
        offset[static_cast<std::size_t>(t)] = glm::dot(normal[static_cast<std::size_t>(t)], p.position[i0]);
      }
      // The level above's points inside the cell that are not its corners, in half cells.
      constexpr std::array<std::array<std::uint32_t, 2>, 5> kInside{{{1, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 2}}};
      for (const auto& [fx, fy] : kInside) {
        const std::size_t k = p.index(lx + fx * h, ly + fy * h);
        const int t = fx + fy <= 2 ? 0 : 1;
        const glm::dvec3& n = normal[static_cast<std::size_t>(t)];
        const double scale = glm::length(n) * glm::length(p.position[triangles[static_cast<std::size_t>(t)][0]]);
        double coarse = 0;
        if (std::abs(offset[static_cast<std::size_t>(t)]) > 1e-9 * scale) {
          coarse = glm::dot(n, p.ray[k]) / offset[static_cast<std::size_t>(t)];  // 1 / distance to the plane along the ray
        } else {
          // A plane through the capture point (a pole's cells): the grid's own interpolation.
          const double u = fx * 0.5, v = fy * 0.5;
          const auto inv = [&](std::size_t i) { return 1.0 / p.metres[i]; };
          coarse = t == 0 ? (1 - u - v) * inv(a) + u * inv(b) + v * inv(c)
                          : (1 - v) * inv(b) + (u + v - 1) * inv(d) + (1 - u) * inv(c);
        }
        const double miss = std::abs(1.0 / p.metres[k] - coarse);
        inverse = std::max(inverse, miss);
        relative = std::max(relative, miss * p.metres[k]);
      }
    }
  const auto l = static_cast<std::size_t>(level);
  patch.cellStep[l] = static_cast<float>(std::min(step, 1e30));
  patch.inverseError[l] = static_cast<float>(std::min(patch.inverseError[l - 1] + inverse, 1e30));
  patch.relativeError[l] = static_cast<float>(std::min(patch.relativeError[l - 1] + relative, 1e30));
}

}  // namespace

glm::dvec2 rgbdPointUv(const RgbdGridShape& shape, std::uint32_t i, std::uint32_t j) {
  const double w = shape.width, h = shape.height;
  const double u = shape.half ? (i == 0 ? 0.0 : std::min((i - 0.5) / w, 1.0)) : (i + 0.5) / w;
  const double v = j == 0 ? 0.0 : std::min((j - 0.5) / h, 1.0);
  return {u, v};
}

glm::dvec3 rgbdDirection(const RgbdGridShape& shape, glm::dvec2 uv) {
  const double longitude = (uv.x - 0.5) * (shape.half ? std::numbers::pi : 2 * std::numbers::pi);
  const double latitude = (0.5 - uv.y) * std::numbers::pi;
  return {std::cos(latitude) * std::sin(longitude), std::sin(latitude), -std::cos(latitude) * std::cos(longitude)};
}

RgbdPatchGrid measureRgbdPatches(const DepthMetres& depth, bool half, const RgbdPatchGrid* cones) {
  RgbdPatchGrid grid;
  grid.shape = {depth.width, depth.height, half};
  grid.measured = true;
  const RgbdGridShape& shape = grid.shape;
  const GridTables tables(shape);
  const bool keepCones = cones != nullptr && cones->shape == shape;
  grid.patches.resize(std::size_t{shape.patchColumns()} * shape.patchRows());
  // Every cell's step, so that a patch can take its border's too (see borderStep).
  const std::uint32_t cellColumns = shape.lastColumn(), cellRows = shape.lastRow();
  std::vector<float> cellSteps(std::size_t{cellColumns} * cellRows);
  // Both passes run in bands of rows on the copy workers (each band writes only its own rows).
  const auto inBands = [](std::uint32_t rows, const std::function<void(std::uint32_t, std::uint32_t)>& band) {
    constexpr std::uint32_t kBands = 4;
    std::vector<std::function<void()>> jobs;
    for (std::uint32_t b = 0; b < kBands; ++b) {
      const std::uint32_t first = rows * b / kBands, end = rows * (b + 1) / kBands;
      if (end > first) jobs.emplace_back([&band, first, end] { band(first, end); });
    }
    runCopyJobs(jobs);
  };
  inBands(cellRows, [&](std::uint32_t firstRow, std::uint32_t endRow) {
    for (std::uint32_t j = firstRow; j < endRow; ++j)
      for (std::uint32_t i = 0; i < cellColumns; ++i) {
        const auto d = [&](std::uint32_t x, std::uint32_t y) { return depth.at(tables.texelX[x], tables.texelY[y]); };
        cellSteps[std::size_t{j} * cellColumns + i] =
            static_cast<float>(std::min(stepOf(d(i, j), d(i + 1, j), d(i, j + 1), d(i + 1, j + 1)), 1e30));
      }
  });
  const auto borderStep = [&](std::uint32_t x0, std::uint32_t y0, std::uint32_t x1, std::uint32_t y1) {
    float step = 0;
    const std::int64_t columns = cellColumns;
    for (std::int64_t j = std::int64_t{y0} - 1; j <= std::int64_t{y1}; ++j) {
      if (j < 0 || j >= std::int64_t{cellRows}) continue;
      for (std::int64_t i = std::int64_t{x0} - 1; i <= std::int64_t{x1}; ++i) {
        std::int64_t c = i;
        if (shape.half) {
          if (c < 0 || c >= columns) continue;
        } else {
          c = (c % columns + columns) % columns;  // a 360 grid wraps
        }
        step = std::max(step, cellSteps[static_cast<std::size_t>(j * columns + c)]);
      }
    }
    return step;
  };
  inBands(shape.patchRows(), [&](std::uint32_t firstRow, std::uint32_t endRow) {
    const auto points = std::make_unique<PatchPoints>();
    PatchPoints& p = *points;
    for (std::uint32_t row = firstRow; row < endRow; ++row)
      for (std::uint32_t column = 0; column < shape.patchColumns(); ++column) {
        RgbdPatch& patch = grid.patches[std::size_t{row} * shape.patchColumns() + column];
        p.x0 = column * kP;
        p.y0 = row * kP;
        p.x1 = std::min(p.x0 + kP, shape.lastColumn());
        p.y1 = std::min(p.y0 + kP, shape.lastRow());
        double nearest = std::numeric_limits<double>::infinity(), farthest = 0;
        for (std::uint32_t j = p.y0; j <= p.y1; ++j)
          for (std::uint32_t i = p.x0; i <= p.x1; ++i) {
            const std::size_t k = std::size_t{j - p.y0} * (kP + 1) + (i - p.x0);
            const double m = depth.at(tables.texelX[i], tables.texelY[j]);
            p.metres[k] = m;
            p.ray[k] = tables.direction(i, j);
            p.position[k] = p.ray[k] * m;
            nearest = std::min(nearest, m);
            farthest = std::max(farthest, m);
          }
        patch.nearM = static_cast<float>(nearest);
        patch.farM = static_cast<float>(farthest);
        if (keepCones) {
          const RgbdPatch& known = cones->patches[std::size_t{row} * shape.patchColumns() + column];
          patch.axis = known.axis;
          patch.cosHalfAngle = known.cosHalfAngle;
        } else {
          measureCone(shape, tables, p.x0, p.y0, p.x1, p.y1, patch);
        }
        patch.borderStep = borderStep(p.x0, p.y0, p.x1, p.y1);
        double step = 0;
        for (std::uint32_t ly = 0; ly < p.y1 - p.y0; ++ly)
          for (std::uint32_t lx = 0; lx < p.x1 - p.x0; ++lx)
            step = std::max<double>(step, cellSteps[std::size_t{p.y0 + ly} * cellColumns + (p.x0 + lx)]);
        patch.cellStep[0] = static_cast<float>(step);
        patch.inverseError[0] = patch.relativeError[0] = 0.0f;
        for (int level = 1; level < kRgbdLevels; ++level) {
          // Errors only grow with the level: past the relative bound no eye takes this level or a
          // coarser one.
          if (patch.relativeError[static_cast<std::size_t>(level - 1)] > kRgbdRelativeError) {
            for (int l = level; l < kRgbdLevels; ++l) {
              patch.cellStep[static_cast<std::size_t>(l)] = patch.inverseError[static_cast<std::size_t>(l)] =
                  patch.relativeError[static_cast<std::size_t>(l)] = 1e30f;
            }
            break;
          }
          measureLevel(p, level, patch);
        }
      }
  });
  return grid;
}

RgbdPatchGrid unmeasuredRgbdPatches(const RgbdGridShape& shape, float nearM, float farM) {
  RgbdPatchGrid grid;
  grid.shape = shape;
  grid.measured = false;
  const GridTables tables(shape);
  grid.patches.resize(std::size_t{shape.patchColumns()} * shape.patchRows());
  for (std::uint32_t row = 0; row < shape.patchRows(); ++row)
    for (std::uint32_t column = 0; column < shape.patchColumns(); ++column) {
      RgbdPatch& patch = grid.patches[std::size_t{row} * shape.patchColumns() + column];
      const std::uint32_t x0 = column * kP, y0 = row * kP;
      measureCone(shape, tables, x0, y0, std::min(x0 + kP, shape.lastColumn()), std::min(y0 + kP, shape.lastRow()), patch);
      patch.nearM = nearM;
      patch.farM = farM;
      patch.cellStep.fill(1e30f);
      patch.borderStep = 1e30f;
      patch.inverseError.fill(1e30f);
      patch.relativeError.fill(1e30f);
    }
  return grid;
}

}  // namespace ps::engine
