#pragma once
// Where a layer stands in stage space (metres, +Y up, -Z forward, the stage floor at y = 0):
// the layer's own coordinates are scaled per axis, then turned by v360 angles (yaw, then
// pitch, then roll, as the film camera's orientation), then moved to `position`. Plain data.
#include <glm/mat4x4.hpp>

#include "scenes/space.h"

namespace ps::scenes {

struct Placement {
  Vec3 position;                                  // metres, stage space
  double yawDeg = 0, pitchDeg = 0, rollDeg = 0;   // v360 angles, degrees
  Vec3 scale{1, 1, 1};                            // per axis, each > 0
  friend bool operator==(const Placement&, const Placement&) = default;
};

// Stage coordinates from the layer's own: translate * rotate * scale.
glm::dmat4 placementMatrix(const Placement& p);

}  // namespace ps::scenes
