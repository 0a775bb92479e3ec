#pragma once
// What moves one set's skinned and morphed meshes: per instance of its scene (scene.instances(),
// in that order), the joint matrices of its node's skin, in the mesh's space, and its mesh's
// morph weights. Starts from the scene's rest pose; a pose replaces them (and the instances'
// world matrices). Copies the skins (a few matrices each), so the scene can go once uploaded; a
// scene with neither skins nor morph targets keeps nothing per instance.
#include <span>
#include <vector>

#include <glm/mat4x4.hpp>

#include "scenes/mesh_scene.h"
#include "scenes/pose.h"

namespace ps::engine {

class MeshSetPose {
 public:
  MeshSetPose() = default;
  explicit MeshSetPose(const scenes::MeshScene& scene);

  // The scene in `pose`, with `world` its node world matrices (scenes/pose.h): `instances`
  // (the scene's) take their nodes' matrices. Throws std::invalid_argument when the node count
  // is not the scene's.
  void apply(const scenes::Pose& pose, std::span<const glm::mat4> world, std::vector<scenes::MeshInstance>& instances);

  // Empty for an instance that is not skinned (or not morphed).
  std::span<const glm::mat4> joints(std::size_t instance) const;
  std::span<const float> weights(std::size_t instance) const;

 private:
  struct Instance {
    int node = 0;
    int skin = -1;
    std::vector<glm::mat4> joints;
    std::vector<float> weights;
  };
  std::size_t nodeCount_ = 0;
  std::vector<scenes::Skin> skins_;
  std::vector<Instance> instances_;  // empty: nothing deforms
};

}  // namespace ps::engine
