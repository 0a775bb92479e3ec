#include "kiosk/recentre.h"

#include <cmath>

#include <glm/geometric.hpp>

namespace ps::kiosk {

float facingYaw(const glm::quat& head) {
  glm::vec3 forward = head * glm::vec3(0, 0, -1);
  // Straight down, the top of the head points where the face does; straight up, away from it.
  if (forward.x * forward.x + forward.z * forward.z < 1e-6f)
    forward = (head * glm::vec3(0, 1, 0)) * (forward.y < 0 ? 1.0f : -1.0f);
  return std::atan2(-forward.x, -forward.z);
}

engine::View Recentre::apply(const engine::View& view) const {
  const glm::quat turn = glm::angleAxis(-yaw, glm::vec3(0, 1, 0));
  engine::View out = view;
  out.orientation = glm::normalize(turn * view.orientation);
  out.position = pivot + turn * (view.position - pivot);
  return out;
}

void Recentre::apply(std::vector<xr::EyeTarget>& eyes) const {
  for (xr::EyeTarget& eye : eyes) eye.view = apply(eye.view);
}

}  // namespace ps::kiosk
