#pragma once
// One splat cloud on the GPU: its splats packed for the shaders (centre and opacity, the 3D
// covariance R S S^T R^T worked out once at upload, the largest standard deviation), its
// colours (base colour, then the SH coefficients as SplatCloud stores them), and what its sort
// needs each frame: frame constants, two key/value buffers (the sort ping-pongs between them),
// the block histogram and the indirect draw arguments the cull counts into. Two descriptor
// sets: set 0 reads buffers A and writes B, set 1 the reverse.
#include <cstdint>
#include <memory>

#include <vulkan/vulkan.h>

#include "descriptor_pool.h"
#include "engine/gpu_resources.h"
#include "scenes/splat_cloud.h"

namespace ps::engine {

class Device;
class SplatPipeline;

class SplatGpuCloud {
 public:
  // Records the upload of `cloud` (a non-empty one) into `commands` through a staging buffer,
  // which it hands back for the caller to dispose of after this frame; the copies are made
  // visible to compute and vertex shaders.
  SplatGpuCloud(const Device& device, const SplatPipeline& pipeline, const scenes::SplatCloud& cloud,
                VkCommandBuffer commands, GpuBuffer& staging);

  std::uint32_t count() const { return count_; }
  int shDegree() const { return shDegree_; }
  std::uint32_t colourFloats() const { return colourFloats_; }
  const scenes::SplatBounds& bounds() const { return bounds_; }
  std::uint64_t bytes() const { return bytes_; }
  VkDescriptorSet set(int i) const { return sets_[i]; }
  VkBuffer constants() const { return constants_.handle(); }
  VkBuffer drawArgs() const { return draw_.handle(); }
  VkBuffer keys() const { return keysA_.handle(); }      // the sort's result
  VkBuffer indices() const { return valuesA_.handle(); }

 private:
  std::uint32_t count_ = 0;
  int shDegree_ = 0;
  std::uint32_t colourFloats_ = 0;
  scenes::SplatBounds bounds_;
  std::uint64_t bytes_ = 0;
  GpuBuffer splats_, colours_, constants_, keysA_, valuesA_, keysB_, valuesB_, histogram_, draw_;
  DescriptorPool pool_;
  VkDescriptorSet sets_[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
};

// Throws std::invalid_argument, saying why, when `cloud` needs a buffer larger than the device's
// storage buffer range.
void checkSplatCloudFits(const Device& device, const scenes::SplatCloud& cloud);

// Blocks of the sort for `count` keys.
std::uint32_t splatSortBlocks(std::uint32_t count);

}  // namespace ps::engine
