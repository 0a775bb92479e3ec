#include "pipeline_state.h"

#include <cstdint>

namespace ps::engine {

PipelineState::PipelineState(VkPrimitiveTopology topology) {
  vertexInput_.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  assembly_.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  assembly_.topology = topology;
  viewport_.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport_.viewportCount = 1;
  viewport_.scissorCount = 1;
  raster_.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster_.polygonMode = VK_POLYGON_MODE_FILL;
  raster_.cullMode = VK_CULL_MODE_NONE;
  raster_.lineWidth = 1.0f;
  multisample_.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample_.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  attachment_.colorWriteMask =
      VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  blend_.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  blend_.attachmentCount = 1;
  blend_.pAttachments = &attachment_;
  dynamic_.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic_.dynamicStateCount = static_cast<std::uint32_t>(dynamicStates_.size());
  dynamic_.pDynamicStates = dynamicStates_.data();
}

void PipelineState::applyTo(VkGraphicsPipelineCreateInfo& info) const {
  info.pVertexInputState = &vertexInput_;
  info.pInputAssemblyState = &assembly_;
  info.pViewportState = &viewport_;
  info.pRasterizationState = &raster_;
  info.pMultisampleState = &multisample_;
  info.pColorBlendState = &blend_;
  info.pDynamicState = &dynamic_;
}

}  // namespace ps::engine
