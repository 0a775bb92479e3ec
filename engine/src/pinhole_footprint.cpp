#include "pinhole_footprint.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
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

namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

UvRegion pinholeUvRegion(const glm::mat3& viewToSource, const Fov& fov, bool halfSphere) {
  const double left = std::tan(fov.angleLeft), right = std::tan(fov.angleRight);
  const double down = std::tan(fov.angleDown), up = std::tan(fov.angleUp);
  // A pole is inside the view when its direction, in view space, is in front and within the
  // image plane's rectangle.
  auto poleInside = [&](float sign) {
    const glm::vec3 pole = glm::transpose(viewToSource) * glm::vec3(0.0f, sign, 0.0f);
    if (pole.z >= 0) return false;
    const double x = pole.x / -pole.z, y = pole.y / -pole.z;
    return x >= std::min(left, right) && x <= std::max(left, right) && y >= std::min(down, up) &&
           y <= std::max(down, up);
  };
  const bool north = poleInside(1.0f), south = poleInside(-1.0f);

  constexpr int kPerEdge = 32;
  std::array<double, 4 * kPerEdge> longitudes{};  // drawn every frame: no heap
  std::size_t count = 0;
  double minLatitude = kPi, maxLatitude = -kPi;
  auto addRay = [&](double x, double y) {
    const glm::vec3 ray = viewToSource * glm::vec3(static_cast<float>(x), static_cast<float>(y), -1.0f);
    const double horizontal = std::hypot(ray.x, ray.z);
    const double latitude = std::atan2(static_cast<double>(ray.y), horizontal);
    minLatitude = std::min(minLatitude, latitude);
    maxLatitude = std::max(maxLatitude, latitude);
    if (horizontal > 1e-9) longitudes[count++] = std::atan2(static_cast<double>(ray.x), -static_cast<double>(ray.z));
  };
  for (int i = 0; i < kPerEdge; ++i) {
    const double t = static_cast<double>(i) / kPerEdge;
    addRay(left + (right - left) * t, up);
    addRay(right, up + (down - up) * t);
    addRay(right + (left - right) * t, down);
    addRay(left, down + (up - down) * t);
  }
  // Between two edge samples a ray turns by at most the edge's length over kPerEdge; that much
  // angle, and a little, is the margin.
  const double edge = std::max(std::atan(std::abs(right - left)), std::atan(std::abs(up - down)));
  const double margin = 1.5 * edge / kPerEdge + 1e-3;

  UvRegion region;
  region.vStart = north ? 0.0 : std::max(0.0, 0.5 - (maxLatitude + margin) / kPi);
  region.vEnd = south ? 1.0 : std::min(1.0, 0.5 - (minLatitude - margin) / kPi);
  const double span = halfSphere ? kPi : 2 * kPi;
  if (north || south || count == 0) return region;  // every longitude
  // The longitudes seen form one arc: the circle minus the largest gap between samples.
  std::sort(longitudes.begin(), longitudes.begin() + static_cast<std::ptrdiff_t>(count));
  double gap = longitudes[0] + 2 * kPi - longitudes[count - 1], arcStart = longitudes[0];
  for (std::size_t i = 1; i < count; ++i) {
    if (longitudes[i] - longitudes[i - 1] > gap) {
      gap = longitudes[i] - longitudes[i - 1];
      arcStart = longitudes[i];
    }
  }
  const double arc = 2 * kPi - gap + 2 * margin;
  if (arc >= span) return region;
  region.uStart = (arcStart - margin) / span + 0.5;
  region.uStart -= std::floor(region.uStart);
  region.uSpan = arc / span;
  if (halfSphere) {
    // No wrapping: an arc through the back (where the picture is black) takes every column.
    const double start = (arcStart - margin) / span + 0.5;
    if (start < 0 || start + arc / span > 1) return UvRegion{0, 1, region.vStart, region.vEnd};
    region.uStart = start;
  }
  return region;
}

}  // namespace ps::engine
