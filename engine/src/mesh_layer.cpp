#include "engine/mesh_layer.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <glm/mat3x3.hpp>
#include <glm/matrix.hpp>

#include "engine/device.h"
#include "engine/srgb_format.h"
#include "mesh_frame_data.h"
#include "mesh_gpu_set.h"
#include "mesh_pipeline.h"
#include "mesh_recycler.h"
#include "mesh_set_pose.h"
#include "mesh_shader_data.h"

namespace ps::engine {

namespace {

// One instance's primitive as the frame draws it.
struct MeshDraw {
  const MeshGpuSet* set = nullptr;
  const MeshGpuPrimitive* primitive = nullptr;
  std::uint32_t instance = 0;  // into the frame's instance data
  bool mirrored = false;
  glm::vec3 centre{0.0f};      // stage space
  // The instance's joint matrices and morph weights in the frame's buffers (counts 0: none).
  std::uint32_t jointBase = 0, jointCount = 0, weightBase = 0, weightCount = 0;
};

}  // namespace

struct MeshLayer::Impl {
  struct Set {
    std::shared_ptr<const scenes::MeshScene> pending;  // CPU data until uploaded
    std::shared_ptr<const scenes::MeshImage> pendingBaseColor;  // replaces every base colour; with pending
    std::unique_ptr<MeshGpuSet> gpu;
    std::uint64_t lastUse = 0;
    glm::mat4 setToStage{1.0f};
    std::vector<scenes::MeshInstance> instances;
    MeshSetPose pose;
    bool visible = true;
  };

  explicit Impl(const Device& d) : device(d), pipeline(d), frameData(d, pipeline) {}

  Set& find(SetId id) {
    const auto it = sets.find(id);
    if (it == sets.end()) throw std::out_of_range("mesh layer: no set " + std::to_string(id));
    return it->second;
  }

  VkPipeline pipelineFor(FrameRecording& frame, const MeshDrawKind& kind, const EyePass& eye) {
    if (cacheOwner != &frame.pipelines) {
      pipelines.clear();
      cacheOwner = &frame.pipelines;
    }
    const auto key = std::make_tuple(kind.blend, kind.doubleSided, kind.mirrored, kind.unlit, kind.deformed,
                                     eye.colorFormat, eye.depthFormat);
    if (auto it = pipelines.find(key); it != pipelines.end()) return it->second;
    const VkPipeline p = frame.pipelines.graphics(pipeline.describe(kind, eye.colorFormat, eye.depthFormat));
    pipelines.emplace(key, p);
    return p;
  }

  const Device& device;
  MeshPipeline pipeline;
  MeshFrameData frameData;
  std::optional<MeshDefaultTextures> defaults;
  MeshRecycler recycler;  // declared before the sets: what they recycle may come back into it
  std::map<SetId, Set> sets;
  std::vector<std::unique_ptr<MeshGpuSet>> retired;  // removed, with their last use
  std::vector<std::uint64_t> retiredLastUse;
  SetId nextId = 1;
  Stats stats;

  // This frame's draws (prepare), opaque and masked ones first in scene order, then blended.
  std::vector<MeshDraw> solid, blended;
  std::vector<MeshInstanceData> instanceData;
  std::vector<MeshEyeData> eyeData;
  std::vector<glm::mat4> jointData;
  std::vector<float> weightData;

  const PipelineCache* cacheOwner = nullptr;
  std::map<std::tuple<bool, bool, bool, bool, bool, VkFormat, VkFormat>, VkPipeline> pipelines;
};

MeshLayer::MeshLayer(const Device& device) : impl_(std::make_unique<Impl>(device)) {}
MeshLayer::~MeshLayer() = default;

MeshLayer::SetId MeshLayer::add(scenes::MeshScene scene, const glm::mat4& setToStage) {
  return add(std::make_shared<const scenes::MeshScene>(std::move(scene)), setToStage);
}

MeshLayer::SetId MeshLayer::add(std::shared_ptr<const scenes::MeshScene> scene, const glm::mat4& setToStage) {
  if (!scene) throw std::invalid_argument("mesh layer: no scene to add");
  const SetId id = impl_->nextId++;
  Impl::Set& set = impl_->sets[id];
  set.setToStage = setToStage;
  set.instances = scene->instances();
  set.pose = MeshSetPose(*scene);
  set.pending = std::move(scene);
  return id;
}

void MeshLayer::replace(SetId id, std::shared_ptr<const scenes::MeshScene> scene,
                        std::shared_ptr<const scenes::MeshImage> baseColor) {
  if (!scene) throw std::invalid_argument("mesh layer: no scene to replace set " + std::to_string(id) + " with");
  Impl::Set& set = impl_->find(id);
  set.instances = scene->instances();
  set.pose = MeshSetPose(*scene);
  set.pending = std::move(scene);
  set.pendingBaseColor = std::move(baseColor);
}

void MeshLayer::remove(SetId id) {
  Impl::Set& set = impl_->find(id);
  if (set.gpu) {
    impl_->retired.push_back(std::move(set.gpu));
    impl_->retiredLastUse.push_back(set.lastUse);
  }
  impl_->sets.erase(id);
}

void MeshLayer::setTransform(SetId id, const glm::mat4& setToStage) { impl_->find(id).setToStage = setToStage; }
void MeshLayer::setVisible(SetId id, bool visible) { impl_->find(id).visible = visible; }

void MeshLayer::setInstanceWorlds(SetId id, std::span<const glm::mat4> worlds) {
  Impl::Set& set = impl_->find(id);
  if (worlds.size() != set.instances.size())
    throw std::invalid_argument("mesh layer: " + std::to_string(worlds.size()) + " instance matrices for a set of " +
                                std::to_string(set.instances.size()) + " instances");
  for (std::size_t i = 0; i < worlds.size(); ++i) set.instances[i].world = worlds[i];
}

void MeshLayer::setPose(SetId id, const scenes::Pose& pose, std::span<const glm::mat4> world) {
  Impl::Set& set = impl_->find(id);
  set.pose.apply(pose, world, set.instances);
}

std::size_t MeshLayer::setCount() const { return impl_->sets.size(); }

MeshLayer::Stats MeshLayer::stats() const {
  Stats s = impl_->stats;
  s.recycled = impl_->recycler.reused();
  s.gpuBytes = 0;
  for (const auto& [id, set] : impl_->sets)
    if (set.gpu) s.gpuBytes += set.gpu->gpuBytes();
  return s;
}

void MeshLayer::prepare(FrameRecording& frame, std::span<const EyePass> eyes) {
  Impl& s = *impl_;
  for (std::size_t i = 0; i < s.retired.size(); ++i) frame.disposer.dispose(s.retiredLastUse[i], std::move(s.retired[i]));
  s.retired.clear();
  s.retiredLastUse.clear();
  s.solid.clear();
  s.blended.clear();
  s.instanceData.clear();
  s.jointData.clear();
  s.weightData.clear();
  if (s.sets.empty() || eyes.empty()) return;

  if (!s.defaults) {
    GpuBuffer staging;
    s.defaults = recordDefaultTextures(s.device, frame.commands, staging);
    frame.disposer.dispose(frame.serial, std::move(staging));
  }
  for (auto& [id, set] : s.sets) {
    if (!set.pending) continue;
    // Taken first: a set whose upload throws (out of device memory) is dropped, not retried
    // every frame.
    const std::shared_ptr<const scenes::MeshScene> scene = std::move(set.pending);
    set.pending.reset();
    const std::shared_ptr<const scenes::MeshImage> baseColor = std::move(set.pendingBaseColor);
    set.pendingBaseColor.reset();
    // A replaced set (a mesh sequence's next frame) takes its memory from the frames before;
    // a set uploaded once (a static set) leaves nothing behind to be kept.
    auto uploaded = std::make_unique<MeshGpuSet>(s.device, s.pipeline, *s.defaults, *scene, frame, baseColor.get(),
                                                 set.gpu ? &s.recycler : nullptr);
    if (set.gpu) {
      set.gpu->recycle(s.recycler, frame.disposer, set.lastUse);
      set.gpu.reset();
    }
    set.gpu = std::move(uploaded);  // the layer's reference to the CPU data goes at the end of the scope
    ++s.stats.uploads;
  }

  for (auto& [id, set] : s.sets) {
    if (!set.gpu || !set.visible) continue;
    set.lastUse = frame.serial;
    for (std::size_t i = 0; i < set.instances.size(); ++i) {
      const scenes::MeshInstance& instance = set.instances[i];
      const std::span<const MeshGpuPrimitive> primitives = set.gpu->primitives(instance.mesh);
      if (primitives.empty()) continue;
      const std::span<const glm::mat4> joints = set.pose.joints(i);
      const std::span<const float> weights = set.pose.weights(i);
      const auto jointBase = static_cast<std::uint32_t>(s.jointData.size());
      const auto weightBase = static_cast<std::uint32_t>(s.weightData.size());
      s.jointData.insert(s.jointData.end(), joints.begin(), joints.end());
      s.weightData.insert(s.weightData.end(), weights.begin(), weights.end());
      const glm::mat4 model = set.setToStage * instance.world;
      const glm::mat3 linear(model);
      const auto index = static_cast<std::uint32_t>(s.instanceData.size());
      s.instanceData.push_back({model, glm::mat4(glm::transpose(glm::inverse(linear)))});
      const bool mirrored = glm::determinant(linear) < 0.0f;
      for (const MeshGpuPrimitive& p : primitives) {
        MeshDraw draw{set.gpu.get(), &p, index, mirrored, glm::vec3(model * glm::vec4(p.centre, 1.0f))};
        if (p.skinned && !joints.empty()) {
          draw.jointBase = jointBase;
          draw.jointCount = static_cast<std::uint32_t>(joints.size());
        }
        if (p.targetCount > 0 && !weights.empty()) {
          draw.weightBase = weightBase;
          draw.weightCount = std::min(p.targetCount, static_cast<std::uint32_t>(weights.size()));
        }
        (p.blend ? s.blended : s.solid).push_back(draw);
      }
    }
  }
  if (s.instanceData.empty()) return;

  const MeshLighting& light = lighting_;
  const MeshFrameHeader header{glm::vec4(light.towardsLight, 0.0f), glm::vec4(light.lightColor, 1.0f),
                               glm::vec4(light.skyColor, 1.0f), glm::vec4(light.groundColor, 1.0f)};
  s.eyeData.clear();
  for (const EyePass& eye : eyes)
    s.eyeData.push_back({eye.camera.viewProjection(), glm::vec4(eye.camera.view().position, 1.0f)});
  s.frameData.record(frame, header, s.eyeData, s.instanceData, s.jointData, s.weightData);
}

void MeshLayer::record(FrameRecording& frame, const EyePass& eye) {
  Impl& s = *impl_;
  s.stats.draws = 0;
  s.stats.triangles = 0;
  // A whole-sphere target (a runtime's equirect layer) is the background's alone.
  if (eye.wholeSphere || (s.solid.empty() && s.blended.empty())) return;
  const VkCommandBuffer commands = frame.commands;
  const VkDescriptorSet frameSet = s.frameData.set();
  vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.layout(), 0, 1, &frameSet, 0, nullptr);
  constexpr VkShaderStageFlags kBoth = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
  MeshPushConstants push{static_cast<std::uint32_t>(eye.index), isSrgbFormat(eye.colorFormat) ? 0u : 1u};
  // All of it once (a deformed draw's pipeline reads all of it); deformed draws rewrite the rest.
  vkCmdPushConstants(commands, s.pipeline.layout(), kBoth, 0, sizeof push, &push);
  constexpr std::uint32_t kDeformAt = offsetof(MeshPushConstants, jointBase);

  VkPipeline boundPipeline = VK_NULL_HANDLE;
  const MeshGpuSet* boundSet = nullptr;
  VkDescriptorSet boundMaterial = VK_NULL_HANDLE;
  VkDescriptorSet boundDeform = VK_NULL_HANDLE;
  auto draw = [&](const MeshDraw& d) {
    const MeshGpuPrimitive& p = *d.primitive;
    const bool deformed = d.jointCount > 0 || d.weightCount > 0;
    const VkPipeline pipeline = s.pipelineFor(frame, {p.blend, p.doubleSided, d.mirrored, p.unlit, deformed}, eye);
    if (pipeline != boundPipeline) {
      vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
      boundPipeline = pipeline;
    }
    if (d.set != boundSet) {
      const VkBuffer vertices = d.set->vertexBuffer();
      const VkDeviceSize offset = 0;
      vkCmdBindVertexBuffers(commands, 0, 1, &vertices, &offset);
      vkCmdBindIndexBuffer(commands, d.set->indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
      if (d.set->skinBuffer() != VK_NULL_HANDLE) {
        const VkBuffer skin = d.set->skinBuffer();
        vkCmdBindVertexBuffers(commands, 1, 1, &skin, &offset);
      }
      boundSet = d.set;
    }
    if (deformed) {
      if (d.set->deformSet() != boundDeform) {
        const VkDescriptorSet deform = d.set->deformSet();
        vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.layout(), 2, 1, &deform, 0,
                                nullptr);
        boundDeform = deform;
      }
      push.jointBase = d.jointBase;
      push.jointCount = d.jointCount;
      push.weightBase = d.weightBase;
      push.targetCount = d.weightCount;
      push.morphBase = p.morphBase;
      push.vertexBase = static_cast<std::uint32_t>(p.vertexOffset);
      push.vertexCount = p.vertexCount;
      vkCmdPushConstants(commands, s.pipeline.layout(), kBoth, kDeformAt, sizeof push - kDeformAt,
                         reinterpret_cast<const std::byte*>(&push) + kDeformAt);
    }
    const VkDescriptorSet material = d.set->materialSet(p.materialSet);
    if (material != boundMaterial) {
      vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.layout(), 1, 1, &material, 0,
                              nullptr);
      boundMaterial = material;
    }
    // firstInstance carries the instance's index into the frame's matrices (gl_InstanceIndex).
    vkCmdDrawIndexed(commands, p.indexCount, 1, p.firstIndex, p.vertexOffset, d.instance);
    ++s.stats.draws;
    s.stats.triangles += p.indexCount / 3;
  };
  for (const MeshDraw& d : s.solid) draw(d);
  if (!s.blended.empty()) {
    const glm::vec3 from = eye.camera.view().position;
    auto farther = [&](const MeshDraw& a, const MeshDraw& b) {
      return glm::dot(a.centre - from, a.centre - from) > glm::dot(b.centre - from, b.centre - from);
    };
    std::stable_sort(s.blended.begin(), s.blended.end(), farther);
    for (const MeshDraw& d : s.blended) draw(d);
  }
}

}  // namespace ps::engine
