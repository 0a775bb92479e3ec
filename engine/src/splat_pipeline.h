#pragma once
// SplatLayer's fixed state: the shaders, the descriptor set layout of one cloud (frame
// constants, splats, colours, the sort's two key/value buffers, histogram, draw arguments) and
// of the depth resolve (the accumulation image), their pipeline layouts, and the pipelines,
// built on first use (through the frame context's VkPipelineCache) and destroyed with this
// object, not kept by PipelineCache (whose keys are handles that a later layer's new shader
// modules may reuse): the sort's compute pipelines and, per target format, the splat draw (two
// colour attachments, blended) and the depth resolve (depth only).
#include <array>
#include <cstdint>
#include <map>
#include <tuple>

#include <vulkan/vulkan.h>

#include "shader_library.h"

namespace ps::engine {

class Device;

class SplatPipeline {
 public:
  // Bindings of the cloud set (splat_common.glsl, splat_sort.glsl).
  static constexpr std::uint32_t kBindings = 9;

  explicit SplatPipeline(const Device& device);
  SplatPipeline(const SplatPipeline&) = delete;
  SplatPipeline& operator=(const SplatPipeline&) = delete;
  ~SplatPipeline();

  VkDescriptorSetLayout cloudSetLayout() const { return cloudSetLayout_; }
  VkDescriptorSetLayout resolveSetLayout() const { return resolveSetLayout_; }
  VkPipelineLayout cloudLayout() const { return cloudLayout_; }
  VkPipelineLayout resolveLayout() const { return resolveLayout_; }
  VkSampler sampler() const { return sampler_; }
  // The accumulation attachment's format: two floats, blendable (R32G32 where the device blends
  // it, else R16G16, which every device does).
  VkFormat accumulationFormat() const { return accumulationFormat_; }

  enum class Compute { Cull, Histogram, Scan, Scatter };
  VkPipeline compute(VkPipelineCache cache, Compute which);
  VkPipeline draw(VkPipelineCache cache, VkFormat colorFormat, VkFormat depthFormat);
  VkPipeline resolve(VkPipelineCache cache, VkFormat depthFormat);

 private:
  void destroy() noexcept;
  VkPipeline build(VkPipelineCache cache, bool resolvePass, VkFormat colorFormat, VkFormat depthFormat);

  const Device& device_;
  ShaderModule cull_, histogram_, scan_, scatter_, vertex_, fragment_, resolveVertex_, resolveFragment_;
  VkDescriptorSetLayout cloudSetLayout_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout resolveSetLayout_ = VK_NULL_HANDLE;
  VkPipelineLayout cloudLayout_ = VK_NULL_HANDLE;
  VkPipelineLayout resolveLayout_ = VK_NULL_HANDLE;
  VkSampler sampler_ = VK_NULL_HANDLE;
  VkFormat accumulationFormat_ = VK_FORMAT_R16G16_SFLOAT;
  std::map<std::tuple<bool, VkFormat, VkFormat>, VkPipeline> graphics_;
  std::array<VkPipeline, 4> compute_{};
};

}  // namespace ps::engine
