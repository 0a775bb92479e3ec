#include "equirect_pipeline.h"

#include <array>
#include <string>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::engine {

namespace {

VkSampler createSampler(const Device& device, VkSamplerAddressMode addressU, const char* name) {
  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  info.magFilter = VK_FILTER_LINEAR;
  info.minFilter = VK_FILTER_LINEAR;
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
  info.addressModeU = addressU;
  info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;  // latitude does not wrap
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.maxLod = VK_LOD_CLAMP_NONE;
  VkSampler sampler = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateSampler(device.device(), &info, nullptr, &sampler));
  device.setName(sampler, VK_OBJECT_TYPE_SAMPLER, name);
  return sampler;
}

}  // namespace

EquirectPipeline::EquirectPipeline(const Device& device)
    : device_(device), vertex_(device, "fullscreen.vert"), fragment_(device, "equirect.frag") {
  try {
    std::array<VkDescriptorSetLayoutBinding, kPlaneBindings> bindings{};
    for (std::uint32_t i = 0; i < kPlaneBindings; ++i) {
      bindings[i].binding = i;
      bindings[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      bindings[i].descriptorCount = 1;
      bindings[i].stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
    }
    VkDescriptorSetLayoutCreateInfo setInfo{};
    setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    setInfo.bindingCount = kPlaneBindings;
    setInfo.pBindings = bindings.data();
    PS_VK_CHECK(vkCreateDescriptorSetLayout(device.device(), &setInfo, nullptr, &setLayout_));
    device.setName(setLayout_, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "equirect planes");

    const VkPushConstantRange range{VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(PushConstants)};
    VkPipelineLayoutCreateInfo layoutInfo{};
    layoutInfo.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &setLayout_;
    layoutInfo.pushConstantRangeCount = 1;
    layoutInfo.pPushConstantRanges = &range;
    PS_VK_CHECK(vkCreatePipelineLayout(device.device(), &layoutInfo, nullptr, &layout_));
    device.setName(layout_, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "equirect");

    wrapSampler_ = createSampler(device, VK_SAMPLER_ADDRESS_MODE_REPEAT, "equirect 360");
    clampSampler_ = createSampler(device, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE, "equirect 180");
  } catch (...) {
    destroy();
    throw;
  }
}

EquirectPipeline::~EquirectPipeline() { destroy(); }

void EquirectPipeline::destroy() noexcept {
  const VkDevice d = device_.device();
  for (auto& [format, pipeline] : pipelines_) vkDestroyPipeline(d, pipeline, nullptr);
  pipelines_.clear();
  vkDestroySampler(d, clampSampler_, nullptr);
  vkDestroySampler(d, wrapSampler_, nullptr);
  vkDestroyPipelineLayout(d, layout_, nullptr);
  vkDestroyDescriptorSetLayout(d, setLayout_, nullptr);
  clampSampler_ = wrapSampler_ = VK_NULL_HANDLE;
  layout_ = VK_NULL_HANDLE;
  setLayout_ = VK_NULL_HANDLE;
}

VkSampler EquirectPipeline::sampler(Projection projection) const {
  return projection == Projection::Equirect360 ? wrapSampler_ : clampSampler_;
}

VkPipeline EquirectPipeline::pipelineFor(VkFormat targetFormat) {
  if (const auto found = pipelines_.find(targetFormat); found != pipelines_.end()) return found->second;

  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT,
               vertex_.handle(), "main", nullptr};
  stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_FRAGMENT_BIT,
               fragment_.handle(), "main", nullptr};
  VkPipelineVertexInputStateCreateInfo vertexInput{};
  vertexInput.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  VkPipelineInputAssemblyStateCreateInfo assembly{};
  assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{};
  raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  VkPipelineColorBlendAttachmentState attachment{};
  attachment.colorWriteMask =
      VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  VkPipelineColorBlendStateCreateInfo blend{};
  blend.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  blend.attachmentCount = 1;
  blend.pAttachments = &attachment;
  const std::array<VkDynamicState, 2> dynamicStates{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{};
  dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic.dynamicStateCount = static_cast<std::uint32_t>(dynamicStates.size());
  dynamic.pDynamicStates = dynamicStates.data();
  VkPipelineRenderingCreateInfo rendering{};
  rendering.sType = VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachmentFormats = &targetFormat;

  VkGraphicsPipelineCreateInfo info{};

  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.pNext = &rendering;
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = layout_;
  VkPipeline pipeline = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateGraphicsPipelines(device_.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
  device_.setName(pipeline, VK_OBJECT_TYPE_PIPELINE, "equirect format " + std::to_string(targetFormat));
  pipelines_.emplace(targetFormat, pipeline);
  return pipeline;
}

}  // namespace ps::engine
