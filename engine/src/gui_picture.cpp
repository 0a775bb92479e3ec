#include "gui_picture.h"

#include <array>
#include <cstring>

#include "engine/device.h"
#include "engine/vk_check.h"
#include "engine/image_barrier.h"
#include "pipeline_state.h"
#include "shader_library.h"

namespace ps::engine {

ImGuiPicture::ImGuiPicture(const Device& device, std::uint32_t slots, VkFormat textureFormat, std::string name)
    : device_(device), textureFormat_(textureFormat), name_(std::move(name)), slots_(slots) {
  const VkDevice vk = device.device();
  VkSamplerCreateInfo sampler{};
  sampler.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  sampler.magFilter = VK_FILTER_LINEAR;
  sampler.minFilter = VK_FILTER_LINEAR;
  sampler.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  sampler.addressModeU = sampler.addressModeV = sampler.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  sampler.maxLod = 0;
  PS_VK_CHECK(vkCreateSampler(vk, &sampler, nullptr, &sampler_));
  device.setName(sampler_, VK_OBJECT_TYPE_SAMPLER, name_ + " sampler");

  VkDescriptorSetLayoutBinding binding{};
  binding.binding = 0;
  binding.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  binding.descriptorCount = 1;
  binding.stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  VkDescriptorSetLayoutCreateInfo setInfo{};
  setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  setInfo.bindingCount = 1;
  setInfo.pBindings = &binding;
  PS_VK_CHECK(vkCreateDescriptorSetLayout(vk, &setInfo, nullptr, &setLayout_));
  device.setName(setLayout_, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, name_ + " set layout");

  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, slots};
  VkDescriptorPoolCreateInfo poolInfo{};
  poolInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  poolInfo.maxSets = slots;
  poolInfo.poolSizeCount = 1;
  poolInfo.pPoolSizes = &size;
  PS_VK_CHECK(vkCreateDescriptorPool(vk, &poolInfo, nullptr, &pool_));
  device.setName(pool_, VK_OBJECT_TYPE_DESCRIPTOR_POOL, name_ + " descriptors");
  for (Slot& slot : slots_) {
    VkDescriptorSetAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    alloc.descriptorPool = pool_;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &setLayout_;
    PS_VK_CHECK(vkAllocateDescriptorSets(vk, &alloc, &slot.set));
  }

  VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(PictureCorners)};
  VkPipelineLayoutCreateInfo layoutInfo{};
  layoutInfo.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &setLayout_;
  layoutInfo.pushConstantRangeCount = 1;
  layoutInfo.pPushConstantRanges = &push;
  PS_VK_CHECK(vkCreatePipelineLayout(vk, &layoutInfo, nullptr, &layout_));
  device.setName(layout_, VK_OBJECT_TYPE_PIPELINE_LAYOUT, name_ + " pipeline layout");
}

ImGuiPicture::~ImGuiPicture() {
  const VkDevice vk = device_.device();
  if (pipeline_ != VK_NULL_HANDLE) vkDestroyPipeline(vk, pipeline_, nullptr);
  vkDestroyPipelineLayout(vk, layout_, nullptr);
  vkDestroyDescriptorPool(vk, pool_, nullptr);  // frees the sets
  vkDestroyDescriptorSetLayout(vk, setLayout_, nullptr);
  vkDestroySampler(vk, sampler_, nullptr);
}

void ImGuiPicture::set(const std::uint8_t* rgba, std::uint32_t width, std::uint32_t height) {
  pixels_.assign(rgba, rgba + std::size_t{width} * height * 4);
  width_ = width;
  height_ = height;
  ++version_;
}

void ImGuiPicture::recordUpload(VkCommandBuffer commands, std::uint32_t slotIndex) {
  Slot& slot = slots_[slotIndex];
  if (empty() || slot.version == version_) return;
  const VkExtent2D extent{width_, height_};
  if (slot.texture.handle() == VK_NULL_HANDLE || slot.texture.desc().extent.width != width_ ||
      slot.texture.desc().extent.height != height_) {
    const std::string n = name_ + " texture " + std::to_string(slotIndex);
    slot.texture = GpuImage(device_,
                            ImageDesc{textureFormat_, extent, 1,
                                      VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT},
                            n);
    slot.staging = GpuBuffer(device_, pixels_.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, n + " staging");
    VkDescriptorImageInfo image{sampler_, slot.texture.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet write{};
    write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    write.dstSet = slot.set;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = &image;
    vkUpdateDescriptorSets(device_.device(), 1, &write, 0, nullptr);
  }
  std::memcpy(slot.staging.mapped(), pixels_.data(), pixels_.size());
  recordTransition(commands, {slot.texture.handle(), 0, 1, VK_IMAGE_LAYOUT_UNDEFINED,
                              VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0,
                              VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT});
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {width_, height_, 1};
  vkCmdCopyBufferToImage(commands, slot.staging.handle(), slot.texture.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                         1, &region);
  recordTransition(commands, {slot.texture.handle(), 0, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                              VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                              VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                              VK_ACCESS_SHADER_READ_BIT});
  slot.version = version_;
}

void ImGuiPicture::ensurePipeline(VkRenderPass pass) {
  if (pipeline_ != VK_NULL_HANDLE) return;
  const ShaderModule vert(device_, "picture.vert");
  const ShaderModule frag(device_, "picture.frag");
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vert.handle();
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = frag.handle();
  stages[1].pName = "main";
  const PipelineState state(VK_PRIMITIVE_TOPOLOGY_TRIANGLE_STRIP);
  VkGraphicsPipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  state.applyTo(info);
  info.layout = layout_;
  info.renderPass = pass;
  PS_VK_CHECK(vkCreateGraphicsPipelines(device_.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline_));
  device_.setName(pipeline_, VK_OBJECT_TYPE_PIPELINE, name_ + " pipeline");
}

void ImGuiPicture::recordDraw(VkCommandBuffer commands, VkRenderPass pass, VkExtent2D target, std::uint32_t slotIndex,
                              const PictureCorners& clipCorners) {
  const Slot& slot = slots_[slotIndex];
  if (slot.texture.handle() == VK_NULL_HANDLE || target.width == 0 || target.height == 0) return;
  ensurePipeline(pass);
  vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_);
  vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &slot.set, 0, nullptr);
  const VkViewport viewport{0, 0, static_cast<float>(target.width), static_cast<float>(target.height), 0, 1};
  vkCmdSetViewport(commands, 0, 1, &viewport);
  const VkRect2D scissor{{0, 0}, target};
  vkCmdSetScissor(commands, 0, 1, &scissor);
  vkCmdPushConstants(commands, layout_, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(clipCorners), clipCorners.data());
  vkCmdDraw(commands, 4, 1, 0, 0);
}

}  // namespace ps::engine
