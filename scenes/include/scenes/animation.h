#pragma once
// glTF animation as plain data: keyframe samplers, the channels that drive node translation,
// rotation, scale and morph weights, skins and morph targets. Already validated by whoever
// built it (media's glTF loader): times ascend and are finite, value counts match the times,
// every node, joint and sampler index exists, a weights channel has one value per morph target.
// Sampling and posing live in animation_sampler.h and pose.h.
#include <cstddef>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

namespace ps::scenes {

enum class AnimationPath { Translation, Rotation, Scale, Weights };
enum class Interpolation { Linear, Step, CubicSpline };

// Keyframes: `times` in seconds of the animation's own clock, ascending, finite, at least one.
// `values` holds `width` floats per key (3 for translation and scale, 4 for a rotation as
// x, y, z, w, the morph target count for weights); CUBICSPLINE holds three groups per key:
// in-tangent, value, out-tangent, as glTF stores them.
struct AnimationSampler {
  std::vector<float> times;
  std::vector<float> values;
  std::size_t width = 0;
  Interpolation interpolation = Interpolation::Linear;
};

struct AnimationChannel {
  int node = 0;     // into MeshScene::nodes; a node with TRS (never one given as a matrix)
  AnimationPath path = AnimationPath::Translation;
  int sampler = 0;  // into Animation::samplers
};

struct Animation {
  std::string name;
  std::vector<AnimationSampler> samplers;
  std::vector<AnimationChannel> channels;

  // The last key time over all samplers (0 for a single-key animation).
  float duration() const;
};

// The index of the first animation called `name` in `animations`, or -1.
int findAnimation(const std::vector<Animation>& animations, const std::string& name);

// A node's local transform as translation, rotation and scale (T * R * S), what channels move.
struct NodeTrs {
  glm::vec3 translation{0.0f};
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};  // w, x, y, z; unit length
  glm::vec3 scale{1.0f};

  glm::mat4 matrix() const;
};

// Joints of a skinned mesh: joint j moves a vertex by world(joints[j]) * inverseBind[j].
struct Skin {
  std::string name;
  std::vector<int> joints;               // into MeshScene::nodes, at least one
  std::vector<glm::mat4> inverseBind;    // one per joint (identity where the file has none)
  int skeleton = -1;                     // the common root the file names, or -1
};

// Offsets added to a primitive's vertices, scaled by the target's weight. Each is empty or
// one per vertex.
struct MorphTarget {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
};

}  // namespace ps::scenes
