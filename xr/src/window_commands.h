#pragma once
// The few commands the window display records itself, around the renderer's: clearing an image
// nobody drew and copying a mirrored eye into the window (screenshots use engine's readback).
#include <vulkan/vulkan.h>

namespace ps::xr {

// A full-image layout change of a colour image, ordering `src` before `dst` work.
void recordImageLayout(VkCommandBuffer commands, VkImage image, VkImageLayout from, VkImageLayout to,
                       VkPipelineStageFlags srcStage, VkAccessFlags srcAccess, VkPipelineStageFlags dstStage,
                       VkAccessFlags dstAccess);

// `image` from `layout` to black, left in TRANSFER_DST_OPTIMAL.
void recordClear(VkCommandBuffer commands, VkImage image, VkImageLayout layout);

// Scales `source` (in TRANSFER_SRC_OPTIMAL) to the target's height, centred horizontally,
// into `target` (in TRANSFER_DST_OPTIMAL).
void recordFitBlit(VkCommandBuffer commands, VkImage source, VkExtent2D sourceExtent, VkImage target,
                   VkExtent2D targetExtent);

}  // namespace ps::xr
