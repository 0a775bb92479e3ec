#include "ui/view_projection.h"

#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

namespace ps::ui {

ViewProjection::ViewProjection(const engine::View& view, glm::vec2 extentPx)
    : view_(view),
      extent_(extentPx),
      tanLeft_(std::tan(view.fov.angleLeft)),
      tanRight_(std::tan(view.fov.angleRight)),
      tanUp_(std::tan(view.fov.angleUp)),
      tanDown_(std::tan(view.fov.angleDown)) {}

glm::vec3 ViewProjection::toEye(const glm::vec3& stagePoint) const {
  return glm::inverse(view_.orientation) * (stagePoint - view_.position);
}

std::optional<glm::vec2> ViewProjection::pixelOfEyePoint(const glm::vec3& p) const {
  const float depth = -p.z;
  if (depth < kNearM) return std::nullopt;
  const float x = p.x / depth, y = p.y / depth;
  return glm::vec2((x - tanLeft_) / (tanRight_ - tanLeft_) * extent_.x, (tanUp_ - y) / (tanUp_ - tanDown_) * extent_.y);
}

std::optional<glm::vec2> ViewProjection::pixelOfDirection(const glm::vec3& stageDirection) const {
  const glm::vec3 d = glm::inverse(view_.orientation) * stageDirection;
  if (d.z >= -1e-4f) return std::nullopt;
  // Scaled so the near plane never rejects a direction: only its angle matters.
  return pixelOfEyePoint(d * (2 * kNearM / -d.z));
}

glm::vec4 ViewProjection::clipOf(const glm::vec3& stagePoint) const {
  const glm::vec3 p = toEye(stagePoint);
  const float w = -p.z;
  // The pixel mapping above, times w, so the GPU's divide gives it back: linear in p.
  const float x = 2 * (p.x - tanLeft_ * w) / (tanRight_ - tanLeft_) - w;
  const float y = 2 * (tanUp_ * w - p.y) / (tanUp_ - tanDown_) - w;
  return {x, y, w - kNearM, w};
}

glm::vec3 ViewProjection::directionAt(glm::vec2 pixel) const {
  const float x = tanLeft_ + pixel.x / extent_.x * (tanRight_ - tanLeft_);
  const float y = tanUp_ - pixel.y / extent_.y * (tanUp_ - tanDown_);
  return glm::normalize(view_.orientation * glm::vec3(x, y, -1));
}

float ViewProjection::pixelsPerRadianAt(const glm::vec3& p) const {
  const float depth = -p.z;
  if (depth <= 0) return 0;
  // A small disc facing the eye at distance |p| spans angle a; its image spans about
  // a * |p| / depth in tangent units (stretched off-axis), times pixels per tangent unit.
  const float pixelsPerTan = extent_.x / (tanRight_ - tanLeft_);
  return pixelsPerTan * glm::length(p) / depth;
}

bool ViewProjection::contains(glm::vec2 pixel, float marginPx) const {
  return pixel.x >= marginPx && pixel.y >= marginPx && pixel.x <= extent_.x - marginPx &&
         pixel.y <= extent_.y - marginPx;
}

}  // namespace ps::ui
