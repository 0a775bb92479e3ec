#pragma once
// One layout transition of an image's mip range (colour unless the aspect says depth), with the stages and accesses it orders.
#include <cstdint>

#include <vulkan/vulkan.h>

namespace ps::engine {

struct ImageTransition {
  VkImage image = VK_NULL_HANDLE;
  std::uint32_t baseMip = 0;
  std::uint32_t mipCount = 1;
  VkImageLayout from = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageLayout to = VK_IMAGE_LAYOUT_UNDEFINED;
  VkPipelineStageFlags srcStage = VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT;
  VkAccessFlags srcAccess = 0;
  VkPipelineStageFlags dstStage = VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT;
  VkAccessFlags dstAccess = 0;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};

void recordTransition(VkCommandBuffer commands, const ImageTransition& t);

}  // namespace ps::engine
