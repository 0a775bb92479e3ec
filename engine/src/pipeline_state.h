#pragma once
// The fixed-function state the engine's pipelines share: no vertex input (the vertex shader
// makes its corners), one sample, no culling, one colour attachment written whole without
// blending, viewport and scissor dynamic. Not copyable: the create info points into it.
#include <array>

#include <vulkan/vulkan.h>

namespace ps::engine {

class PipelineState {
 public:
  explicit PipelineState(VkPrimitiveTopology topology);
  PipelineState(const PipelineState&) = delete;
  PipelineState& operator=(const PipelineState&) = delete;

  // Points info's fixed-function state here; stages, layout and the render pass (or the
  // dynamic rendering pNext) are the caller's. This object must outlive the create call.
  void applyTo(VkGraphicsPipelineCreateInfo& info) const;

 private:
  VkPipelineVertexInputStateCreateInfo vertexInput_{};
  VkPipelineInputAssemblyStateCreateInfo assembly_{};
  VkPipelineViewportStateCreateInfo viewport_{};
  VkPipelineRasterizationStateCreateInfo raster_{};
  VkPipelineMultisampleStateCreateInfo multisample_{};
  VkPipelineColorBlendAttachmentState attachment_{};
  VkPipelineColorBlendStateCreateInfo blend_{};
  std::array<VkDynamicState, 2> dynamicStates_{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic_{};
};

}  // namespace ps::engine
