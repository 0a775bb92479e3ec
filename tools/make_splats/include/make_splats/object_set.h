#pragma once
// The generated splat capture of a small object set: a sphere, a box and a cylinder standing on
// a floor disc, as a few thousand Gaussian splats lying flat on their surfaces. Deterministic:
// the same spec gives the same cloud, bit for bit (the generator's randomness is its own
// splitmix64 stream from the seed, not a standard library distribution).
//
// Coordinates: +Y up, metres, the floor's centre at the origin (no placement needed).
//
//   object     where                                              splats  colour, sheen
//   floor      disc of radius 1 at y = 0                            1024  a 0.25 m checker of
//                                                                         two warm greys, none
//   sphere     centre (-0.45, 0.22, 0.1), radius 0.22               1024  red, SH degree 1
//   box        0.4 m cube on the floor centred at (0.42, 0.2, -0.2),  864  blue, SH degree 2
//              turned 25 degrees about +y (12 x 12 splats a face)
//   cylinder   axis (0.05, y, 0.5), radius 0.14, y 0..0.55 with a    736  green, SH degree 3
//              top cap (32 x 20 on the side, 96 on the cap)
//
// Another total (ObjectSetSpec::splats, for benchmarks) scales every object's count alike, the
// grids by its square root, and the splats' sizes with their spacing: the total is then about
// the one asked for (within a few per cent), the objects, bounds and colours the same.
//
// Every centre lies in [-1, 1] x [0, 0.6] x [-1, 1] (kObjectSetMin/Max). Splats are flat
// (their third axis 2 mm) and oriented to their surface; opacities lie in [0.9, 0.99]. The sheen
// is the coefficients of its degree only; a cloud of a lower shDegree drops what it cannot hold.
#include <cstddef>
#include <cstdint>

#include <glm/vec3.hpp>

#include "scenes/splat_cloud.h"

namespace ps::make_splats {

struct ObjectSetSpec {
  std::uint64_t seed = 1;
  int shDegree = 3;  // of the cloud, 0..3
  std::size_t splats = 3648;  // about; exactly the table's counts at the default
};

inline constexpr std::size_t kFloorSplats = 1024, kSphereSplats = 1024, kBoxSplats = 864, kCylinderSplats = 736;
inline constexpr std::size_t kObjectSetSplats = kFloorSplats + kSphereSplats + kBoxSplats + kCylinderSplats;
inline constexpr std::size_t kMinObjectSetSplats = 100, kMaxObjectSetSplats = 8'000'000;
static_assert(ObjectSetSpec{}.splats == kObjectSetSplats);
inline constexpr glm::vec3 kObjectSetMin{-1.0f, 0.0f, -1.0f}, kObjectSetMax{1.0f, 0.6f, 1.0f};

// Throws std::invalid_argument for a degree outside 0..3 or a total outside kMin/kMaxObjectSetSplats.
scenes::SplatCloud objectSetSplats(const ObjectSetSpec& spec = {});

}  // namespace ps::make_splats
