#include "splat_gpu_cloud.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/mat3x3.hpp>

#include "engine/device.h"
#include "splat_pipeline.h"
#include "splat_shader_data.h"

namespace ps::engine {

namespace {

struct PackedSplat {
  glm::vec4 centre;  // w: opacity
  glm::vec4 covA;    // xx xy xz yy
  glm::vec4 covB;    // yz zz, z: largest standard deviation
};
static_assert(sizeof(PackedSplat) == 48, "std430 Splat");

PackedSplat pack(const scenes::SplatCloud& cloud, std::size_t i) {
  const glm::mat3 rotation = glm::mat3_cast(cloud.rotations[i]);
  const glm::vec3 s = cloud.scales[i];
  const glm::mat3 m = rotation * glm::mat3(s.x, 0.0f, 0.0f, 0.0f, s.y, 0.0f, 0.0f, 0.0f, s.z);
  const glm::mat3 sigma = m * glm::transpose(m);
  return {glm::vec4(cloud.positions[i], cloud.opacities[i]), glm::vec4(sigma[0][0], sigma[0][1], sigma[0][2], sigma[1][1]),
          glm::vec4(sigma[1][2], sigma[2][2], std::max({s.x, s.y, s.z}), 0.0f)};
}

}  // namespace

std::uint32_t splatSortBlocks(std::uint32_t count) { return (count + kSplatSortBlock - 1) / kSplatSortBlock; }

void checkSplatCloudFits(const Device& device, const scenes::SplatCloud& cloud) {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device.physicalDevice(), &properties);
  const VkDeviceSize count = cloud.size();
  const VkDeviceSize colourFloats = (1 + scenes::shRestPerChannel(cloud.shDegree)) * 3;
  const VkDeviceSize largest = std::max(count * sizeof(PackedSplat), count * colourFloats * sizeof(float));
  if (count > 0xFFFFFFF0u || largest > properties.limits.maxStorageBufferRange)
    throw std::invalid_argument("a splat cloud of " + std::to_string(count) + " splats (SH degree " +
                                std::to_string(cloud.shDegree) + ") needs a storage buffer of " +
                                std::to_string(largest) + " bytes; this Vulkan device's limit is " +
                                std::to_string(properties.limits.maxStorageBufferRange));
}

SplatGpuCloud::SplatGpuCloud(const Device& device, const SplatPipeline& pipeline, const scenes::SplatCloud& cloud,
                             VkCommandBuffer commands, GpuBuffer& staging)
    : count_(static_cast<std::uint32_t>(cloud.size())),
      shDegree_(cloud.shDegree),
      colourFloats_(static_cast<std::uint32_t>((1 + scenes::shRestPerChannel(cloud.shDegree)) * 3)),
      bounds_(cloud.bounds()) {
  const VkDeviceSize splatBytes = VkDeviceSize{count_} * sizeof(PackedSplat);
  const VkDeviceSize colourBytes = VkDeviceSize{count_} * colourFloats_ * sizeof(float);
  const VkDeviceSize keyBytes = VkDeviceSize{count_} * sizeof(std::uint32_t);
  const VkDeviceSize histogramBytes = VkDeviceSize{256} * splatSortBlocks(count_) * sizeof(std::uint32_t);

  staging = GpuBuffer(device, splatBytes + colourBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, "splat staging");
  auto* packed = reinterpret_cast<PackedSplat*>(staging.mapped());
  for (std::size_t i = 0; i < cloud.size(); ++i) packed[i] = pack(cloud, i);
  auto* colours = reinterpret_cast<float*>(staging.mapped() + splatBytes);
  const std::size_t rest = scenes::shRestPerChannel(cloud.shDegree) * 3;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    float* out = colours + i * colourFloats_;
    out[0] = cloud.baseColors[i].r;
    out[1] = cloud.baseColors[i].g;
    out[2] = cloud.baseColors[i].b;
    if (rest > 0) std::memcpy(out + 3, cloud.sh.data() + i * rest, rest * sizeof(float));
  }

  constexpr VkBufferUsageFlags kStorage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
  constexpr VkBufferUsageFlags kIn = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  constexpr VkBufferUsageFlags kOut = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
  splats_ = GpuBuffer(device, splatBytes, kStorage | kIn, false, "splat splats");
  colours_ = GpuBuffer(device, colourBytes, kStorage | kIn, false, "splat colours");
  constants_ = GpuBuffer(device, sizeof(SplatFrameConstants), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | kIn, false,
                         "splat constants");
  keysA_ = GpuBuffer(device, keyBytes, kStorage | kOut, false, "splat keys A");
  valuesA_ = GpuBuffer(device, keyBytes, kStorage | kOut, false, "splat indices A");
  keysB_ = GpuBuffer(device, keyBytes, kStorage, false, "splat keys B");
  valuesB_ = GpuBuffer(device, keyBytes, kStorage, false, "splat indices B");
  histogram_ = GpuBuffer(device, histogramBytes, kStorage, false, "splat sort histogram");
  draw_ = GpuBuffer(device, sizeof(SplatDrawArgs), kStorage | kIn | kOut | VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT, false,
                    "splat draw arguments");
  bytes_ = splatBytes + colourBytes + 4 * keyBytes + histogramBytes + sizeof(SplatFrameConstants) + sizeof(SplatDrawArgs);

  const std::array<VkBufferCopy, 2> regions{VkBufferCopy{0, 0, splatBytes}, VkBufferCopy{splatBytes, 0, colourBytes}};
  vkCmdCopyBuffer(commands, staging.handle(), splats_.handle(), 1, &regions[0]);
  vkCmdCopyBuffer(commands, staging.handle(), colours_.handle(), 1, &regions[1]);
  VkMemoryBarrier barrier{};
  barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
  vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_VERTEX_SHADER_BIT, 0, 1, &barrier, 0,
                       nullptr, 0, nullptr);

  pool_ = DescriptorPool(device, 2,
                         {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2},
                          {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2 * (SplatPipeline::kBindings - 1)}},
                         "splat cloud");
  for (int s = 0; s < 2; ++s) {
    sets_[s] = pool_.allocate(pipeline.cloudSetLayout());
    const GpuBuffer* srcKeys = s == 0 ? &keysA_ : &keysB_;
    const GpuBuffer* srcValues = s == 0 ? &valuesA_ : &valuesB_;
    const GpuBuffer* dstKeys = s == 0 ? &keysB_ : &keysA_;
    const GpuBuffer* dstValues = s == 0 ? &valuesB_ : &valuesA_;
    const std::array<const GpuBuffer*, SplatPipeline::kBindings> buffers{
        &constants_, &splats_, &colours_, srcKeys, srcValues, dstKeys, dstValues, &histogram_, &draw_};
    std::array<VkDescriptorBufferInfo, SplatPipeline::kBindings> infos{};
    std::array<VkWriteDescriptorSet, SplatPipeline::kBindings> writes{};
    for (std::uint32_t b = 0; b < SplatPipeline::kBindings; ++b) {
      infos[b] = {buffers[b]->handle(), 0, VK_WHOLE_SIZE};
      writes[b].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[b].dstSet = sets_[s];
      writes[b].dstBinding = b;
      writes[b].descriptorCount = 1;
      writes[b].descriptorType = b == 0 ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      writes[b].pBufferInfo = &infos[b];
    }
    vkUpdateDescriptorSets(device.device(), SplatPipeline::kBindings, writes.data(), 0, nullptr);
  }
}

}  // namespace ps::engine
