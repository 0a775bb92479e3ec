#include "splat_pipeline.h"

#include <array>

#include "engine/device.h"
#include "engine/vk_check.h"
#include "splat_shader_data.h"

namespace ps::engine {

namespace {

VkFormat pickAccumulationFormat(const Device& device) {
  VkFormatProperties properties{};
  vkGetPhysicalDeviceFormatProperties(device.physicalDevice(), VK_FORMAT_R32G32_SFLOAT, &properties);
  constexpr VkFormatFeatureFlags kNeeded = VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BLEND_BIT |
                                           VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT;
  return (properties.optimalTilingFeatures & kNeeded) == kNeeded ? VK_FORMAT_R32G32_SFLOAT : VK_FORMAT_R16G16_SFLOAT;
}

}  // namespace

SplatPipeline::SplatPipeline(const Device& device)
    : device_(device),
      cull_(device, "splat_cull.comp"),
      histogram_(device, "splat_histogram.comp"),
      scan_(device, "splat_scan.comp"),
      scatter_(device, "splat_scatter.comp"),
      vertex_(device, "splat.vert"),
      fragment_(device, "splat.frag"),
      resolveVertex_(device, "splat_resolve.vert"),
      resolveFragment_(device, "splat_resolve.frag"),
      accumulationFormat_(pickAccumulationFormat(device)) {
  const VkDevice d = device.device();
  try {
    std::array<VkDescriptorSetLayoutBinding, kBindings> bindings{};
    for (std::uint32_t i = 0; i < kBindings; ++i) {
      bindings[i].binding = i;
      bindings[i].descriptorType = i == 0 ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      bindings[i].descriptorCount = 1;
      bindings[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT | VK_SHADER_STAGE_VERTEX_BIT;
    }
    VkDescriptorSetLayoutCreateInfo setInfo{};
    setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    setInfo.bindingCount = kBindings;
    setInfo.pBindings = bindings.data();
    PS_VK_CHECK(vkCreateDescriptorSetLayout(d, &setInfo, nullptr, &cloudSetLayout_));
    device.setName(cloudSetLayout_, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "splat cloud");

    VkDescriptorSetLayoutBinding accumulated{};
    accumulated.binding = 0;
    accumulated.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    accumulated.descriptorCount = 1;
    accumulated.stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
    setInfo.bindingCount = 1;
    setInfo.pBindings = &accumulated;
    PS_VK_CHECK(vkCreateDescriptorSetLayout(d, &setInfo, nullptr, &resolveSetLayout_));
    device.setName(resolveSetLayout_, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "splat resolve");

    const VkPushConstantRange cloudRange{VK_SHADER_STAGE_COMPUTE_BIT | VK_SHADER_STAGE_VERTEX_BIT, 0,
                                         sizeof(SplatSortPush)};
    static_assert(sizeof(SplatSortPush) == sizeof(SplatDrawPush), "one push range for the sort and the draw");
    VkPipelineLayoutCreateInfo layoutInfo{};
    layoutInfo.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &cloudSetLayout_;
    layoutInfo.pushConstantRangeCount = 1;
    layoutInfo.pPushConstantRanges = &cloudRange;
    PS_VK_CHECK(vkCreatePipelineLayout(d, &layoutInfo, nullptr, &cloudLayout_));
    device.setName(cloudLayout_, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "splat cloud");

    const VkPushConstantRange resolveRange{VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(SplatResolvePush)};
    layoutInfo.pSetLayouts = &resolveSetLayout_;
    layoutInfo.pPushConstantRanges = &resolveRange;
    PS_VK_CHECK(vkCreatePipelineLayout(d, &layoutInfo, nullptr, &resolveLayout_));
    device.setName(resolveLayout_, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "splat resolve");

    VkSamplerCreateInfo samplerInfo{};
    samplerInfo.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
    samplerInfo.magFilter = VK_FILTER_NEAREST;
    samplerInfo.minFilter = VK_FILTER_NEAREST;
    samplerInfo.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
    samplerInfo.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    samplerInfo.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    samplerInfo.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    PS_VK_CHECK(vkCreateSampler(d, &samplerInfo, nullptr, &sampler_));
    device.setName(sampler_, VK_OBJECT_TYPE_SAMPLER, "splat accumulation");
  } catch (...) {
    destroy();
    throw;
  }
}

SplatPipeline::~SplatPipeline() { destroy(); }

void SplatPipeline::destroy() noexcept {
  const VkDevice d = device_.device();
  for (auto& [key, pipeline] : graphics_) vkDestroyPipeline(d, pipeline, nullptr);
  graphics_.clear();
  for (VkPipeline& pipeline : compute_) {
    vkDestroyPipeline(d, pipeline, nullptr);
    pipeline = VK_NULL_HANDLE;
  }
  vkDestroySampler(d, sampler_, nullptr);
  vkDestroyPipelineLayout(d, resolveLayout_, nullptr);
  vkDestroyPipelineLayout(d, cloudLayout_, nullptr);
  vkDestroyDescriptorSetLayout(d, resolveSetLayout_, nullptr);
  vkDestroyDescriptorSetLayout(d, cloudSetLayout_, nullptr);
  sampler_ = VK_NULL_HANDLE;
  resolveLayout_ = cloudLayout_ = VK_NULL_HANDLE;
  resolveSetLayout_ = cloudSetLayout_ = VK_NULL_HANDLE;
}

VkPipeline SplatPipeline::compute(VkPipelineCache cache, Compute which) {
  const auto i = static_cast<std::size_t>(which);
  if (compute_[i] != VK_NULL_HANDLE) return compute_[i];
  static constexpr std::array<const char*, 4> kNames{"splat cull", "splat sort histogram", "splat sort scan",
                                                     "splat sort scatter"};
  const std::array<const ShaderModule*, 4> shaders{&cull_, &histogram_, &scan_, &scatter_};
  VkComputePipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
  info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = shaders[i]->handle();
  info.stage.pName = "main";
  info.layout = cloudLayout_;
  PS_VK_CHECK(vkCreateComputePipelines(device_.device(), cache, 1, &info, nullptr, &compute_[i]));
  device_.setName(compute_[i], VK_OBJECT_TYPE_PIPELINE, kNames[i]);
  return compute_[i];
}

VkPipeline SplatPipeline::draw(VkPipelineCache cache, VkFormat colorFormat, VkFormat depthFormat) {
  const auto key = std::make_tuple(false, colorFormat, depthFormat);
  auto it = graphics_.find(key);
  if (it == graphics_.end()) it = graphics_.emplace(key, build(cache, false, colorFormat, depthFormat)).first;
  return it->second;
}

VkPipeline SplatPipeline::resolve(VkPipelineCache cache, VkFormat depthFormat) {
  const auto key = std::make_tuple(true, VK_FORMAT_UNDEFINED, depthFormat);
  auto it = graphics_.find(key);
  if (it == graphics_.end()) it = graphics_.emplace(key, build(cache, true, VK_FORMAT_UNDEFINED, depthFormat)).first;
  return it->second;
}

VkPipeline SplatPipeline::build(VkPipelineCache cache, bool resolvePass, VkFormat colorFormat, VkFormat depthFormat) {
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  for (auto& stage : stages) {
    stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    stage.pName = "main";
  }
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = resolvePass ? resolveVertex_.handle() : vertex_.handle();
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = resolvePass ? resolveFragment_.handle() : fragment_.handle();

  VkPipelineVertexInputStateCreateInfo vertexInput{};
  vertexInput.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  VkPipelineInputAssemblyStateCreateInfo assembly{};
  assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  assembly.topology = resolvePass ? VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST : VK_PRIMITIVE_TOPOLOGY_TRIANGLE_STRIP;
  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{};
  raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  VkPipelineDepthStencilStateCreateInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  depth.depthTestEnable = VK_TRUE;
  depth.depthWriteEnable = resolvePass ? VK_TRUE : VK_FALSE;  // splats test; only the resolve writes
  depth.depthCompareOp = VK_COMPARE_OP_GREATER_OR_EQUAL;      // reverse-Z

  // Premultiplied over, for the colour and for the accumulated depth and alpha alike.
  VkPipelineColorBlendAttachmentState over{};
  over.blendEnable = VK_TRUE;
  over.srcColorBlendFactor = VK_BLEND_FACTOR_ONE;
  over.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  over.colorBlendOp = VK_BLEND_OP_ADD;
  over.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
  over.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  over.alphaBlendOp = VK_BLEND_OP_ADD;
  // One state for both attachments (without the independentBlend feature they must match).
  over.colorWriteMask =
      VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  const std::array<VkPipelineColorBlendAttachmentState, 2> attachments{over, over};
  VkPipelineColorBlendStateCreateInfo blend{};
  blend.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  blend.attachmentCount = resolvePass ? 0 : 2;
  blend.pAttachments = attachments.data();

  const std::array<VkDynamicState, 2> dynamicStates{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{};
  dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic.dynamicStateCount = static_cast<std::uint32_t>(dynamicStates.size());
  dynamic.pDynamicStates = dynamicStates.data();

  const std::array<VkFormat, 2> colorFormats{colorFormat, accumulationFormat_};
  VkPipelineRenderingCreateInfo rendering{};
  rendering.sType = VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO;
  rendering.colorAttachmentCount = resolvePass ? 0 : 2;
  rendering.pColorAttachmentFormats = colorFormats.data();
  rendering.depthAttachmentFormat = depthFormat;

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
  info.layout = resolvePass ? resolveLayout_ : cloudLayout_;
  VkPipeline pipeline = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateGraphicsPipelines(device_.device(), cache, 1, &info, nullptr, &pipeline));
  device_.setName(pipeline, VK_OBJECT_TYPE_PIPELINE, resolvePass ? "splat depth resolve" : "splat draw");
  return pipeline;
}

}  // namespace ps::engine
