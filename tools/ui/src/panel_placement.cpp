#include "ui/panel_placement.h"

#include <cmath>

#include <glm/geometric.hpp>

namespace ps::ui {

PanelPlacement PanelPlacement::below(glm::vec3 headPosition, float headYawRad, float aspect) {
  PanelPlacement p;
  p.heightM = p.widthM * aspect;
  const glm::quat yaw = glm::angleAxis(headYawRad, glm::vec3(0, 1, 0));
  const glm::quat tilt = glm::angleAxis(glm::radians(-20.0f), glm::vec3(1, 0, 0));
  p.orientation = yaw * tilt;
  p.center = headPosition + yaw * glm::vec3(0, -0.6f, -1.5f);
  return p;
}

glm::vec3 PanelPlacement::pointAt(glm::vec2 uv) const {
  return center + right() * ((uv.x - 0.5f) * widthM) + up() * ((0.5f - uv.y) * heightM);
}

std::optional<glm::vec2> PanelPlacement::intersect(glm::vec3 origin, glm::vec3 direction) const {
  const glm::vec3 n = normal();
  const float facing = glm::dot(direction, n);
  if (facing > -1e-6f) return std::nullopt;  // parallel, or hitting the back
  const float t = glm::dot(center - origin, n) / facing;
  if (t < 0) return std::nullopt;  // the panel is behind the ray
  const glm::vec3 local = origin + direction * t - center;
  return glm::vec2(glm::dot(local, right()) / widthM + 0.5f, 0.5f - glm::dot(local, up()) / heightM);
}

}  // namespace ps::ui
