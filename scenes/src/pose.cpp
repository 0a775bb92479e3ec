#include "scenes/pose.h"

#include <span>

#include "scenes/animation_sampler.h"

namespace ps::scenes {

namespace {

void collect(const MeshScene& scene, int node, const std::vector<glm::mat4>& world, std::vector<MeshInstance>& out,
             std::size_t depth) {
  if (depth > scene.nodes.size()) return;  // a hand-made cyclic scene must not recurse forever
  const MeshNode& n = scene.nodes[static_cast<std::size_t>(node)];
  if (n.mesh >= 0) out.push_back(MeshInstance{node, n.mesh, world[static_cast<std::size_t>(node)]});
  for (int child : n.children) collect(scene, child, world, out, depth + 1);
}

}  // namespace

Pose restPose(const MeshScene& scene) {
  Pose pose;
  pose.local.reserve(scene.nodes.size());
  pose.weights.resize(scene.nodes.size());
  for (std::size_t i = 0; i < scene.nodes.size(); ++i) {
    const MeshNode& n = scene.nodes[i];
    pose.local.push_back(n.local);
    if (n.mesh >= 0 && static_cast<std::size_t>(n.mesh) < scene.meshes.size())
      pose.weights[i] = scene.meshes[static_cast<std::size_t>(n.mesh)].weights;
  }
  return pose;
}

Pose poseAt(const MeshScene& scene, const Animation& animation, float time) {
  Pose pose = restPose(scene);
  std::vector<NodeTrs> trs(scene.nodes.size());
  std::vector<bool> moved(scene.nodes.size(), false);
  for (std::size_t i = 0; i < scene.nodes.size(); ++i)
    if (scene.nodes[i].trs) trs[i] = *scene.nodes[i].trs;
  float value[4];
  for (const AnimationChannel& c : animation.channels) {
    const std::size_t node = static_cast<std::size_t>(c.node);
    if (node >= scene.nodes.size() || c.sampler < 0 || static_cast<std::size_t>(c.sampler) >= animation.samplers.size())
      continue;
    const AnimationSampler& s = animation.samplers[static_cast<std::size_t>(c.sampler)];
    if (c.path == AnimationPath::Weights) {
      std::vector<float>& weights = pose.weights[node];
      if (weights.size() == s.width) sampleAt(s, time, false, weights);
      continue;
    }
    if (!scene.nodes[node].trs) continue;  // validated away: glTF never animates a matrix node
    const bool rotation = c.path == AnimationPath::Rotation;
    if (s.width != (rotation ? 4u : 3u)) continue;
    sampleAt(s, time, rotation, std::span<float>(value, s.width));
    moved[node] = true;
    if (c.path == AnimationPath::Translation) trs[node].translation = {value[0], value[1], value[2]};
    else if (c.path == AnimationPath::Scale) trs[node].scale = {value[0], value[1], value[2]};
    else trs[node].rotation = glm::quat(value[3], value[0], value[1], value[2]);
  }
  for (std::size_t i = 0; i < scene.nodes.size(); ++i)
    if (moved[i]) pose.local[i] = trs[i].matrix();
  return pose;
}

std::vector<glm::mat4> worldMatrices(const MeshScene& scene, const Pose& pose) {
  const std::size_t count = scene.nodes.size();
  std::vector<glm::mat4> world(count, glm::mat4(1.0f));
  std::vector<bool> done(count, false);
  std::vector<int> stack;
  for (std::size_t i = 0; i < count; ++i) {
    if (scene.nodes[i].parent >= 0) continue;
    world[i] = pose.local[i];
    done[i] = true;
    stack.push_back(static_cast<int>(i));
  }
  while (!stack.empty()) {
    const std::size_t n = static_cast<std::size_t>(stack.back());
    stack.pop_back();
    for (int c : scene.nodes[n].children) {
      const std::size_t child = static_cast<std::size_t>(c);
      if (child >= count || done[child]) continue;
      world[child] = world[n] * pose.local[child];
      done[child] = true;
      stack.push_back(c);
    }
  }
  for (std::size_t i = 0; i < count; ++i)
    if (!done[i]) world[i] = pose.local[i];
  return world;
}

std::vector<glm::mat4> jointMatrices(const MeshScene& scene, const Skin& skin, const std::vector<glm::mat4>& world,
                                     int meshNode) {
  const glm::mat4 toMesh = glm::inverse(world[static_cast<std::size_t>(meshNode)]);
  std::vector<glm::mat4> out;
  out.reserve(skin.joints.size());
  for (std::size_t j = 0; j < skin.joints.size(); ++j) {
    const std::size_t joint = static_cast<std::size_t>(skin.joints[j]);
    const glm::mat4 bind = j < skin.inverseBind.size() ? skin.inverseBind[j] : glm::mat4(1.0f);
    out.push_back(joint < scene.nodes.size() ? toMesh * world[joint] * bind : glm::mat4(1.0f));
  }
  return out;
}

std::vector<MeshInstance> posedInstances(const MeshScene& scene, const std::vector<glm::mat4>& world) {
  std::vector<MeshInstance> out;
  if (world.size() != scene.nodes.size()) return out;
  for (int root : scene.roots) collect(scene, root, world, out, 0);
  return out;
}

}  // namespace ps::scenes
