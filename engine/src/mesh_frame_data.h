#pragma once
// The mesh shaders' per-frame data (descriptor set 0): the light and every eye's matrices,
// every instance's matrices, and the joint matrices and morph weights of the deformed
// instances, in device-local storage buffers that the frame's own command
// buffer writes (vkCmdUpdateBuffer, before the passes). Written in command order, they need no
// host-visible ring per frame in flight: a barrier orders the write after the previous frame's
// reads. The buffers grow when a frame needs more; the old ones go to the disposer.
#include <cstdint>
#include <span>

#include <glm/mat4x4.hpp>
#include <vulkan/vulkan.h>

#include "descriptor_pool.h"
#include "engine/frame_context.h"
#include "engine/gpu_resources.h"
#include "mesh_shader_data.h"

namespace ps::engine {

class MeshPipeline;

class MeshFrameData {
 public:
  MeshFrameData(const Device& device, const MeshPipeline& pipeline) : device_(device), pipeline_(pipeline) {}

  // Records the writes into frame.commands (outside any pass).
  void record(FrameRecording& frame, const MeshFrameHeader& header, std::span<const MeshEyeData> eyes,
              std::span<const MeshInstanceData> instances, std::span<const glm::mat4> joints,
              std::span<const float> weights);
  // Valid after record(), for that frame's draws.
  VkDescriptorSet set() const { return block_.set; }

 private:
  struct Block {
    GpuBuffer frame, instances, joints, weights;
    DescriptorPool pool;
    VkDescriptorSet set = VK_NULL_HANDLE;
    std::size_t eyeCapacity = 0, instanceCapacity = 0, jointCapacity = 0, weightCapacity = 0;
    std::uint64_t lastUse = 0;
  };
  struct Sizes {
    std::size_t eyes, instances, joints, weights;
  };
  Block makeBlock(const Sizes& sizes) const;

  const Device& device_;
  const MeshPipeline& pipeline_;
  Block block_;
};

}  // namespace ps::engine
