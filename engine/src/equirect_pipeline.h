#pragma once
// The equirect draw's fixed state: shaders, descriptor set layout (one eye's three planes),
// push constants, samplers, and the description of its graphics pipeline for each target
// format, depth format, plane packing and kind of draw, built and kept by the PipelineCache. The background is at infinity: its pipelines
// neither test nor write depth (the pass clears depth to 0, far, which is what it would write).
#include <compare>

#include <glm/vec4.hpp>
#include <vulkan/vulkan.h>

#include "plane_packing.h"
#include "scenes/layout.h"
#include "shader_library.h"

namespace ps::engine {

class Device;
class PipelineCache;

// Mirrors `Params` in engine/shaders/equirect.frag.
struct PushConstants {
  glm::vec4 viewToStage[3];
  glm::vec4 tanFov;
  glm::vec4 yuvToRgb[3];
  glm::vec4 unused;
};
static_assert(sizeof(PushConstants) == 128, "the push constant block must fit the guaranteed 128 bytes");
// The vertex shader makes the view ray, the fragment shader the rest.
constexpr VkShaderStageFlags kPushStages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

// What a pipeline is specialised for (the shader's specialisation constants and the target).
struct DrawVariant {
  VkFormat targetFormat = VK_FORMAT_UNDEFINED;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;  // of the pass; UNDEFINED: a pass without depth
  PlanePacking packing = PlanePacking::Planes;
  bool wholeSphere = false;  // drawEquirect's draw, not a view
  bool halfSphere = false;   // a 180-degree source
  auto operator<=>(const DrawVariant&) const = default;
};

class EquirectPipeline {
 public:
  static constexpr std::uint32_t kPlaneBindings = 3;

  // `pipelines` must outlive this object.
  EquirectPipeline(const Device& device, PipelineCache& pipelines);
  EquirectPipeline(const EquirectPipeline&) = delete;
  EquirectPipeline& operator=(const EquirectPipeline&) = delete;
  ~EquirectPipeline();

  VkDescriptorSetLayout setLayout() const { return setLayout_; }
  VkPipelineLayout layout() const { return layout_; }
  // 360 wraps in u; 180 clamps (outside its hemisphere the shader draws black).
  VkSampler sampler(Projection projection) const;
  // Built on first use for each variant.
  VkPipeline pipelineFor(const DrawVariant& variant) const;

 private:
  void destroy() noexcept;

  const Device& device_;
  PipelineCache& pipelines_;
  ShaderModule vertex_;
  ShaderModule fragment_;
  VkDescriptorSetLayout setLayout_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkSampler wrapSampler_ = VK_NULL_HANDLE;
  VkSampler clampSampler_ = VK_NULL_HANDLE;
};

}  // namespace ps::engine
