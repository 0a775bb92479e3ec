#pragma once
// A set's pose at one time: every node's local transform and every node's morph weights after
// an animation has been applied, the world matrices that follow from the hierarchy, and the
// joint matrices of a skin. Recomputed from the rest pose each time, so a pose depends only on
// the animation time asked for (scrubbing backwards lands where playing forwards did).
#include <cstdint>
#include <span>
#include <vector>

#include <glm/mat4x4.hpp>

#include "scenes/mesh_scene.h"

namespace ps::scenes {

struct Pose {
  std::vector<glm::mat4> local;               // per node
  std::vector<std::vector<float>> weights;    // per node: its mesh's morph weights (or empty)
};

// The file's own transforms and default weights.
Pose restPose(const MeshScene& scene);

// The rest pose with `animation`'s channels applied at `time` (seconds of the animation's clock).
Pose poseAt(const MeshScene& scene, const Animation& animation, float time);

// Per node: its local matrix times its ancestors'; nodes outside the hierarchy keep their own.
std::vector<glm::mat4> worldMatrices(const MeshScene& scene, const Pose& pose);

// Joint matrices of `skin` for the mesh that node `meshNode` draws, in that mesh's space:
// inverse(world[meshNode]) * world[joint] * inverseBind, so that drawing the skinned vertices
// with the node's world matrix puts them where the joints say.
std::vector<glm::mat4> jointMatrices(const MeshScene& scene, const Skin& skin, const std::vector<glm::mat4>& world,
                                     int meshNode);
// The same into `out` (resized to the joint count, its storage kept); `world` holds every node's
// matrix (a joint past it gets the identity).
void jointMatrices(const Skin& skin, std::span<const glm::mat4> world, int meshNode, std::vector<glm::mat4>& out);

// The scene's mesh instances with the pose's world matrices.
std::vector<MeshInstance> posedInstances(const MeshScene& scene, const std::vector<glm::mat4>& world);

// poseAt (or restPose) and worldMatrices into storage kept from call to call: a set posed
// every frame allocates nothing once its first pose has sized the vectors.
class PoseBuffers {
 public:
  // `animation` at `time`, or the rest pose for none; then the world matrices.
  void compute(const MeshScene& scene, const Animation* animation, float time);
  const Pose& pose() const { return pose_; }
  const std::vector<glm::mat4>& world() const { return world_; }

 private:
  Pose pose_;
  std::vector<NodeTrs> trs_;
  std::vector<std::uint8_t> moved_, done_;
  std::vector<int> stack_;
  std::vector<glm::mat4> world_;
};

}  // namespace ps::scenes
