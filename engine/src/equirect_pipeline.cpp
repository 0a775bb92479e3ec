#include "equirect_pipeline.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/device.h"
#include "engine/pipeline_cache.h"
#include "engine/srgb_format.h"
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

EquirectPipeline::EquirectPipeline(const Device& device, PipelineCache& pipelines)
    : device_(device), pipelines_(pipelines), vertex_(device, "equirect.vert"), fragment_(device, "equirect.frag") {
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

VkPipeline EquirectPipeline::pipelineFor(const DrawVariant& variant) const {
  // Constants 0-3 of equirect.frag: kPacking (int), kWholeSphere, kTargetEncodes and
  // kHalfSphere (bools, 32 bits each).
  struct Specialization {
    std::int32_t packing;
    VkBool32 wholeSphere;
    VkBool32 targetEncodes;
    VkBool32 halfSphere;
  } values{static_cast<std::int32_t>(variant.packing), variant.wholeSphere ? VK_TRUE : VK_FALSE,
           isSrgbFormat(variant.targetFormat) ? VK_TRUE : VK_FALSE, variant.halfSphere ? VK_TRUE : VK_FALSE};
  GraphicsPipelineDesc desc;
  desc.name = "equirect format " + std::to_string(variant.targetFormat) + " depth " +
              std::to_string(variant.depthFormat) + " packing " + std::to_string(static_cast<int>(variant.packing)) +
              (variant.wholeSphere ? " whole sphere" : "") + (variant.halfSphere ? " 180" : "");
  desc.layout = layout_;
  desc.vertex = vertex_.handle();
  desc.fragment = fragment_.handle();
  // At infinity: nothing to test against and nothing to write (the pass cleared depth to far).
  desc.depthTest = false;
  desc.depthWrite = false;
  desc.colorFormat = variant.targetFormat;
  desc.depthFormat = variant.depthFormat;
  desc.fragmentConstants = {
      {0, offsetof(Specialization, packing), sizeof(std::int32_t)},
      {1, offsetof(Specialization, wholeSphere), sizeof(VkBool32)},
      {2, offsetof(Specialization, targetEncodes), sizeof(VkBool32)},
      {3, offsetof(Specialization, halfSphere), sizeof(VkBool32)},
  };
  const auto* bytes = reinterpret_cast<const std::byte*>(&values);
  desc.constantData.assign(bytes, bytes + sizeof(values));
  return pipelines_.graphics(desc);
}

}  // namespace ps::engine
