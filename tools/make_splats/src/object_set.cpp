#include "make_splats/object_set.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "random_stream.h"
#include "surfels.h"

namespace ps::make_splats {
namespace {

constexpr double kPi = std::numbers::pi;
const double kGoldenAngle = kPi * (3.0 - std::sqrt(5.0));

// Each object draws from its own stream, so that one object's count does not shift the others.
RandomStream streamFor(std::uint64_t seed, std::uint64_t object) { return RandomStream(seed * 0x100000001B3ull + object); }

// Each object's share of the splats: the documented counts, scaled for another total.
struct Counts {
  std::size_t floor, sphere, boxGrid, cylinderAround, cylinderUp, cylinderCap;
};

Counts countsFor(std::size_t splats) {
  if (splats == kObjectSetSplats) return {kFloorSplats, kSphereSplats, 12, 32, 20, 96};
  const double s = static_cast<double>(splats) / static_cast<double>(kObjectSetSplats);
  auto scaled = [](double v, std::size_t least) { return std::max(least, static_cast<std::size_t>(std::llround(v))); };
  return {scaled(1024.0 * s, 1),      scaled(1024.0 * s, 1),        scaled(12.0 * std::sqrt(s), 1),
          scaled(32.0 * std::sqrt(s), 3), scaled(20.0 * std::sqrt(s), 1), scaled(96.0 * s, 1)};
}

glm::dvec3 jitterColor(RandomStream& rng, glm::dvec3 c) {
  return c + glm::dvec3(rng.range(-0.03, 0.03), rng.range(-0.03, 0.03), rng.range(-0.03, 0.03));
}

void floorDisc(scenes::SplatCloud& cloud, std::uint64_t seed, std::size_t count) {
  RandomStream rng = streamFor(seed, 1);
  const ShRest none{};
  const double radius = 1.0;
  const double spacing = std::sqrt(kPi * radius * radius / static_cast<double>(count));
  for (std::size_t i = 0; i < count; ++i) {
    const double r = radius * std::sqrt((static_cast<double>(i) + 0.5) / static_cast<double>(count));
    const double phi = static_cast<double>(i) * kGoldenAngle + rng.range(-0.1, 0.1);
    Surfel s;
    s.position = {r * std::cos(phi), 0.0, r * std::sin(phi)};
    s.normal = {0.0, 1.0, 0.0};
    s.sigmaU = 0.75 * spacing;
    s.sigmaV = 0.5 * spacing;
    s.turn = rng.range(0.0, kPi);
    const bool light = (static_cast<int>(std::floor(s.position.x / 0.25)) + static_cast<int>(std::floor(s.position.z / 0.25))) % 2 == 0;
    s.color = jitterColor(rng, light ? glm::dvec3(0.62, 0.58, 0.52) : glm::dvec3(0.42, 0.39, 0.35));
    s.opacity = rng.range(0.9, 0.99);
    appendSurfel(cloud, s, none);
  }
}

void sphere(scenes::SplatCloud& cloud, std::uint64_t seed, std::size_t count) {
  RandomStream rng = streamFor(seed, 2);
  ShRest sh{};
  sh[0] = glm::vec3(0.25f);               // brighter seen from above
  sh[2] = glm::vec3(0.1f, 0.0f, -0.1f);   // warmer from -x, cooler from +x
  const glm::dvec3 centre(-0.45, 0.22, 0.1);
  const double radius = 0.22;
  const double spacing = std::sqrt(4.0 * kPi * radius * radius / static_cast<double>(count));
  for (std::size_t i = 0; i < count; ++i) {
    const double y = 1.0 - 2.0 * (static_cast<double>(i) + 0.5) / static_cast<double>(count);
    const double ring = std::sqrt(1.0 - y * y);
    const double phi = static_cast<double>(i) * kGoldenAngle + rng.range(-0.15, 0.15);
    Surfel s;
    s.normal = {ring * std::cos(phi), y, ring * std::sin(phi)};
    s.position = centre + radius * s.normal;
    s.sigmaU = s.sigmaV = 0.6 * spacing;
    s.turn = rng.range(0.0, kPi);
    s.color = jitterColor(rng, {0.85, 0.2, 0.15});
    s.opacity = rng.range(0.9, 0.99);
    appendSurfel(cloud, s, sh);
  }
}

void box(scenes::SplatCloud& cloud, std::uint64_t seed, std::size_t grid) {
  RandomStream rng = streamFor(seed, 3);
  ShRest sh{};
  sh[5] = glm::vec3(0.15f);              // k = 6: (2z^2 - x^2 - y^2)
  sh[7] = glm::vec3(0.1f, 0.05f, 0.0f);  // k = 8: (x^2 - y^2)
  const glm::dvec3 centre(0.42, 0.2, -0.2);
  const double half = 0.2, turn = 25.0 * kPi / 180.0;
  const double c = std::cos(turn), sn = std::sin(turn);
  auto turned = [&](glm::dvec3 v) { return glm::dvec3(c * v.x + sn * v.z, v.y, -sn * v.x + c * v.z); };
  const double cell = 2.0 * half / static_cast<double>(grid);
  const glm::dvec3 normals[] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const glm::dvec3& n : normals) {
    // Two unit vectors along the face.
    const glm::dvec3 u = std::abs(n.y) > 0.5 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0);
    const glm::dvec3 v = glm::cross(n, u);
    for (std::size_t a = 0; a < grid; ++a)
      for (std::size_t b = 0; b < grid; ++b) {
        const double du = -half + (static_cast<double>(a) + 0.5) * cell + rng.range(-0.2, 0.2) * cell;
        const double dv = -half + (static_cast<double>(b) + 0.5) * cell + rng.range(-0.2, 0.2) * cell;
        Surfel s;
        s.normal = turned(n);
        s.position = centre + turned(half * n + du * u + dv * v);
        s.sigmaU = s.sigmaV = 0.6 * cell;
        s.turn = rng.range(0.0, kPi);
        s.color = jitterColor(rng, {0.2, 0.35, 0.85});
        s.opacity = rng.range(0.9, 0.99);
        appendSurfel(cloud, s, sh);
      }
  }
}

void cylinder(scenes::SplatCloud& cloud, std::uint64_t seed, const Counts& n) {
  RandomStream rng = streamFor(seed, 4);
  ShRest sh{};
  sh[11] = glm::vec3(0.12f);             // k = 12: z (2z^2 - 3x^2 - 3y^2)
  sh[14] = glm::vec3(0.1f, 0.0f, 0.1f);  // k = 15: x (x^2 - 3y^2)
  const glm::dvec3 base(0.05, 0.0, 0.5);
  const double radius = 0.14, height = 0.55;
  const std::size_t around = n.cylinderAround, up = n.cylinderUp, cap = n.cylinderCap;
  const double spacing = 2.0 * kPi * radius / static_cast<double>(around);
  const glm::dvec3 green(0.25, 0.75, 0.3);
  for (std::size_t a = 0; a < around; ++a)
    for (std::size_t h = 0; h < up; ++h) {
      const double phi = 2.0 * kPi * (static_cast<double>(a) + 0.5) / static_cast<double>(around) +
                         rng.range(-0.1, 0.1) * spacing / radius;
      Surfel s;
      s.normal = {std::cos(phi), 0.0, std::sin(phi)};
      s.position = base + radius * s.normal + glm::dvec3(0.0, height * (static_cast<double>(h) + 0.5) / static_cast<double>(up), 0.0);
      s.sigmaU = s.sigmaV = 0.6 * spacing;
      s.turn = rng.range(0.0, kPi);
      s.color = jitterColor(rng, green);
      s.opacity = rng.range(0.9, 0.99);
      appendSurfel(cloud, s, sh);
    }
  const double capSpacing = std::sqrt(kPi * radius * radius / static_cast<double>(cap));
  for (std::size_t i = 0; i < cap; ++i) {
    const double r = radius * std::sqrt((static_cast<double>(i) + 0.5) / static_cast<double>(cap));
    const double phi = static_cast<double>(i) * kGoldenAngle + rng.range(-0.1, 0.1);
    Surfel s;
    s.normal = {0.0, 1.0, 0.0};
    s.position = base + glm::dvec3(r * std::cos(phi), height, r * std::sin(phi));
    s.sigmaU = s.sigmaV = 0.6 * capSpacing;
    s.turn = rng.range(0.0, kPi);
    s.color = jitterColor(rng, green * 1.1);
    s.opacity = rng.range(0.9, 0.99);
    appendSurfel(cloud, s, sh);
  }
}

}  // namespace

scenes::SplatCloud objectSetSplats(const ObjectSetSpec& spec) {
  if (spec.shDegree < 0 || spec.shDegree > scenes::kMaxShDegree)
    throw std::invalid_argument("objectSetSplats: SH degree " + std::to_string(spec.shDegree) + " is outside 0..3");
  if (spec.splats < kMinObjectSetSplats || spec.splats > kMaxObjectSetSplats)
    throw std::invalid_argument("objectSetSplats: " + std::to_string(spec.splats) + " splats asked for; the set takes " +
                                std::to_string(kMinObjectSetSplats) + " to " + std::to_string(kMaxObjectSetSplats));
  const Counts n = countsFor(spec.splats);
  scenes::SplatCloud cloud;
  cloud.resize(0, spec.shDegree);
  const std::size_t total = n.floor + n.sphere + 6 * n.boxGrid * n.boxGrid + n.cylinderAround * n.cylinderUp + n.cylinderCap;
  const std::size_t rest = scenes::shRestPerChannel(spec.shDegree) * 3;
  cloud.positions.reserve(total);
  cloud.scales.reserve(total);
  cloud.rotations.reserve(total);
  cloud.opacities.reserve(total);
  cloud.baseColors.reserve(total);
  cloud.sh.reserve(total * rest);
  floorDisc(cloud, spec.seed, n.floor);
  sphere(cloud, spec.seed, n.sphere);
  box(cloud, spec.seed, n.boxGrid);
  cylinder(cloud, spec.seed, n);
  return cloud;
}

}  // namespace ps::make_splats
