#pragma once
// The image format each plane of a frame is sampled from (one or two components, 8 or 16 bit).
#include <vulkan/vulkan.h>

#include "scenes/frame_view.h"

namespace ps::engine {

inline VkFormat planeFormat(PixelFormat format, int plane) {
  const bool wide = bytesPerSample(format) == 2;
  const bool pair = componentsPerSample(format, plane) == 2;
  if (wide) return pair ? VK_FORMAT_R16G16_UNORM : VK_FORMAT_R16_UNORM;
  return pair ? VK_FORMAT_R8G8_UNORM : VK_FORMAT_R8_UNORM;
}

// What the sampled images of optimal tiling are made for: filled by copies, mips made by blits.
inline constexpr VkImageUsageFlags kPlaneImageUsage =
    VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;

}  // namespace ps::engine
