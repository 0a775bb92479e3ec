#pragma once
// The panel as a rectangle in stage space (metres; +Y up, -Z forward) and the
// controller ray that points at it.
#include <optional>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace ps::ui {

struct PanelPlacement {
  glm::vec3 center{0.0f, 1.0f, -1.5f};  // below eye height, in front of the viewer
  // The panel's own axes: +X right along the bar, +Y up, +Z its front (toward the viewer).
  glm::quat orientation{1, 0, 0, 0};
  float widthM = 1.2f, heightM = 0.15f;  // the same 8:1 aspect as PanelLayout

  // World-locked below where the viewer looks when placed (yaw only; height follows
  // the head): 1.5 m ahead, 0.6 m below the eyes, tilted back 20 degrees to face them.
  // aspect: the panel image's height / width (the width stays 1.2 m).
  static PanelPlacement below(glm::vec3 headPosition, float headYawRad, float aspect = 0.125f);

  glm::vec3 right() const { return orientation * glm::vec3(1, 0, 0); }
  glm::vec3 up() const { return orientation * glm::vec3(0, 1, 0); }
  glm::vec3 normal() const { return orientation * glm::vec3(0, 0, 1); }
  // A corner: u, v in 0..1, v down (texture coordinates).
  glm::vec3 pointAt(glm::vec2 uv) const;

  // Where a ray from `origin` along `direction` meets the panel's plane from the
  // front, as panel uv (outside 0..1 when it misses the rectangle); empty when it
  // runs parallel, away from it, or comes from behind.
  std::optional<glm::vec2> intersect(glm::vec3 origin, glm::vec3 direction) const;
};

}  // namespace ps::ui
