#include "mesh_frame_data.h"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "engine/device.h"
#include "mesh_pipeline.h"

namespace ps::engine {

namespace {

constexpr VkPipelineStageFlags kShaderStages = VK_PIPELINE_STAGE_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;

// vkCmdUpdateBuffer takes at most 65536 bytes a call.
void update(VkCommandBuffer commands, VkBuffer buffer, VkDeviceSize offset, const void* data, VkDeviceSize size) {
  constexpr VkDeviceSize kChunk = 65536;
  const auto* bytes = static_cast<const std::byte*>(data);
  for (VkDeviceSize at = 0; at < size; at += kChunk)
    vkCmdUpdateBuffer(commands, buffer, offset + at, std::min(kChunk, size - at), bytes + at);
}

}  // namespace

MeshFrameData::Block MeshFrameData::makeBlock(const Sizes& sizes) const {
  Block b;
  b.eyeCapacity = std::bit_ceil(std::max<std::size_t>(sizes.eyes, 2));
  b.instanceCapacity = std::bit_ceil(std::max<std::size_t>(sizes.instances, 16));
  b.jointCapacity = std::bit_ceil(std::max<std::size_t>(sizes.joints, 4));
  b.weightCapacity = std::bit_ceil(std::max<std::size_t>(sizes.weights, 16));
  constexpr VkBufferUsageFlags kUsage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  b.frame = GpuBuffer(device_, sizeof(MeshFrameHeader) + b.eyeCapacity * sizeof(MeshEyeData), kUsage, false,
                      "mesh frame");
  b.instances = GpuBuffer(device_, b.instanceCapacity * sizeof(MeshInstanceData), kUsage, false, "mesh instances");
  b.joints = GpuBuffer(device_, b.jointCapacity * sizeof(glm::mat4), kUsage, false, "mesh joints");
  b.weights = GpuBuffer(device_, b.weightCapacity * sizeof(float), kUsage, false, "mesh morph weights");
  b.pool = DescriptorPool(device_, 1, {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 4}}, "mesh frame");
  b.set = b.pool.allocate(pipeline_.frameSetLayout());
  const std::array<VkDescriptorBufferInfo, 4> buffers{{{b.frame.handle(), 0, VK_WHOLE_SIZE},
                                                       {b.instances.handle(), 0, VK_WHOLE_SIZE},
                                                       {b.joints.handle(), 0, VK_WHOLE_SIZE},
                                                       {b.weights.handle(), 0, VK_WHOLE_SIZE}}};
  std::array<VkWriteDescriptorSet, 4> writes{};
  for (std::uint32_t i = 0; i < writes.size(); ++i) {
    writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    writes[i].dstSet = b.set;
    writes[i].dstBinding = i;
    writes[i].descriptorCount = 1;
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &buffers[i];
  }
  vkUpdateDescriptorSets(device_.device(), static_cast<std::uint32_t>(writes.size()), writes.data(), 0, nullptr);
  return b;
}

void MeshFrameData::record(FrameRecording& frame, const MeshFrameHeader& header, std::span<const MeshEyeData> eyes,
                           std::span<const MeshInstanceData> instances, std::span<const glm::mat4> joints,
                           std::span<const float> weights) {
  if (block_.set == VK_NULL_HANDLE || eyes.size() > block_.eyeCapacity || instances.size() > block_.instanceCapacity ||
      joints.size() > block_.jointCapacity || weights.size() > block_.weightCapacity) {
    Block grown = makeBlock({std::max(eyes.size(), block_.eyeCapacity), std::max(instances.size(), block_.instanceCapacity),
                             std::max(joints.size(), block_.jointCapacity), std::max(weights.size(), block_.weightCapacity)});
    if (block_.set != VK_NULL_HANDLE) frame.disposer.dispose(block_.lastUse, std::move(block_));
    block_ = std::move(grown);
  }
  block_.lastUse = frame.serial;
  const VkCommandBuffer commands = frame.commands;
  // The previous frame's shaders have read what is overwritten here.
  VkMemoryBarrier before{};
  before.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  before.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  vkCmdPipelineBarrier(commands, kShaderStages, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &before, 0, nullptr, 0, nullptr);
  update(commands, block_.frame.handle(), 0, &header, sizeof header);
  update(commands, block_.frame.handle(), sizeof header, eyes.data(), eyes.size_bytes());
  update(commands, block_.instances.handle(), 0, instances.data(), instances.size_bytes());
  update(commands, block_.joints.handle(), 0, joints.data(), joints.size_bytes());
  update(commands, block_.weights.handle(), 0, weights.data(), weights.size_bytes());
  VkMemoryBarrier after{};
  after.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  after.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  after.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
  vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, kShaderStages, 0, 1, &after, 0, nullptr, 0, nullptr);
}

}  // namespace ps::engine
