#pragma once
// The equirect draw's fixed state: shaders, descriptor set layout (one eye's three planes),
// push constants, samplers, and one graphics pipeline per target format, plane packing and
// kind of draw (dynamic rendering).
#include <map>
#include <tuple>

#include <glm/vec4.hpp>
#include <vulkan/vulkan.h>

#include "plane_packing.h"
#include "scenes/layout.h"
#include "shader_library.h"

namespace ps::engine {

class Device;

// Mirrors `Params` in engine/shaders/equirect.frag.
struct PushConstants {
  glm::vec4 viewToStage[3];
  glm::vec4 tanFov;
  glm::vec4 yuvToRgb[3];
  glm::vec4 source;
};
static_assert(sizeof(PushConstants) == 128, "the push constant block must fit the guaranteed 128 bytes");

class EquirectPipeline {
 public:
  static constexpr std::uint32_t kPlaneBindings = 3;

  explicit EquirectPipeline(const Device& device);
  EquirectPipeline(const EquirectPipeline&) = delete;
  EquirectPipeline& operator=(const EquirectPipeline&) = delete;
  ~EquirectPipeline();

  VkDescriptorSetLayout setLayout() const { return setLayout_; }
  VkPipelineLayout layout() const { return layout_; }
  // 360 wraps in u; 180 clamps (outside its hemisphere the shader draws black).
  VkSampler sampler(Projection projection) const;
  // Created on first use for each combination. wholeSphere: drawEquirect's draw, not a view.
  VkPipeline pipelineFor(VkFormat targetFormat, PlanePacking packing, bool wholeSphere);

 private:
  void destroy() noexcept;

  const Device& device_;
  ShaderModule vertex_;
  ShaderModule fragment_;
  VkDescriptorSetLayout setLayout_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkSampler wrapSampler_ = VK_NULL_HANDLE;
  VkSampler clampSampler_ = VK_NULL_HANDLE;
  std::map<std::tuple<VkFormat, PlanePacking, bool>, VkPipeline> pipelines_;
};

}  // namespace ps::engine
