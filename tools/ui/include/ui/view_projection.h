#pragma once
// The pinhole camera of one eye: stage-space points and directions to the pixels of the eye's
// target and back. Pixels: x right, y down, pixel centres at i + 0.5, the convention the
// equirect renderer draws with, so what is drawn over a view lines up with the picture.
#include <optional>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "engine/view.h"

namespace ps::ui {

class ViewProjection {
 public:
  // Points closer than this in front of the eye are not projected (the near plane), metres.
  static constexpr float kNearM = 0.05f;

  ViewProjection(const engine::View& view, glm::vec2 extentPx);

  const engine::View& view() const { return view_; }
  glm::vec2 extent() const { return extent_; }

  // A stage-space point in the eye's frame: x right, y up, -z forward, metres.
  glm::vec3 toEye(const glm::vec3& stagePoint) const;
  // The pixel of an eye-frame point; empty when it is not in front of the near plane.
  std::optional<glm::vec2> pixelOfEyePoint(const glm::vec3& eyePoint) const;
  // The pixel a stage-space direction (a point at infinity) is seen at; empty behind the eye.
  std::optional<glm::vec2> pixelOfDirection(const glm::vec3& stageDirection) const;
  // Homogeneous clip coordinates of a stage-space point (Vulkan: y down, 0 <= z <= w in front
  // of the near plane), for geometry the GPU clips and interpolates perspective-correctly.
  glm::vec4 clipOf(const glm::vec3& stagePoint) const;
  // The stage-space unit ray through a pixel.
  glm::vec3 directionAt(glm::vec2 pixel) const;
  // Pixels per radian of visual angle at an eye-frame point in front: how large a small
  // object of a given angular size appears there (grows off-centre, like the picture does).
  float pixelsPerRadianAt(const glm::vec3& eyePoint) const;
  bool contains(glm::vec2 pixel, float marginPx = 0) const;

 private:
  engine::View view_;
  glm::vec2 extent_;
  float tanLeft_, tanRight_, tanUp_, tanDown_;
};

}  // namespace ps::ui
