#include "engine/eye_camera.h"

#include <glm/gtc/matrix_inverse.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/mat3x3.hpp>

namespace ps::engine {

namespace {

// Maps the eye's frame to reverse-Z clip space. Columns, glm style: m[col][row].
glm::mat4 reverseZProjection(const glm::vec4& tan, float nearM, float farM) {
  const float l = tan.x, r = tan.y, u = tan.z, d = tan.w;
  glm::mat4 m(0.0f);
  m[0][0] = 2.0f / (r - l);
  m[2][0] = (r + l) / (r - l);
  // Vulkan's y points down: up in the eye's frame is negative y in clip space.
  m[1][1] = -2.0f / (u - d);
  m[2][1] = -(u + d) / (u - d);
  if (std::isinf(farM)) {
    m[2][2] = 0.0f;
    m[3][2] = nearM;
  } else {
    m[2][2] = nearM / (farM - nearM);
    m[3][2] = nearM * farM / (farM - nearM);
  }
  m[2][3] = -1.0f;
  return m;
}

}  // namespace

EyeCamera::EyeCamera(const View& view, float nearM, float farM)
    : view_(view),
      near_(nearM),
      far_(farM),
      tanFov_(std::tan(view.fov.angleLeft), std::tan(view.fov.angleRight), std::tan(view.fov.angleUp),
              std::tan(view.fov.angleDown)) {
  const glm::mat4 pose = glm::translate(glm::mat4(1.0f), view.position) * glm::mat4_cast(view.orientation);
  viewMatrix_ = glm::affineInverse(pose);
  projection_ = reverseZProjection(tanFov_, near_, far_);
  viewProjection_ = projection_ * viewMatrix_;
}

glm::mat4 EyeCamera::rotationOnlyViewProjection() const {
  return projection_ * glm::mat4(glm::transpose(glm::mat3_cast(view_.orientation)));
}

glm::vec3 EyeCamera::toEye(const glm::vec3& stagePoint) const {
  return glm::vec3(viewMatrix_ * glm::vec4(stagePoint, 1.0f));
}

glm::vec4 EyeCamera::clipOf(const glm::vec3& stagePoint) const {
  return viewProjection_ * glm::vec4(stagePoint, 1.0f);
}

std::optional<glm::vec3> EyeCamera::ndcOf(const glm::vec3& stagePoint) const {
  const glm::vec4 clip = clipOf(stagePoint);
  if (clip.w < near_) return std::nullopt;
  return glm::vec3(clip) / clip.w;
}

std::optional<glm::vec2> EyeCamera::pixelOf(const glm::vec3& stagePoint, glm::vec2 extentPx) const {
  const auto ndc = ndcOf(stagePoint);
  if (!ndc) return std::nullopt;
  return (glm::vec2(*ndc) * 0.5f + 0.5f) * extentPx;
}

float EyeCamera::depthAt(float distanceM) const {
  const glm::vec4 clip = projection_ * glm::vec4(0.0f, 0.0f, -distanceM, 1.0f);
  return clip.z / clip.w;
}

float EyeCamera::distanceAt(float depth) const {
  // At z = -distance: clip z = -m22 * distance + m32 and w = distance, so
  // depth = m32 / distance - m22.
  return projection_[3][2] / (depth + projection_[2][2]);
}

Ray EyeCamera::rayThroughNdc(glm::vec2 ndc) const {
  const glm::vec2 t = (ndc * 0.5f + 0.5f);
  const float x = tanFov_.x + t.x * (tanFov_.y - tanFov_.x);
  const float y = tanFov_.z + t.y * (tanFov_.w - tanFov_.z);  // ndc y grows downward
  return Ray{view_.position, glm::normalize(view_.orientation * glm::vec3(x, y, -1.0f))};
}

Ray EyeCamera::rayThroughPixel(glm::vec2 pixel, glm::vec2 extentPx) const {
  return rayThroughNdc(pixel / extentPx * 2.0f - 1.0f);
}

}  // namespace ps::engine
