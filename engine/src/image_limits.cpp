#include "engine/image_limits.h"

#include <algorithm>
#include <string>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::engine {

ImageLimit imageLimit(const Device& device, VkFormat format, VkImageTiling tiling, VkImageUsageFlags usage,
                      VkImageCreateFlags flags) {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device.physicalDevice(), &properties);
  ImageLimit limit;
  limit.maxImageDimension2D = properties.limits.maxImageDimension2D;
  VkImageFormatProperties formatLimits{};
  const VkResult r = vkGetPhysicalDeviceImageFormatProperties(device.physicalDevice(), format, VK_IMAGE_TYPE_2D,
                                                              tiling, usage, flags, &formatLimits);
  if (r == VK_ERROR_FORMAT_NOT_SUPPORTED) return limit;
  PS_VK_CHECK(r);
  limit.maxExtent = {std::min(formatLimits.maxExtent.width, limit.maxImageDimension2D),
                     std::min(formatLimits.maxExtent.height, limit.maxImageDimension2D)};
  limit.maxMipLevels = formatLimits.maxMipLevels;
  return limit;
}

void checkImageFits(const Device& device, const VkImageCreateInfo& info, std::string_view name) {
  const ImageLimit limit = imageLimit(device, info.format, info.tiling, info.usage, info.flags);
  const VkExtent2D extent{info.extent.width, info.extent.height};
  const std::string size = std::to_string(extent.width) + "x" + std::to_string(extent.height);
  if (limit.maxExtent.width == 0)
    throw ImageTooLarge(std::string(name) + ": this device cannot create an image of its format and use (" + size + ")",
                        extent, limit.maxExtent);
  if (extent.width > limit.maxExtent.width || extent.height > limit.maxExtent.height)
    throw ImageTooLarge(std::string(name) + " " + size + " is larger than this device's limit of " +
                            std::to_string(limit.maxExtent.width) + "x" + std::to_string(limit.maxExtent.height) +
                            " (maxImageDimension2D " + std::to_string(limit.maxImageDimension2D) + ")",
                        extent, limit.maxExtent);
  if (info.mipLevels > limit.maxMipLevels)
    throw ImageTooLarge(std::string(name) + " " + size + " has " + std::to_string(info.mipLevels) +
                            " mip levels, more than this device's " + std::to_string(limit.maxMipLevels),
                        extent, limit.maxExtent);
}

}  // namespace ps::engine
