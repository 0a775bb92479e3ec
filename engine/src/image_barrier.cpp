#include "engine/image_barrier.h"

namespace ps::engine {

void recordTransition(VkCommandBuffer commands, const ImageTransition& t) {
  VkImageMemoryBarrier barrier{};
  barrier.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  barrier.srcAccessMask = t.srcAccess;
  barrier.dstAccessMask = t.dstAccess;
  barrier.oldLayout = t.from;
  barrier.newLayout = t.to;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = t.image;
  barrier.subresourceRange = {t.aspect, t.baseMip, t.mipCount, 0, 1};
  vkCmdPipelineBarrier(commands, t.srcStage, t.dstStage, 0, 0, nullptr, 0, nullptr, 1, &barrier);
}

}  // namespace ps::engine
