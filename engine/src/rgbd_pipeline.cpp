#include "rgbd_pipeline.h"

#include <array>
#include <cstddef>
#include <string>

#include "engine/device.h"
#include "engine/pipeline_cache.h"
#include "engine/srgb_format.h"
#include "engine/vk_check.h"

namespace ps::engine {

namespace {

VkSampler createSampler(const Device& device, VkFilter filter, VkSamplerAddressMode addressU, const char* name) {
  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  info.magFilter = filter;
  info.minFilter = filter;
  info.mipmapMode = filter == VK_FILTER_LINEAR ? VK_SAMPLER_MIPMAP_MODE_LINEAR : VK_SAMPLER_MIPMAP_MODE_NEAREST;
  info.addressModeU = addressU;
  info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.maxLod = VK_LOD_CLAMP_NONE;
  VkSampler sampler = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateSampler(device.device(), &info, nullptr, &sampler));
  device.setName(sampler, VK_OBJECT_TYPE_SAMPLER, name);
  return sampler;
}

constexpr VkShaderStageFlags kPushStages = VK_SHADER_STAGE_VERTEX_BIT;

}  // namespace

RgbdPipeline::RgbdPipeline(const Device& device, PipelineCache& pipelines)
    : device_(device), pipelines_(pipelines), vertex_(device, "rgbd.vert"), fragment_(device, "rgbd.frag") {
  try {
    std::array<VkDescriptorSetLayoutBinding, kColourBindings + kDepthBindings + 1> bindings{};
    for (std::uint32_t i = 0; i < kColourBindings + kDepthBindings; ++i) {
      bindings[i].binding = i;
      bindings[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      bindings[i].descriptorCount = 1;
      // One stage set for all six, so one descriptor write covers them (colour is read by the
      // fragment stage, depth by the vertex stage).
      bindings[i].stageFlags = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    }
    bindings.back().binding = kPictureBinding;
    // A storage buffer: lavapipe would compile a shader copy per bind of a uniform buffer whose
    // values the shaders branch on (rgbd_depth.glsl).
    bindings.back().descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    bindings.back().descriptorCount = 1;
    bindings.back().stageFlags = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    VkDescriptorSetLayoutCreateInfo setInfo{};
    setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    setInfo.bindingCount = static_cast<std::uint32_t>(bindings.size());
    setInfo.pBindings = bindings.data();
    PS_VK_CHECK(vkCreateDescriptorSetLayout(device.device(), &setInfo, nullptr, &setLayout_));
    device.setName(setLayout_, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "rgbd picture");

    const VkPushConstantRange range{kPushStages, 0, sizeof(RgbdPushConstants)};
    VkPipelineLayoutCreateInfo layoutInfo{};
    layoutInfo.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &setLayout_;
    layoutInfo.pushConstantRangeCount = 1;
    layoutInfo.pPushConstantRanges = &range;
    PS_VK_CHECK(vkCreatePipelineLayout(device.device(), &layoutInfo, nullptr, &layout_));
    device.setName(layout_, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "rgbd");

    wrapSampler_ = createSampler(device, VK_FILTER_LINEAR, VK_SAMPLER_ADDRESS_MODE_REPEAT, "rgbd colour 360");
    clampSampler_ = createSampler(device, VK_FILTER_LINEAR, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE, "rgbd colour 180");
    nearestSampler_ = createSampler(device, VK_FILTER_NEAREST, VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE, "rgbd depth");
  } catch (...) {
    destroy();
    throw;
  }
}

RgbdPipeline::~RgbdPipeline() { destroy(); }

void RgbdPipeline::destroy() noexcept {
  const VkDevice d = device_.device();
  vkDestroySampler(d, nearestSampler_, nullptr);
  vkDestroySampler(d, clampSampler_, nullptr);
  vkDestroySampler(d, wrapSampler_, nullptr);
  vkDestroyPipelineLayout(d, layout_, nullptr);
  vkDestroyDescriptorSetLayout(d, setLayout_, nullptr);
  nearestSampler_ = clampSampler_ = wrapSampler_ = VK_NULL_HANDLE;
  layout_ = VK_NULL_HANDLE;
  setLayout_ = VK_NULL_HANDLE;
}

VkSampler RgbdPipeline::colourSampler(Projection projection) const {
  return projection == Projection::Equirect360 ? wrapSampler_ : clampSampler_;
}

VkPipeline RgbdPipeline::pipelineFor(const RgbdDrawVariant& variant) const {
  // rgbd.frag's constants 0 (kPacking), 2 (kTargetEncodes) and 3 (kCheckTexels).
  struct Specialization {
    std::int32_t packing;
    VkBool32 targetEncodes;
    VkBool32 checkTexels;
  } values{static_cast<std::int32_t>(variant.packing), isSrgbFormat(variant.targetFormat) ? VK_TRUE : VK_FALSE,
           variant.checkTexels ? VK_TRUE : VK_FALSE};
  GraphicsPipelineDesc desc;
  desc.name = "rgbd format " + std::to_string(variant.targetFormat) + " depth " + std::to_string(variant.depthFormat) +
              " packing " + std::to_string(static_cast<int>(variant.packing)) + (variant.checkTexels ? "" : " far");
  desc.layout = layout_;
  desc.vertex = vertex_.handle();
  desc.fragment = fragment_.handle();
  // One RgbdPatchInstance per instance (rgbd.vert's patchInfo).
  desc.bindings = {{0, kInstanceStride, VK_VERTEX_INPUT_RATE_INSTANCE}};
  desc.attributes = {{0, 0, VK_FORMAT_R32G32B32A32_SINT, 0}};
  desc.depthTest = variant.depthFormat != VK_FORMAT_UNDEFINED;
  desc.depthWrite = variant.depthFormat != VK_FORMAT_UNDEFINED;
  desc.colorFormat = variant.targetFormat;
  desc.depthFormat = variant.depthFormat;
  desc.fragmentConstants = {
      {0, offsetof(Specialization, packing), sizeof(std::int32_t)},
      {2, offsetof(Specialization, targetEncodes), sizeof(VkBool32)},
      {3, offsetof(Specialization, checkTexels), sizeof(VkBool32)},
  };
  const auto* bytes = reinterpret_cast<const std::byte*>(&values);
  desc.constantData.assign(bytes, bytes + sizeof(values));
  return pipelines_.graphics(desc);
}

}  // namespace ps::engine
