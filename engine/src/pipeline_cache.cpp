#include "engine/pipeline_cache.h"

#include <array>
#include <cstring>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::engine {

namespace {

template <typename T>
void append(std::string& key, const T& value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof(value));
}

// Every field that changes the pipeline, as bytes: the map's key.
std::string keyOf(const GraphicsPipelineDesc& d) {
  std::string key = "g";
  append(key, d.layout);
  append(key, d.vertex);
  append(key, d.fragment);
  append(key, d.bindings.size());
  for (const auto& b : d.bindings) {
    append(key, b.binding);
    append(key, b.stride);
    append(key, b.inputRate);
  }
  append(key, d.attributes.size());
  for (const auto& a : d.attributes) {
    append(key, a.location);
    append(key, a.binding);
    append(key, a.format);
    append(key, a.offset);
  }
  append(key, d.topology);
  append(key, d.cullMode);
  append(key, d.frontFace);
  append(key, d.depthTest);
  append(key, d.depthWrite);
  append(key, d.depthCompare);
  append(key, d.blend);
  append(key, d.colorFormat);
  append(key, d.depthFormat);
  append(key, d.fragmentConstants.size());
  for (const auto& c : d.fragmentConstants) {
    append(key, c.constantID);
    append(key, c.offset);
    append(key, c.size);
  }
  key.append(reinterpret_cast<const char*>(d.constantData.data()), d.constantData.size());
  return key;
}

VkPipelineColorBlendAttachmentState blendState(BlendMode mode) {
  VkPipelineColorBlendAttachmentState s{};
  s.colorWriteMask =
      VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (mode == BlendMode::None) return s;
  s.blendEnable = VK_TRUE;
  s.srcColorBlendFactor = mode == BlendMode::Alpha ? VK_BLEND_FACTOR_SRC_ALPHA : VK_BLEND_FACTOR_ONE;
  s.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  s.colorBlendOp = VK_BLEND_OP_ADD;
  s.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
  s.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  s.alphaBlendOp = VK_BLEND_OP_ADD;
  return s;
}

}  // namespace

PipelineCache::PipelineCache(const Device& device) : device_(device) {
  VkPipelineCacheCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
  PS_VK_CHECK(vkCreatePipelineCache(device_.device(), &info, nullptr, &cache_));
  device_.setName(cache_, VK_OBJECT_TYPE_PIPELINE_CACHE, "pipeline cache");
}

PipelineCache::~PipelineCache() {
  for (auto& [key, pipeline] : pipelines_) vkDestroyPipeline(device_.device(), pipeline, nullptr);
  if (cache_ != VK_NULL_HANDLE) vkDestroyPipelineCache(device_.device(), cache_, nullptr);
}

VkPipeline PipelineCache::graphics(const GraphicsPipelineDesc& d) {
  std::string key = keyOf(d);
  if (auto it = pipelines_.find(key); it != pipelines_.end()) return it->second;

  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = d.vertex;
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = d.fragment;
  stages[1].pName = "main";
  const VkSpecializationInfo specialization{static_cast<std::uint32_t>(d.fragmentConstants.size()),
                                            d.fragmentConstants.data(), d.constantData.size(),
                                            d.constantData.data()};
  if (!d.fragmentConstants.empty()) stages[1].pSpecializationInfo = &specialization;

  VkPipelineVertexInputStateCreateInfo vertexInput{};
  vertexInput.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  vertexInput.vertexBindingDescriptionCount = static_cast<std::uint32_t>(d.bindings.size());
  vertexInput.pVertexBindingDescriptions = d.bindings.data();
  vertexInput.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(d.attributes.size());
  vertexInput.pVertexAttributeDescriptions = d.attributes.data();

  VkPipelineInputAssemblyStateCreateInfo assembly{};
  assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  assembly.topology = d.topology;

  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  VkPipelineRasterizationStateCreateInfo raster{};
  raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = d.cullMode;
  raster.frontFace = d.frontFace;
  raster.lineWidth = 1.0f;

  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;

  VkPipelineDepthStencilStateCreateInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  const bool hasDepth = d.depthFormat != VK_FORMAT_UNDEFINED;
  depth.depthTestEnable = hasDepth && d.depthTest ? VK_TRUE : VK_FALSE;
  depth.depthWriteEnable = hasDepth && d.depthWrite ? VK_TRUE : VK_FALSE;
  depth.depthCompareOp = d.depthCompare;

  const VkPipelineColorBlendAttachmentState attachment = blendState(d.blend);
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
  rendering.pColorAttachmentFormats = &d.colorFormat;
  rendering.depthAttachmentFormat = d.depthFormat;

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
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = d.layout;

  VkPipeline pipeline = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateGraphicsPipelines(device_.device(), cache_, 1, &info, nullptr, &pipeline));
  device_.setName(pipeline, VK_OBJECT_TYPE_PIPELINE, d.name);
  pipelines_.emplace(std::move(key), pipeline);
  return pipeline;
}

VkPipeline PipelineCache::compute(std::string_view name, VkPipelineLayout layout, VkShaderModule shader) {
  std::string key = "c";
  append(key, layout);
  append(key, shader);
  if (auto it = pipelines_.find(key); it != pipelines_.end()) return it->second;
  VkComputePipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
  info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = shader;
  info.stage.pName = "main";
  info.layout = layout;
  VkPipeline pipeline = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateComputePipelines(device_.device(), cache_, 1, &info, nullptr, &pipeline));
  device_.setName(pipeline, VK_OBJECT_TYPE_PIPELINE, name);
  pipelines_.emplace(std::move(key), pipeline);
  return pipeline;
}

}  // namespace ps::engine
