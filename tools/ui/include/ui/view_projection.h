#pragma once
// One eye's camera (engine::EyeCamera, the one the layers draw with) together with the size of
// the target it draws into: stage-space points and directions to the target's pixels and back.
// Pixels: x right, y down, pixel centres at i + 0.5, so what is laid out or picked here lines
// up with what the engine draws.
#include <optional>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "engine/eye_camera.h"
#include "engine/view.h"

namespace ps::ui {

class ViewProjection {
 public:
  // Points closer than this in front of the eye are not projected (the near plane), metres.
  static constexpr float kNearM = engine::EyeCamera::kDefaultNearM;

  ViewProjection(const engine::View& view, glm::vec2 extentPx) : camera_(view, kNearM), extent_(extentPx) {}
  ViewProjection(const engine::EyeCamera& camera, glm::vec2 extentPx) : camera_(camera), extent_(extentPx) {}

  const engine::EyeCamera& camera() const { return camera_; }
  const engine::View& view() const { return camera_.view(); }
  glm::vec2 extent() const { return extent_; }

  // A stage-space point in the eye's frame: x right, y up, -z forward, metres.
  glm::vec3 toEye(const glm::vec3& stagePoint) const { return camera_.toEye(stagePoint); }
  // The pixel of an eye-frame point; empty when it is not in front of the near plane.
  std::optional<glm::vec2> pixelOfEyePoint(const glm::vec3& eyePoint) const;
  // The pixel a stage-space direction (a point at infinity) is seen at; empty behind the eye.
  std::optional<glm::vec2> pixelOfDirection(const glm::vec3& stageDirection) const;
  // Homogeneous clip coordinates of a stage-space point (Vulkan, reverse-Z: 0 < z <= w in front
  // of the near plane), for geometry the GPU clips and interpolates perspective-correctly.
  glm::vec4 clipOf(const glm::vec3& stagePoint) const { return camera_.clipOf(stagePoint); }
  // The stage-space unit ray direction through a pixel.
  glm::vec3 directionAt(glm::vec2 pixel) const { return camera_.rayThroughPixel(pixel, extent_).direction; }
  engine::Ray rayAt(glm::vec2 pixel) const { return camera_.rayThroughPixel(pixel, extent_); }
  // Pixels per radian of visual angle at an eye-frame point in front: how large a small
  // object of a given angular size appears there (grows off-centre, like the picture does).
  float pixelsPerRadianAt(const glm::vec3& eyePoint) const;
  bool contains(glm::vec2 pixel, float marginPx = 0) const;

 private:
  engine::EyeCamera camera_;
  glm::vec2 extent_;
};

}  // namespace ps::ui
