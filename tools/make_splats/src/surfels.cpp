#include "surfels.h"

#include <cmath>

#include <glm/gtc/quaternion.hpp>

namespace ps::make_splats {

void appendSurfel(scenes::SplatCloud& cloud, const Surfel& s, const ShRest& sh) {
  // The rotation that takes the splat's thin third axis (+z) to the normal, then turns it about it.
  const glm::dvec3 z(0.0, 0.0, 1.0);
  const glm::dvec3 n = glm::normalize(s.normal);
  const double d = glm::dot(z, n);
  const glm::dquat align = d < -0.999999 ? glm::dquat(0.0, 1.0, 0.0, 0.0) : glm::normalize(glm::dquat(1.0 + d, glm::cross(z, n)));
  const glm::dquat q = glm::normalize(align * glm::angleAxis(s.turn, z));
  cloud.positions.emplace_back(s.position);
  cloud.scales.emplace_back(s.sigmaU, s.sigmaV, kSurfelThickness);
  cloud.rotations.emplace_back(static_cast<float>(q.w), static_cast<float>(q.x), static_cast<float>(q.y),
                               static_cast<float>(q.z));
  cloud.opacities.push_back(static_cast<float>(s.opacity));
  cloud.baseColors.emplace_back(s.color);
  const std::size_t rest = scenes::shRestPerChannel(cloud.shDegree);
  for (std::size_t k = 0; k < rest; ++k)
    for (int c = 0; c < 3; ++c) cloud.sh.push_back(sh[k][c]);
}

}  // namespace ps::make_splats
