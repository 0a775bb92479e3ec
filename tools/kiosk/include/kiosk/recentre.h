#pragma once
// A visitor's view recentred: the film's front (-Z of the stage) turned to where they face, by
// yaw alone, so the horizon stays level however the head was tilted at that moment.
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include "xr/display.h"

namespace ps::kiosk {

// The yaw (radians, turning left about +Y, 0 facing -Z) the head faces; pitch and roll ignored.
// Straight up or down, where the top of the head tells the face points.
float facingYaw(const glm::quat& head);

struct Recentre {
  float yaw = 0;              // radians: the facing the film's front is turned to
  glm::vec3 pivot{0.0f};      // stage space: turned about the vertical through here (the head)

  // The views as seen with the world turned by yaw about the pivot: each eye's pose turned by
  // -yaw about the vertical through the pivot. Identity for yaw 0.
  void apply(std::vector<xr::EyeTarget>& eyes) const;
  engine::View apply(const engine::View& view) const;
};

}  // namespace ps::kiosk
