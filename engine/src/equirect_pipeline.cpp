#include "equirect_pipeline.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/device.h"
#include "engine/srgb_format.h"
#include "engine/vk_check.h"
#include "pipeline_state.h"

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

EquirectPipeline::EquirectPipeline(const Device& device, VkPipelineCache cache)
    : device_(device), cache_(cache), vertex_(device, "equirect.vert"), fragment_(device, "equirect.frag") {
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

    const VkPushConstantRange range{kPushStages, 0, sizeof(PushConstants)};
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
  for (auto& [key, pipeline] : pipelines_) vkDestroyPipeline(d, pipeline, nullptr);
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

VkPipeline EquirectPipeline::pipelineFor(const DrawVariant& variant) {
  if (const auto found = pipelines_.find(variant); found != pipelines_.end()) return found->second;

  // Constants 0-3 of equirect.frag: kPacking (int), kWholeSphere, kTargetEncodes and
  // kHalfSphere (bools, 32 bits each).
  struct Specialization {
    std::int32_t packing;
    VkBool32 wholeSphere;
    VkBool32 targetEncodes;
    VkBool32 halfSphere;
  } values{static_cast<std::int32_t>(variant.packing), variant.wholeSphere ? VK_TRUE : VK_FALSE,
           isSrgbFormat(variant.targetFormat) ? VK_TRUE : VK_FALSE, variant.halfSphere ? VK_TRUE : VK_FALSE};
  const std::array<VkSpecializationMapEntry, 4> entries{{
      {0, offsetof(Specialization, packing), sizeof(std::int32_t)},
      {1, offsetof(Specialization, wholeSphere), sizeof(VkBool32)},
      {2, offsetof(Specialization, targetEncodes), sizeof(VkBool32)},
      {3, offsetof(Specialization, halfSphere), sizeof(VkBool32)},
  }};
  const VkSpecializationInfo specialization{static_cast<std::uint32_t>(entries.size()), entries.data(), sizeof(values),
                                            &values};
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT,
               vertex_.handle(), "main", nullptr};
  stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_FRAGMENT_BIT,
               fragment_.handle(), "main", &specialization};
  const PipelineState state(VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST);
  VkPipelineRenderingCreateInfo rendering{};
  rendering.sType = VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachmentFormats = &variant.targetFormat;
  rendering.depthAttachmentFormat = variant.depthFormat;
  // At infinity: nothing to test against and nothing to write (the pass cleared depth to far).
  VkPipelineDepthStencilStateCreateInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  depth.depthTestEnable = VK_FALSE;
  depth.depthWriteEnable = VK_FALSE;
  depth.depthCompareOp = VK_COMPARE_OP_ALWAYS;

  VkGraphicsPipelineCreateInfo info{};

  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.pNext = &rendering;
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  state.applyTo(info);
  if (variant.depthFormat != VK_FORMAT_UNDEFINED) info.pDepthStencilState = &depth;
  info.layout = layout_;
  VkPipeline pipeline = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateGraphicsPipelines(device_.device(), cache_, 1, &info, nullptr, &pipeline));
  device_.setName(pipeline, VK_OBJECT_TYPE_PIPELINE,
                  "equirect format " + std::to_string(variant.targetFormat) + " depth " +
                      std::to_string(variant.depthFormat) + " packing " +
                      std::to_string(static_cast<int>(variant.packing)) + (variant.wholeSphere ? " whole sphere" : "") +
                      (variant.halfSphere ? " 180" : ""));
  pipelines_.emplace(variant, pipeline);
  return pipeline;
}

}  // namespace ps::engine
