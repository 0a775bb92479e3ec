#pragma once
// Flat splats laid on a surface: what the generated captures are built from.
#include <array>

#include <glm/vec3.hpp>

#include "scenes/splat_cloud.h"

namespace ps::make_splats {

// The 15 rest coefficients of degree 3 per channel, k = 1..15 at [k - 1].
using ShRest = std::array<glm::vec3, 15>;

struct Surfel {
  glm::dvec3 position{0.0}, normal{0.0, 1.0, 0.0};
  double sigmaU = 0.01, sigmaV = 0.01;  // along the surface, metres
  double turn = 0.0;                    // radians about the normal
  glm::dvec3 color{0.5};
  double opacity = 0.95;
};

inline constexpr double kSurfelThickness = 0.002;  // the third axis's sigma, metres

// Appends the surfel with the coefficients of `sh` the cloud's degree holds.
void appendSurfel(scenes::SplatCloud& cloud, const Surfel& s, const ShRest& sh);

}  // namespace ps::make_splats
