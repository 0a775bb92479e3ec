#include "make_splats/object_set.h"

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

glm::dvec3 jitterColor(RandomStream& rng, glm::dvec3 c) {
  return c + glm::dvec3(rng.range(-0.03, 0.03), rng.range(-0.03, 0.03), rng.range(-0.03, 0.03));
}

void floorDisc(scenes::SplatCloud& cloud, std::uint64_t seed) {
  RandomStream rng = streamFor(seed, 1);
  const ShRest none{};
  const double radius = 1.0;
  const double spacing = std::sqrt(kPi * radius * radius / kFloorSplats);
  for (std::size_t i = 0; i < kFloorSplats; ++i) {
    const double r = radius * std::sqrt((static_cast<double>(i) + 0.5) / kFloorSplats);
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

void sphere(scenes::SplatCloud& cloud, std::uint64_t seed) {
  RandomStream rng = streamFor(seed, 2);
  ShRest sh{};
  sh[0] = glm::vec3(0.25f);               // brighter seen from above
  sh[2] = glm::vec3(0.1f, 0.0f, -0.1f);   // warmer from -x, cooler from +x
  const glm::dvec3 centre(-0.45, 0.22, 0.1);
  const double radius = 0.22;
  const double spacing = std::sqrt(4.0 * kPi * radius * radius / kSphereSplats);
  for (std::size_t i = 0; i < kSphereSplats; ++i) {
    const double y = 1.0 - 2.0 * (static_cast<double>(i) + 0.5) / kSphereSplats;
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

void box(scenes::SplatCloud& cloud, std::uint64_t seed) {
  RandomStream rng = streamFor(seed, 3);
  ShRest sh{};
  sh[5] = glm::vec3(0.15f);              // k = 6: (2z^2 - x^2 - y^2)
  sh[7] = glm::vec3(0.1f, 0.05f, 0.0f);  // k = 8: (x^2 - y^2)
  const glm::dvec3 centre(0.42, 0.2, -0.2);
  const double half = 0.2, turn = 25.0 * kPi / 180.0;
  const double c = std::cos(turn), sn = std::sin(turn);
  auto turned = [&](glm::dvec3 v) { return glm::dvec3(c * v.x + sn * v.z, v.y, -sn * v.x + c * v.z); };
  constexpr int kGrid = 12;
  const double cell = 2.0 * half / kGrid;
  const glm::dvec3 normals[] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const glm::dvec3& n : normals) {
    // Two unit vectors along the face.
    const glm::dvec3 u = std::abs(n.y) > 0.5 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0);
    const glm::dvec3 v = glm::cross(n, u);
    for (int a = 0; a < kGrid; ++a)
      for (int b = 0; b < kGrid; ++b) {
        const double du = -half + (a + 0.5) * cell + rng.range(-0.2, 0.2) * cell;
        const double dv = -half + (b + 0.5) * cell + rng.range(-0.2, 0.2) * cell;
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

void cylinder(scenes::SplatCloud& cloud, std::uint64_t seed) {
  RandomStream rng = streamFor(seed, 4);
  ShRest sh{};
  sh[11] = glm::vec3(0.12f);             // k = 12: z (2z^2 - 3x^2 - 3y^2)
  sh[14] = glm::vec3(0.1f, 0.0f, 0.1f);  // k = 15: x (x^2 - 3y^2)
  const glm::dvec3 base(0.05, 0.0, 0.5);
  const double radius = 0.14, height = 0.55;
  constexpr int kAround = 32, kUp = 20;
  constexpr std::size_t kCap = kCylinderSplats - kAround * kUp;
  const double spacing = 2.0 * kPi * radius / kAround;
  const glm::dvec3 green(0.25, 0.75, 0.3);
  for (int a = 0; a < kAround; ++a)
    for (int h = 0; h < kUp; ++h) {
      const double phi = 2.0 * kPi * (a + 0.5) / kAround + rng.range(-0.1, 0.1) * spacing / radius;
      Surfel s;
      s.normal = {std::cos(phi), 0.0, std::sin(phi)};
      s.position = base + radius * s.normal + glm::dvec3(0.0, height * (h + 0.5) / kUp, 0.0);
      s.sigmaU = s.sigmaV = 0.6 * spacing;
      s.turn = rng.range(0.0, kPi);
      s.color = jitterColor(rng, green);
      s.opacity = rng.range(0.9, 0.99);
      appendSurfel(cloud, s, sh);
    }
  const double capSpacing = std::sqrt(kPi * radius * radius / kCap);
  for (std::size_t i = 0; i < kCap; ++i) {
    const double r = radius * std::sqrt((static_cast<double>(i) + 0.5) / kCap);
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
  scenes::SplatCloud cloud;
  cloud.resize(0, spec.shDegree);
  floorDisc(cloud, spec.seed);
  sphere(cloud, spec.seed);
  box(cloud, spec.seed);
  cylinder(cloud, spec.seed);
  return cloud;
}

}  // namespace ps::make_splats
