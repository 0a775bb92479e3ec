#pragma once
// Where a ray first meets a set of meshes, on the CPU: what picking asks of the scene's depth
// (a marker behind a box is not picked through it), without reading anything back from the GPU.
#include <optional>
#include <span>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "scenes/mesh_scene.h"
#include "scenes/pose.h"

namespace ps::scenes {

// One placed set, prepared for rays: each primitive's instance matrices and bounds. Holds a
// reference to the scene, which must outlive it. Thread: the owner's (nearestHit fills a cache).
class MeshRayTarget {
 public:
  MeshRayTarget(const MeshScene& scene, const glm::mat4& setToStage);
  // The scene in a pose (pose.h): instances follow their nodes' `world` matrices; skinned and
  // morphed primitives are deformed on the CPU (deform.h) the next time a ray asks, once per
  // pose. The rest shape until the first call.
  void setPose(const Pose& pose, std::span<const glm::mat4> world);
  // The distance along `direction` (unit length, stage space) from `origin` to the nearest
  // triangle, either face; empty when the ray meets none.
  std::optional<float> nearestHit(const glm::vec3& origin, const glm::vec3& direction) const;

 private:
  struct Placed {
    const MeshPrimitive* primitive = nullptr;
    glm::mat4 toStage{1.0f};
    glm::mat4 fromStage{1.0f};
    int node = -1;
    bool deformable = false;            // has joints under a skinned node, or morph targets
    std::vector<glm::vec3> deformed;    // the posed positions (empty: the primitive's own)
    glm::vec3 boundsMin{0.0f}, boundsMax{0.0f};
  };
  void deform() const;

  const MeshScene& scene_;
  glm::mat4 setToStage_;
  mutable std::vector<Placed> placed_;
  // The last pose, kept for the deformation made lazily.
  std::vector<glm::mat4> world_;
  std::vector<std::vector<float>> weights_;
  mutable std::vector<glm::mat4> joints_;
  mutable bool stale_ = false;
};

}  // namespace ps::scenes
