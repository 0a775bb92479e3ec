#include "scenes/splat_ray.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <glm/gtc/matrix_inverse.hpp>
#include <glm/gtc/quaternion.hpp>

namespace ps::scenes {

SplatRayTarget::SplatRayTarget(std::shared_ptr<const SplatCloud> cloud, const glm::mat4& cloudToStage)
    : cloud_(std::move(cloud)), stageToCloud_(glm::inverse(cloudToStage)) {
  const std::size_t n = cloud_->size();
  inverseCovariance_.resize(n);
  reach_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const glm::mat3 r = glm::mat3_cast(cloud_->rotations[i]);
    const glm::vec3 s = cloud_->scales[i];
    // Σ = R S² Rᵀ, so Σ⁻¹ = R S⁻² Rᵀ: no inversion of a near-singular flat splat.
    const glm::mat3 invS2(glm::vec3(1.0f / (s.x * s.x), 0, 0), glm::vec3(0, 1.0f / (s.y * s.y), 0),
                          glm::vec3(0, 0, 1.0f / (s.z * s.z)));
    inverseCovariance_[i] = r * invS2 * glm::transpose(r);
    reach_[i] = 3.0f * std::max({s.x, s.y, s.z});
  }
}

std::optional<float> SplatRayTarget::nearestHit(const glm::vec3& origin, const glm::vec3& direction,
                                                float threshold) const {
  // In the cloud's space with the stage's parameter: o' + t d' is the stage point o + t d.
  const glm::vec3 o = glm::vec3(stageToCloud_ * glm::vec4(origin, 1.0f));
  const glm::vec3 d = glm::vec3(stageToCloud_ * glm::vec4(direction, 0.0f));
  const float dLen = glm::length(d);
  if (!(dLen > 0.0f)) return std::nullopt;
  const glm::vec3 unit = d / dLen;
  std::vector<std::pair<float, float>> met;  // (t*, α)
  for (std::size_t i = 0; i < cloud_->size(); ++i) {
    const glm::vec3 m = cloud_->positions[i] - o;
    const float along = glm::dot(m, unit);
    const glm::vec3 off = m - along * unit;
    if (glm::dot(off, off) > reach_[i] * reach_[i] || along < -reach_[i]) continue;
    const glm::mat3& inv = inverseCovariance_[i];
    const glm::vec3 invD = inv * d;
    const float a = glm::dot(d, invD);
    const float b = glm::dot(m, invD);
    const float t = b / a;
    if (!(t >= 0.0f)) continue;
    const float d2 = std::max(0.0f, glm::dot(m, inv * m) - b * b / a);
    const float alpha = std::min(0.99f, cloud_->opacities[i] * std::exp(-0.5f * d2));
    if (alpha < 1.0f / 255.0f) continue;
    met.emplace_back(t, alpha);
  }
  std::sort(met.begin(), met.end());
  float transmittance = 1.0f;
  for (const auto& [t, alpha] : met) {
    transmittance *= 1.0f - alpha;
    if (1.0f - transmittance >= threshold) return t;
  }
  return std::nullopt;
}

}  // namespace ps::scenes
