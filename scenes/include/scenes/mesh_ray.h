#pragma once
// Where a ray first meets a set of meshes, on the CPU: what picking asks of the scene's depth
// (a marker behind a box is not picked through it), without reading anything back from the GPU.
#include <optional>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "scenes/mesh_scene.h"

namespace ps::scenes {

// One placed set, prepared for rays: each primitive's instance matrices and bounds. Holds a
// reference to the scene, which must outlive it.
class MeshRayTarget {
 public:
  MeshRayTarget(const MeshScene& scene, const glm::mat4& setToStage);
  // The distance along `direction` (unit length, stage space) from `origin` to the nearest
  // triangle, either face; empty when the ray meets none.
  std::optional<float> nearestHit(const glm::vec3& origin, const glm::vec3& direction) const;

 private:
  struct Placed {
    const MeshPrimitive* primitive;
    glm::mat4 toStage;
    glm::mat4 fromStage;
  };
  std::vector<Placed> placed_;
};

}  // namespace ps::scenes
