#include "scenes/placement.h"

#include <glm/gtc/matrix_transform.hpp>

namespace ps::scenes {

glm::dmat4 placementMatrix(const Placement& p) {
  // v360's yaw is right-positive and its roll clockwise as seen looking forward: in a
  // right-handed +Y up, -Z forward frame both are negative turns about their axes (as
  // engine::viewFromV360 turns a view).
  glm::dmat4 m = glm::translate(glm::dmat4(1.0), glm::dvec3(p.position.x, p.position.y, p.position.z));
  m = glm::rotate(m, glm::radians(-p.yawDeg), glm::dvec3(0, 1, 0));
  m = glm::rotate(m, glm::radians(p.pitchDeg), glm::dvec3(1, 0, 0));
  m = glm::rotate(m, glm::radians(-p.rollDeg), glm::dvec3(0, 0, 1));
  return glm::scale(m, glm::dvec3(p.scale.x, p.scale.y, p.scale.z));
}

}  // namespace ps::scenes
