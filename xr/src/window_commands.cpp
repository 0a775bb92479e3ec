#include "window_commands.h"

#include "engine/image_barrier.h"

#include <algorithm>
#include <cstdint>

namespace ps::xr {

void recordImageLayout(VkCommandBuffer commands, VkImage image, VkImageLayout from, VkImageLayout to,
                       VkPipelineStageFlags srcStage, VkAccessFlags srcAccess, VkPipelineStageFlags dstStage,
                       VkAccessFlags dstAccess) {
  engine::recordTransition(commands, {image, 0, 1, from, to, srcStage, srcAccess, dstStage, dstAccess});
}

void recordClear(VkCommandBuffer commands, VkImage image, VkImageLayout layout) {
  recordImageLayout(commands, image, layout, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                    VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
  const VkClearColorValue black{{0.0f, 0.0f, 0.0f, 1.0f}};
  const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdClearColorImage(commands, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &black, 1, &range);
}

void recordFitBlit(VkCommandBuffer commands, VkImage source, VkExtent2D sourceExtent, VkImage target,
                   VkExtent2D targetExtent) {
  const double scale = static_cast<double>(targetExtent.height) / std::max(sourceExtent.height, 1u);
  const auto width = static_cast<std::int32_t>(sourceExtent.width * scale);
  const std::int32_t left = (static_cast<std::int32_t>(targetExtent.width) - width) / 2;
  VkImageBlit blit{};
  blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  blit.srcOffsets[1] = {static_cast<std::int32_t>(sourceExtent.width), static_cast<std::int32_t>(sourceExtent.height), 1};
  blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  // A source wider than the window is cropped by the blit's clamping to the target: clamp here.
  const std::int32_t x0 = std::max(left, 0);
  const std::int32_t x1 = std::min(left + width, static_cast<std::int32_t>(targetExtent.width));
  if (x1 <= x0) return;
  const double srcPerDst = 1.0 / scale;
  blit.srcOffsets[0].x = static_cast<std::int32_t>((x0 - left) * srcPerDst);
  blit.srcOffsets[1].x = static_cast<std::int32_t>((x1 - left) * srcPerDst);
  blit.dstOffsets[0] = {x0, 0, 0};
  blit.dstOffsets[1] = {x1, static_cast<std::int32_t>(targetExtent.height), 1};
  vkCmdBlitImage(commands, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                 &blit, VK_FILTER_LINEAR);
}

}  // namespace ps::xr
