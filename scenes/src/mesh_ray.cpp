#include "scenes/mesh_ray.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/geometric.hpp>
#include <glm/common.hpp>
#include <glm/gtc/matrix_inverse.hpp>

#include "scenes/deform.h"

namespace ps::scenes {

namespace {

// Slab test: whether the ray meets the box before `maxT` (in the ray's own parameter).
bool meetsBox(const glm::vec3& o, const glm::vec3& d, const glm::vec3& lo, const glm::vec3& hi, float maxT) {
  float t0 = 0.0f, t1 = maxT;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(d[a]) < 1e-12f) {
      if (o[a] < lo[a] || o[a] > hi[a]) return false;
      continue;
    }
    float near = (lo[a] - o[a]) / d[a], far = (hi[a] - o[a]) / d[a];
    if (near > far) std::swap(near, far);
    t0 = std::max(t0, near);
    t1 = std::min(t1, far);
    if (t0 > t1) return false;
  }
  return true;
}

// Möller-Trumbore; the ray parameter of the hit, both faces.
std::optional<float> meetsTriangle(const glm::vec3& o, const glm::vec3& d, const glm::vec3& a, const glm::vec3& b,
                                   const glm::vec3& c) {
  const glm::vec3 e1 = b - a, e2 = c - a;
  const glm::vec3 p = glm::cross(d, e2);
  const float det = glm::dot(e1, p);
  if (std::abs(det) < 1e-12f) return std::nullopt;
  const float inv = 1.0f / det;
  const glm::vec3 s = o - a;
  const float u = glm::dot(s, p) * inv;
  if (u < 0.0f || u > 1.0f) return std::nullopt;
  const glm::vec3 q = glm::cross(s, e1);
  const float v = glm::dot(d, q) * inv;
  if (v < 0.0f || u + v > 1.0f) return std::nullopt;
  const float t = glm::dot(e2, q) * inv;
  if (t <= 0.0f) return std::nullopt;
  return t;
}

}  // namespace

MeshRayTarget::MeshRayTarget(const MeshScene& scene, const glm::mat4& setToStage)
    : scene_(scene), setToStage_(setToStage) {
  for (const MeshInstance& instance : scene.instances()) {
    const glm::mat4 toStage = setToStage * instance.world;
    const glm::mat4 fromStage = glm::inverse(toStage);
    const bool skinned = scene.nodes[static_cast<std::size_t>(instance.node)].skin >= 0;
    for (const MeshPrimitive& p : scene.meshes[static_cast<std::size_t>(instance.mesh)].primitives) {
      Placed placed;
      placed.primitive = &p;
      placed.toStage = toStage;
      placed.fromStage = fromStage;
      placed.node = instance.node;
      placed.deformable = (skinned && !p.joints.empty()) || !p.targets.empty();
      placed.boundsMin = p.boundsMin;
      placed.boundsMax = p.boundsMax;
      placed_.push_back(std::move(placed));
    }
  }
}

void MeshRayTarget::setPose(const Pose& pose, std::span<const glm::mat4> world) {
  world_.assign(world.begin(), world.end());
  weights_.resize(pose.weights.size());
  for (std::size_t i = 0; i < pose.weights.size(); ++i) weights_[i].assign(pose.weights[i].begin(), pose.weights[i].end());
  bool deformable = false;
  for (Placed& placed : placed_) {
    const std::size_t node = static_cast<std::size_t>(placed.node);
    if (node < world_.size()) {
      placed.toStage = setToStage_ * world_[node];
      placed.fromStage = glm::inverse(placed.toStage);
    }
    deformable = deformable || placed.deformable;
  }
  stale_ = deformable;
}

// Morphs, then skins, as the vertex shader does; bounds follow.
void MeshRayTarget::deform() const {
  stale_ = false;
  for (Placed& placed : placed_) {
    if (!placed.deformable) continue;
    const MeshPrimitive& p = *placed.primitive;
    const std::size_t node = static_cast<std::size_t>(placed.node);
    static const std::vector<float> kNone;
    const std::vector<float>& weights = node < weights_.size() ? weights_[node] : kNone;
    placed.deformed = morphedPositions(p, weights);
    const int skin = scene_.nodes[node].skin;
    if (skin >= 0 && static_cast<std::size_t>(skin) < scene_.skins.size() && !p.joints.empty()) {
      jointMatrices(scene_.skins[static_cast<std::size_t>(skin)], world_, placed.node, joints_);
      placed.deformed = skinnedPositions(p, placed.deformed, joints_);
    }
    if (placed.deformed.empty()) continue;
    placed.boundsMin = placed.boundsMax = placed.deformed.front();
    for (const glm::vec3& v : placed.deformed) {
      placed.boundsMin = glm::min(placed.boundsMin, v);
      placed.boundsMax = glm::max(placed.boundsMax, v);
    }
  }
}

std::optional<float> MeshRayTarget::nearestHit(const glm::vec3& origin, const glm::vec3& direction) const {
  if (stale_) deform();
  std::optional<float> best;
  for (const Placed& placed : placed_) {
    // In the mesh's own space the ray's parameter is the same as in stage space (the direction
    // is carried over unnormalised), so distances compare across instances.
    const glm::vec3 o = glm::vec3(placed.fromStage * glm::vec4(origin, 1.0f));
    const glm::vec3 d = glm::vec3(placed.fromStage * glm::vec4(direction, 0.0f));
    const float limit = best.value_or(std::numeric_limits<float>::max());
    const MeshPrimitive& p = *placed.primitive;
    if (!meetsBox(o, d, placed.boundsMin, placed.boundsMax, limit)) continue;
    const std::vector<glm::vec3>& positions = placed.deformed.empty() ? p.positions : placed.deformed;
    for (std::size_t i = 0; i + 2 < p.indices.size(); i += 3) {
      const auto t = meetsTriangle(o, d, positions[p.indices[i]], positions[p.indices[i + 1]], positions[p.indices[i + 2]]);
      if (t && (!best || *t < *best)) best = t;
    }
  }
  return best;
}

}  // namespace ps::scenes
