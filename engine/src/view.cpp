#include "engine/view.h"

#include <cmath>

#include <glm/trigonometric.hpp>

namespace ps::engine {

Fov symmetricFov(float horizontalDeg, float verticalDeg) {
  const float h = glm::radians(horizontalDeg) / 2.0f;
  const float v = glm::radians(verticalDeg) / 2.0f;
  return Fov{-h, h, v, -v};
}

View viewFromV360(const V360Camera& camera) {
  // v360 works in a frame with +Y down and +Z forward; ours has +Y up and -Z forward, which is
  // v360's frame turned 180 degrees about X. Conjugating by that turn keeps a rotation about X
  // and negates rotations about Y and Z, hence the signs below.
  const glm::vec3 x{1, 0, 0};
  const glm::vec3 y{0, 1, 0};
  const glm::vec3 z{0, 0, 1};
  View view;
  view.orientation = glm::angleAxis(glm::radians(-camera.yawDeg), y) *
                     glm::angleAxis(glm::radians(camera.pitchDeg), x) *
                     glm::angleAxis(glm::radians(-camera.rollDeg), z);
  view.fov = symmetricFov(camera.hFovDeg, camera.vFovDeg);
  return view;
}

}  // namespace ps::engine
