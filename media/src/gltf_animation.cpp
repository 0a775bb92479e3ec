#include "gltf_animation.h"

#include <cmath>
#include <set>
#include <utility>
#include <string>

#include "gltf_accessor_kind.h"
#include "scenes/printable.h"

namespace ps::media::gltf {

namespace {

using scenes::AnimationPath;
using scenes::Interpolation;

Result<AnimationPath> pathOf(const std::string& path, const std::string& at, const Context& ctx) {
  if (path == "translation") return AnimationPath::Translation;
  if (path == "rotation") return AnimationPath::Rotation;
  if (path == "scale") return AnimationPath::Scale;
  if (path == "weights") return AnimationPath::Weights;
  return ctx.error(at, scenes::quote(path) + " is not translation, rotation, scale or weights");
}

Result<Interpolation> interpolationOf(const std::string& name, const std::string& at, const Context& ctx) {
  if (name.empty() || name == "LINEAR") return Interpolation::Linear;
  if (name == "STEP") return Interpolation::Step;
  if (name == "CUBICSPLINE") return Interpolation::CubicSpline;
  return ctx.error(at, scenes::quote(name) + " is not LINEAR, STEP or CUBICSPLINE");
}

AccessorKind outputKind(AnimationPath path) {
  switch (path) {
    case AnimationPath::Translation:
    case AnimationPath::Scale: return {TINYGLTF_TYPE_VEC3, true, false, false, false};
    case AnimationPath::Rotation: return {TINYGLTF_TYPE_VEC4, true, true, true, false};
    case AnimationPath::Weights: return {TINYGLTF_TYPE_SCALAR, true, true, true, false};
  }
  return {};
}

const char* pathName(AnimationPath path) {
  switch (path) {
    case AnimationPath::Translation: return "translation";
    case AnimationPath::Rotation: return "rotation";
    case AnimationPath::Scale: return "scale";
    case AnimationPath::Weights: return "weights";
  }
  return "?";
}

Result<std::vector<float>> readTimes(const tinygltf::Model& model, int input, const std::string& at, const Context& ctx) {
  if (Status s = checkAccessorKind(model, input, at, "an animation's input", AccessorKind{}, ctx); !s) return s.error();
  auto times = readFiniteFloats(model, input, at, ctx);
  if (!times) return times.error();
  for (std::size_t k = 1; k < times->size(); ++k)
    if (!((*times)[k] > (*times)[k - 1]))
      return ctx.error(pointer("accessors", static_cast<std::size_t>(input)),
                       "key time " + std::to_string((*times)[k]) + " at element " + std::to_string(k) +
                           " does not follow " + std::to_string((*times)[k - 1]) + "; times must ascend (" + at + ")");
  return times;
}

// The sampler of `channel`, read for what the channel drives (a sampler shared by channels on
// different paths is read once per channel).
Result<scenes::AnimationSampler> readSampler(const tinygltf::Model& model, const tinygltf::Animation& a,
                                             std::size_t animation, int index, AnimationPath path, std::size_t width,
                                             const Context& ctx) {
  const std::string at = pointer("animations", animation) + "/samplers/" + std::to_string(index);
  const tinygltf::AnimationSampler& s = a.samplers[static_cast<std::size_t>(index)];
  scenes::AnimationSampler out;
  out.width = width;
  auto interpolation = interpolationOf(s.interpolation, at + "/interpolation", ctx);
  if (!interpolation) return interpolation.error();
  out.interpolation = *interpolation;
  auto times = readTimes(model, s.input, at + "/input", ctx);
  if (!times) return times.error();
  out.times = std::move(times).value();
  const std::size_t keys = out.times.size();
  const bool cubic = out.interpolation == Interpolation::CubicSpline;
  if (cubic && keys < 2) return ctx.error(at + "/input", "CUBICSPLINE needs at least two keys, not 1");
  const std::string outputAt = at + "/output";
  const std::string use = std::string("the output of a ") + pathName(path) + " channel";
  if (Status st = checkAccessorKind(model, s.output, outputAt, use, outputKind(path), ctx); !st) return st.error();
  const std::size_t count = model.accessors[static_cast<std::size_t>(s.output)].count;
  const std::size_t perKey = (cubic ? 3 : 1) * (path == AnimationPath::Weights ? width : 1);
  if (count != keys * perKey)
    return ctx.error(outputAt, "has " + std::to_string(count) + " elements; " + std::to_string(keys) + " keys need " +
                                   std::to_string(keys * perKey) +
                                   (cubic ? " (in-tangent, value and out-tangent per key" : " (one per key") +
                                   (path == AnimationPath::Weights ? " and morph target)" : ")"));
  auto values = readFiniteFloats(model, s.output, outputAt, ctx);
  if (!values) return values.error();
  out.values = std::move(values).value();
  return out;
}

Result<scenes::Animation> readAnimation(const tinygltf::Model& model, std::size_t index, Context& ctx,
                                        const scenes::MeshScene& scene) {
  const tinygltf::Animation& a = model.animations[index];
  const std::string at = pointer("animations", index);
  scenes::Animation out;
  out.name = a.name;
  if (a.channels.empty()) return ctx.error(at + "/channels", "must not be empty");
  if (a.samplers.empty()) return ctx.error(at + "/samplers", "must not be empty");
  std::set<std::pair<int, AnimationPath>> driven;
  for (std::size_t c = 0; c < a.channels.size(); ++c) {
    const tinygltf::AnimationChannel& ch = a.channels[c];
    const std::string channelAt = at + "/channels/" + std::to_string(c);
    if (ch.sampler < 0 || static_cast<std::size_t>(ch.sampler) >= a.samplers.size())
      return ctx.error(channelAt + "/sampler", "sampler " + std::to_string(ch.sampler) + " does not exist (there are " +
                                                   std::to_string(a.samplers.size()) + ")");
    if (ch.target_node == -1) {  // glTF: a channel without a node is ignored (an extension may drive it)
      ctx.warn(channelAt + "/target", "a channel without a target node is not read", "channel without node");
      continue;
    }
    if (ch.target_node < 0 || static_cast<std::size_t>(ch.target_node) >= scene.nodes.size())
      return ctx.error(channelAt + "/target/node", "node " + std::to_string(ch.target_node) +
                                                       " does not exist (there are " +
                                                       std::to_string(scene.nodes.size()) + ")");
    auto path = pathOf(ch.target_path, channelAt + "/target/path", ctx);
    if (!path) return path.error();
    const scenes::MeshNode& node = scene.nodes[static_cast<std::size_t>(ch.target_node)];
    std::size_t width = *path == AnimationPath::Rotation ? 4 : 3;
    if (*path == AnimationPath::Weights) {
      width = node.mesh >= 0 ? scene.meshes[static_cast<std::size_t>(node.mesh)].weights.size() : 0;
      if (width == 0)
        return ctx.error(channelAt + "/target", "node " + std::to_string(ch.target_node) +
                                                    " has no mesh with morph targets to weigh");
    } else if (!node.trs) {
      return ctx.error(channelAt + "/target", "node " + std::to_string(ch.target_node) +
                                                  " is given as a matrix; glTF animates only nodes given by TRS");
    }
    if (!driven.insert({ch.target_node, *path}).second)
      return ctx.error(channelAt + "/target", "another channel already drives " + std::string(pathName(*path)) +
                                                  " of node " + std::to_string(ch.target_node));
    auto sampler = readSampler(model, a, index, ch.sampler, *path, width, ctx);
    if (!sampler) return sampler.error();
    out.channels.push_back(scenes::AnimationChannel{ch.target_node, *path, static_cast<int>(out.samplers.size())});
    out.samplers.push_back(std::move(sampler).value());
  }
  return out;
}

}  // namespace

Status readAnimations(const tinygltf::Model& model, Context& ctx, scenes::MeshScene& out) {
  for (std::size_t i = 0; i < model.animations.size(); ++i) {
    auto animation = readAnimation(model, i, ctx, out);
    if (!animation) return animation.error();
    out.animations.push_back(std::move(animation).value());
  }
  return ok();
}

}  // namespace ps::media::gltf
