#include "mesh_set_pose.h"

#include <stdexcept>
#include <string>

namespace ps::engine {

namespace {

bool deforms(const scenes::MeshScene& scene) {
  if (!scene.skins.empty()) return true;
  for (const scenes::Mesh& mesh : scene.meshes)
    if (!mesh.weights.empty()) return true;
  return false;
}

}  // namespace

MeshSetPose::MeshSetPose(const scenes::MeshScene& scene) : nodeCount_(scene.nodes.size()) {
  if (!deforms(scene)) return;
  skins_ = scene.skins;
  const std::vector<glm::mat4> world =
      scene.skins.empty() ? std::vector<glm::mat4>{} : scenes::worldMatrices(scene, scenes::restPose(scene));
  for (const scenes::MeshInstance& i : scene.instances()) {
    Instance out;
    out.node = i.node;
    out.skin = scene.nodes[static_cast<std::size_t>(i.node)].skin;
    if (out.skin >= 0) scenes::jointMatrices(skins_[static_cast<std::size_t>(out.skin)], world, i.node, out.joints);
    out.weights = scene.meshes[static_cast<std::size_t>(i.mesh)].weights;
    instances_.push_back(std::move(out));
  }
}

void MeshSetPose::apply(const scenes::Pose& pose, std::span<const glm::mat4> world,
                        std::vector<scenes::MeshInstance>& instances) {
  if (world.size() != nodeCount_ || pose.weights.size() != nodeCount_)
    throw std::invalid_argument("mesh layer: a pose of " + std::to_string(world.size()) + " nodes for a set of " +
                                std::to_string(nodeCount_));
  for (scenes::MeshInstance& instance : instances) instance.world = world[static_cast<std::size_t>(instance.node)];
  for (Instance& i : instances_) {
    if (i.skin >= 0) scenes::jointMatrices(skins_[static_cast<std::size_t>(i.skin)], world, i.node, i.joints);
    const std::vector<float>& weights = pose.weights[static_cast<std::size_t>(i.node)];
    // A node's weights are its mesh's (as many as its targets); other counts keep the defaults.
    if (weights.size() == i.weights.size()) i.weights.assign(weights.begin(), weights.end());
  }
}

std::span<const glm::mat4> MeshSetPose::joints(std::size_t instance) const {
  if (instance >= instances_.size()) return {};
  return instances_[instance].joints;
}

std::span<const float> MeshSetPose::weights(std::size_t instance) const {
  if (instance >= instances_.size()) return {};
  return instances_[instance].weights;
}

}  // namespace ps::engine
