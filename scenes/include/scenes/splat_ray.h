#pragma once
// Where a ray meets a splat cloud, on the CPU: what the controller ray and the marker editor
// ask to place a marker on a splat surface, without reading anything back from the GPU.
//
// A splat surface has no triangles: the ray hits where the opacity it has gathered passes a
// threshold (0.5). Each Gaussian the ray passes counts once, at its peak along the ray (the
// point of least Mahalanobis distance, t* = dᵀΣ⁻¹(μ − o) / dᵀΣ⁻¹d), with the opacity the
// rasteriser would give it there, α = min(0.99, opacity · exp(−½ D²)), D² the squared
// Mahalanobis distance of that point; Gaussians are met in order of t*, and the gathered
// opacity is 1 − Π(1 − α). Gaussians below 1/255 there, or whose peak lies behind the origin,
// do not count, as the rasteriser skips them.
#include <memory>
#include <optional>
#include <vector>

#include <glm/mat3x3.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "scenes/splat_cloud.h"

namespace ps::scenes {

class SplatRayTarget {
 public:
  // Holds the cloud (shared, never changed) and precomputes each splat's inverse covariance.
  SplatRayTarget(std::shared_ptr<const SplatCloud> cloud, const glm::mat4& cloudToStage);
  // The distance along `direction` (unit length, stage space) from `origin` to where the
  // gathered opacity first reaches `threshold`; empty when it never does.
  std::optional<float> nearestHit(const glm::vec3& origin, const glm::vec3& direction, float threshold = 0.5f) const;

 private:
  std::shared_ptr<const SplatCloud> cloud_;
  glm::mat4 stageToCloud_{1.0f};
  std::vector<glm::mat3> inverseCovariance_;  // cloud space
  std::vector<float> reach_;                  // 3σ of the largest axis: beyond it a ray cannot count
};

}  // namespace ps::scenes
