#include "ui/film_frame.h"

#include <cmath>

#include <glm/gtc/quaternion.hpp>
#include <glm/trigonometric.hpp>

#include "engine/view.h"

namespace ps::ui {

FilmFrame filmFrameAt(const scenes::FilmCamera& camera, double shotSeconds, float distanceM) {
  const scenes::CameraState s = scenes::cameraAt(camera, shotSeconds);
  // The camera's angles are v360's, as the viewer's are: the same rotation the renderer uses.
  const glm::quat q = engine::viewFromV360({static_cast<float>(s.pose.yawDeg), static_cast<float>(s.pose.pitchDeg),
                                            static_cast<float>(s.pose.rollDeg), 90, 90})
                          .orientation;
  const float halfW = distanceM * std::tan(glm::radians(static_cast<float>(s.hfovDeg)) * 0.5f);
  const float halfH = halfW / static_cast<float>(camera.aspect);
  FilmFrame f;
  f.apex = {static_cast<float>(s.pose.position.x), static_cast<float>(s.pose.position.y),
            static_cast<float>(s.pose.position.z)};
  const auto corner = [&](float x, float y) { return f.apex + q * glm::vec3(x * halfW, y * halfH, -distanceM); };
  f.corners = {corner(-1, 1), corner(1, 1), corner(-1, -1), corner(1, -1)};
  return f;
}

std::optional<std::pair<glm::vec2, glm::vec2>> projectSegment(const ViewProjection& eye, const glm::vec3& a,
                                                              const glm::vec3& b) {
  glm::vec3 p = eye.toEye(a), q = eye.toEye(b);
  const float nearZ = -ViewProjection::kNearM * 1.01f;  // a hair in front, so both ends project
  if (p.z > nearZ && q.z > nearZ) return std::nullopt;
  if (p.z > nearZ) p = glm::mix(p, q, (nearZ - p.z) / (q.z - p.z));
  if (q.z > nearZ) q = glm::mix(q, p, (nearZ - q.z) / (p.z - q.z));
  const auto pa = eye.pixelOfEyePoint(p), pb = eye.pixelOfEyePoint(q);
  if (!pa || !pb) return std::nullopt;
  return std::pair{*pa, *pb};
}

}  // namespace ps::ui
