#include "make_rgbd/rgbd_room.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <glm/geometric.hpp>

namespace ps::make_rgbd {

namespace {

struct Box {
  glm::dvec3 lo, hi;
  Surface surface;
  Rgb rgb;
};

// Where the ray from the origin enters the box (slab method); infinity when it misses.
double entry(const Box& b, const glm::dvec3& dir) {
  double tNear = 0, tFar = std::numeric_limits<double>::infinity();
  for (int a = 0; a < 3; ++a) {
    if (std::abs(dir[a]) < 1e-12) {
      if (0 < b.lo[a] || 0 > b.hi[a]) return std::numeric_limits<double>::infinity();
      continue;
    }
    double t0 = b.lo[a] / dir[a], t1 = b.hi[a] / dir[a];
    if (t0 > t1) std::swap(t0, t1);
    tNear = std::max(tNear, t0);
    tFar = std::min(tFar, t1);
  }
  return tNear <= tFar && tNear > 0 ? tNear : std::numeric_limits<double>::infinity();
}

// Two tones in 0.5 m squares of the two coordinates along the surface.
Rgb checker(double a, double b, Rgb light, Rgb dark) {
  const auto cell = static_cast<long>(std::floor(a / 0.5)) + static_cast<long>(std::floor(b / 0.5));
  return (cell & 1) ? dark : light;
}

}  // namespace

double movingBoxMetres(std::size_t frame) { return 2.0 + 0.02 * static_cast<double>(frame % 100); }

RoomHit castRay(const glm::dvec3& dir, std::size_t frame, bool behind, const glm::dvec3& from) {
  const double moving = movingBoxMetres(frame);
  const Box boxes[] = {
      {{-0.4, -kFloorMetres, -kNearBoxMetres - 0.6}, {0.4, 0.2, -kNearBoxMetres}, Surface::NearBox, {220, 40, 40}},
      {{0.9, -kFloorMetres, -kFarBoxMetres - 0.8}, {1.9, 0.6, -kFarBoxMetres}, Surface::FarBox, {40, 70, 220}},
      {{-2.0, -0.8, -moving - 0.5}, {-1.2, 0.0, -moving}, Surface::MovingBox, {40, 200, 60}},
  };
  RoomHit hit;
  hit.metres = std::numeric_limits<double>::infinity();
  for (const Box& b : boxes) {
    if (behind && b.surface == Surface::NearBox) continue;
    const double t = entry(Box{b.lo - from, b.hi - from, b.surface, b.rgb}, dir);
    if (t < hit.metres) hit = {t, b.surface, b.rgb};
  }
  if (std::isfinite(hit.metres)) return hit;

  // The room from inside: the nearest of the six planes the ray heads for.
  const auto toPlane = [](double d, double o, double plus, double minus) {
    return d > 1e-12 ? (plus - o) / d : d < -1e-12 ? (-minus - o) / d : std::numeric_limits<double>::infinity();
  };
  const double tx = toPlane(dir.x, from.x, kWallMetres, kWallMetres);
  const double tz = toPlane(dir.z, from.z, kWallMetres, kWallMetres);
  const double ty = toPlane(dir.y, from.y, kCeilingMetres, kFloorMetres);
  const double t = std::min({tx, ty, tz});
  const glm::dvec3 p = from + dir * t;
  if (t == ty && dir.y > 0) return {t, Surface::Ceiling, {235, 235, 228}};
  if (t == ty) return {t, Surface::Floor, checker(p.x, p.z, {120, 110, 95}, {90, 80, 70})};
  if (t == tz && dir.z < 0)
    return {t, Surface::FrontWall, behind ? kBehindRgb : checker(p.x, p.y, {210, 190, 120}, {170, 150, 95})};
  if (t == tz) return {t, Surface::BackWall, checker(p.x, p.y, {120, 160, 205}, {95, 130, 170})};
  if (dir.x < 0) return {t, Surface::LeftWall, checker(p.z, p.y, {185, 120, 165}, {150, 95, 135})};
  return {t, Surface::RightWall, checker(p.z, p.y, {235, 170, 90}, {200, 135, 60})};
}

glm::dvec3 pixelRay(Projection projection, double x, double y, int width, int height) {
  const double span = projection == Projection::Equirect180 ? std::numbers::pi : 2 * std::numbers::pi;
  const double longitude = ((x + 0.5) / width - 0.5) * span;
  const double latitude = (0.5 - (y + 0.5) / height) * std::numbers::pi;
  return {std::cos(latitude) * std::sin(longitude), std::sin(latitude), -std::cos(latitude) * std::cos(longitude)};
}

std::array<double, 2> rayPixel(Projection projection, const glm::dvec3& dir, int width, int height) {
  const double span = projection == Projection::Equirect180 ? std::numbers::pi : 2 * std::numbers::pi;
  const double longitude = std::atan2(dir.x, -dir.z);
  const double latitude = std::atan2(dir.y, std::hypot(dir.x, dir.z));
  return {(longitude / span + 0.5) * width - 0.5, (0.5 - latitude / std::numbers::pi) * height - 0.5};
}

}  // namespace ps::make_rgbd
