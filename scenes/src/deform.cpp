#include "scenes/deform.h"

#include <algorithm>

namespace ps::scenes {

std::vector<glm::vec3> morphedPositions(const MeshPrimitive& primitive, std::span<const float> weights) {
  std::vector<glm::vec3> out = primitive.positions;
  const std::size_t targets = std::min(weights.size(), primitive.targets.size());
  for (std::size_t t = 0; t < targets; ++t) {
    const std::vector<glm::vec3>& delta = primitive.targets[t].positions;
    if (delta.size() != out.size() || weights[t] == 0.0f) continue;
    for (std::size_t v = 0; v < out.size(); ++v) out[v] += weights[t] * delta[v];
  }
  return out;
}

std::vector<glm::vec3> skinnedPositions(const MeshPrimitive& primitive, std::span<const glm::vec3> positions,
                                        std::span<const glm::mat4> jointMatrices) {
  std::vector<glm::vec3> out(positions.begin(), positions.end());
  if (primitive.joints.size() != out.size() || primitive.weights.size() != out.size()) return out;
  for (std::size_t v = 0; v < out.size(); ++v) {
    glm::mat4 skin(0.0f);
    bool valid = true;
    for (int k = 0; k < 4; ++k) {
      const std::size_t joint = primitive.joints[v][k];
      if (primitive.weights[v][k] == 0.0f) continue;  // glTF lets an unweighted slot name any joint
      if (joint >= jointMatrices.size()) valid = false;
      else skin += primitive.weights[v][k] * jointMatrices[joint];
    }
    if (valid) out[v] = glm::vec3(skin * glm::vec4(positions[v], 1.0f));
  }
  return out;
}

}  // namespace ps::scenes
