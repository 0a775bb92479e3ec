#include "scenes/pose.h"

#include <algorithm>

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

// The rest pose into `pose`, reusing its vectors' storage.
void restInto(const MeshScene& scene, Pose& pose) {
  const std::size_t count = scene.nodes.size();
  pose.local.resize(count);
  pose.weights.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const MeshNode& n = scene.nodes[i];
    pose.local[i] = n.local;
    if (n.mesh >= 0 && static_cast<std::size_t>(n.mesh) < scene.meshes.size()) {
      const std::vector<float>& defaults = scene.meshes[static_cast<std::size_t>(n.mesh)].weights;
      pose.weights[i].assign(defaults.begin(), defaults.end());
    } else {
      pose.weights[i].clear();
    }
  }
}

void poseInto(const MeshScene& scene, const Animation& animation, float time, Pose& pose, std::vector<NodeTrs>& trs,
              std::vector<std::uint8_t>& moved) {
  restInto(scene, pose);
  trs.resize(scene.nodes.size());
  moved.assign(scene.nodes.size(), 0);
  for (std::size_t i = 0; i < scene.nodes.size(); ++i) trs[i] = scene.nodes[i].trs ? *scene.nodes[i].trs : NodeTrs{};
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
    moved[node] = 1;
    if (c.path == AnimationPath::Translation) trs[node].translation = {value[0], value[1], value[2]};
    else if (c.path == AnimationPath::Scale) trs[node].scale = {value[0], value[1], value[2]};
    else trs[node].rotation = glm::quat(value[3], value[0], value[1], value[2]);
  }
  for (std::size_t i = 0; i < scene.nodes.size(); ++i)
    if (moved[i]) pose.local[i] = trs[i].matrix();
}

void worldInto(const MeshScene& scene, const Pose& pose, std::vector<glm::mat4>& world, std::vector<std::uint8_t>& done,
               std::vector<int>& stack) {
  const std::size_t count = scene.nodes.size();
  world.assign(count, glm::mat4(1.0f));
  done.assign(count, 0);
  stack.clear();
  for (std::size_t i = 0; i < count; ++i) {
    if (scene.nodes[i].parent >= 0) continue;
    world[i] = pose.local[i];
    done[i] = 1;
    stack.push_back(static_cast<int>(i));
  }
  while (!stack.empty()) {
    const std::size_t n = static_cast<std::size_t>(stack.back());
    stack.pop_back();
    for (int c : scene.nodes[n].children) {
      const std::size_t child = static_cast<std::size_t>(c);
      if (child >= count || done[child]) continue;
      world[child] = world[n] * pose.local[child];
      done[child] = 1;
      stack.push_back(c);
    }
  }
  for (std::size_t i = 0; i < count; ++i)
    if (!done[i]) world[i] = pose.local[i];
}

}  // namespace

Pose restPose(const MeshScene& scene) {
  Pose pose;
  restInto(scene, pose);
  return pose;
}

Pose poseAt(const MeshScene& scene, const Animation& animation, float time) {
  Pose pose;
  std::vector<NodeTrs> trs;
  std::vector<std::uint8_t> moved;
  poseInto(scene, animation, time, pose, trs, moved);
  return pose;
}

std::vector<glm::mat4> worldMatrices(const MeshScene& scene, const Pose& pose) {
  std::vector<glm::mat4> world;
  std::vector<std::uint8_t> done;
  std::vector<int> stack;
  worldInto(scene, pose, world, done, stack);
  return world;
}

void jointMatrices(const Skin& skin, std::span<const glm::mat4> world, int meshNode, std::vector<glm::mat4>& out) {
  const glm::mat4 toMesh = meshNode >= 0 && static_cast<std::size_t>(meshNode) < world.size()
                               ? glm::inverse(world[static_cast<std::size_t>(meshNode)])
                               : glm::mat4(1.0f);
  out.resize(skin.joints.size());
  for (std::size_t j = 0; j < skin.joints.size(); ++j) {
    const std::size_t joint = static_cast<std::size_t>(skin.joints[j]);
    const glm::mat4 bind = j < skin.inverseBind.size() ? skin.inverseBind[j] : glm::mat4(1.0f);
    out[j] = joint < world.size() ? toMesh * world[joint] * bind : glm::mat4(1.0f);
  }
}

std::vector<glm::mat4> jointMatrices(const MeshScene& scene, const Skin& skin, const std::vector<glm::mat4>& world,
                                     int meshNode) {
  std::vector<glm::mat4> out;
  jointMatrices(skin, std::span<const glm::mat4>(world.data(), std::min(world.size(), scene.nodes.size())), meshNode,
                out);
  return out;
}

std::vector<MeshInstance> posedInstances(const MeshScene& scene, const std::vector<glm::mat4>& world) {
  std::vector<MeshInstance> out;
  if (world.size() != scene.nodes.size()) return out;
  for (int root : scene.roots) collect(scene, root, world, out, 0);
  return out;
}

void PoseBuffers::compute(const MeshScene& scene, const Animation* animation, float time) {
  if (animation != nullptr)
    poseInto(scene, *animation, time, pose_, trs_, moved_);
  else
    restInto(scene, pose_);
  worldInto(scene, pose_, world_, done_, stack_);
}

}  // namespace ps::scenes
