#include "ui/view_projection.h"

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

namespace ps::ui {

std::optional<glm::vec2> ViewProjection::pixelOfEyePoint(const glm::vec3& p) const {
  if (-p.z < kNearM) return std::nullopt;
  const glm::vec4 clip = camera_.projection() * glm::vec4(p, 1.0f);
  return (glm::vec2(clip) / clip.w * 0.5f + 0.5f) * extent_;
}

std::optional<glm::vec2> ViewProjection::pixelOfDirection(const glm::vec3& stageDirection) const {
  const glm::vec3 d = glm::inverse(view().orientation) * stageDirection;
  if (d.z >= -1e-4f) return std::nullopt;
  // Scaled so the near plane never rejects a direction: only its angle matters.
  return pixelOfEyePoint(d * (2 * kNearM / -d.z));
}

float ViewProjection::pixelsPerRadianAt(const glm::vec3& p) const {
  const float depth = -p.z;
  if (depth <= 0) return 0;
  // A small disc facing the eye at distance |p| spans angle a; its image spans about
  // a * |p| / depth in tangent units (stretched off-axis), times pixels per tangent unit.
  const glm::vec4 tan = camera_.tanFov();
  const float pixelsPerTan = extent_.x / (tan.y - tan.x);
  return pixelsPerTan * glm::length(p) / depth;
}

bool ViewProjection::contains(glm::vec2 pixel, float marginPx) const {
  return pixel.x >= marginPx && pixel.y >= marginPx && pixel.x <= extent_.x - marginPx &&
         pixel.y <= extent_.y - marginPx;
}

}  // namespace ps::ui
