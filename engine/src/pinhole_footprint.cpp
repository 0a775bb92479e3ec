#include "pinhole_footprint.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ps::engine {

AnglePerPixel pinholeAnglePerPixel(const Fov& fov, std::uint32_t width, std::uint32_t height) {
  const double left = std::tan(fov.angleLeft), right = std::tan(fov.angleRight);
  const double down = std::tan(fov.angleDown), up = std::tan(fov.angleUp);
  const double stepX = std::abs(right - left) / std::max(1u, width);
  const double stepY = std::abs(up - down) / std::max(1u, height);
  // The ray through (x, y) on the image plane at distance 1 is (x, y, -1) / r with
  // r^2 = 1 + x^2 + y^2; it turns by sqrt(1 + y^2) / r^2 per unit of x and sqrt(1 + x^2) / r^2
  // per unit of y. Both are at most 1 (at the centre), which bounds the most.
  AnglePerPixel span;
  span.most = std::max(stepX, stepY);
  // Neither factor is monotonic over a wide view, so the least is searched on a grid that
  // includes the edges and corners, where it lies for views narrower than 90 degrees each way.
  constexpr int kSteps = 16;
  span.fewest = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= kSteps; ++i) {
    const double x = left + (right - left) * i / kSteps;
    for (int j = 0; j <= kSteps; ++j) {
      const double y = down + (up - down) * j / kSteps;
      const double r2 = 1 + x * x + y * y;
      const double across = stepX * std::sqrt(1 + y * y) / r2;
      const double along = stepY * std::sqrt(1 + x * x) / r2;
      span.fewest = std::min(span.fewest, std::max(across, along));
    }
  }
  return span;
}

}  // namespace ps::engine
