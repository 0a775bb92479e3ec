#pragma once
// The pinhole camera of one eye: a View (pose in stage space, asymmetric fov) turned into the
// matrices every layer draws with and the rays every picker casts, so that what is drawn and
// what is picked agree to the pixel.
//
// Clip space is Vulkan's: x right, y down, and reverse-Z: depth 1 at the near plane, falling
// toward 0 at the far plane (0 at infinity when farM is infinite). Depth tests are GREATER.
// Pixels: x right, y down, pixel centres at i + 0.5.
#include <cmath>
#include <limits>
#include <optional>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "engine/view.h"

namespace ps::engine {

struct Ray {
  glm::vec3 origin{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit length
};

class EyeCamera {
 public:
  static constexpr float kDefaultNearM = 0.05f;

  EyeCamera() : EyeCamera(View{}) {}
  explicit EyeCamera(const View& view, float nearM = kDefaultNearM,
                     float farM = std::numeric_limits<float>::infinity());

  const View& view() const { return view_; }
  float nearM() const { return near_; }
  float farM() const { return far_; }

  // Stage space to the eye's frame (x right, y up, -z forward).
  const glm::mat4& viewMatrix() const { return viewMatrix_; }
  // The eye's frame to clip space (Vulkan, reverse-Z).
  const glm::mat4& projection() const { return projection_; }
  const glm::mat4& viewProjection() const { return viewProjection_; }
  // The same with the eye's translation left out: for content at infinity (an equirect).
  glm::mat4 rotationOnlyViewProjection() const;
  // tan of the four fov angles (left, right, up, down; left and down negative for a centred view).
  glm::vec4 tanFov() const { return tanFov_; }

  // A stage point in the eye's frame.
  glm::vec3 toEye(const glm::vec3& stagePoint) const;
  glm::vec4 clipOf(const glm::vec3& stagePoint) const;
  // Normalised device coordinates (x right, y down, both -1..1 across the view) and depth of a
  // stage point in front of the near plane; empty behind it.
  std::optional<glm::vec3> ndcOf(const glm::vec3& stagePoint) const;
  // The pixel of a stage point in front of the near plane, in a target of `extentPx`.
  std::optional<glm::vec2> pixelOf(const glm::vec3& stagePoint, glm::vec2 extentPx) const;
  // The depth value (reverse-Z) a surface at `distanceM` along the view axis writes.
  float depthAt(float distanceM) const;
  // The distance along the view axis of a depth value: the inverse of depthAt.
  float distanceAt(float depth) const;

  // The stage-space ray from the eye through a point given in NDC, or a pixel of a target.
  Ray rayThroughNdc(glm::vec2 ndc) const;
  Ray rayThroughPixel(glm::vec2 pixel, glm::vec2 extentPx) const;

 private:
  View view_;
  float near_, far_;
  glm::vec4 tanFov_;
  glm::mat4 viewMatrix_, projection_, viewProjection_;
};

}  // namespace ps::engine
