#pragma once
// How large an image this device creates. Creating a larger one is undefined behaviour (lavapipe
// crashes on a 65536-wide picture), so every image the engine makes is checked against these
// first, and a picture larger than them is held at a lower mip level (see picture_fit.h).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <vulkan/vulkan.h>

namespace ps::engine {

class Device;

struct ImageLimit {
  // The smaller of VkPhysicalDeviceLimits::maxImageDimension2D and the format's maxExtent
  // (vkGetPhysicalDeviceImageFormatProperties); 0 x 0 when the device lacks the format.
  VkExtent2D maxExtent{};
  std::uint32_t maxMipLevels = 0;
  std::uint32_t maxImageDimension2D = 0;  // the device-wide limit alone, for messages
};

// The limit for 2D images of `format`, `tiling` and `usage` (flags: VkImageCreateFlags).
ImageLimit imageLimit(const Device& device, VkFormat format, VkImageTiling tiling, VkImageUsageFlags usage,
                      VkImageCreateFlags flags = 0);

// An image that the device cannot create: what() names it, its size and the limit, e.g.
// "still 70000x10 is larger than this device's limit of 16384x16384 (maxImageDimension2D 16384)".
class ImageTooLarge : public std::invalid_argument {
 public:
  ImageTooLarge(const std::string& message, VkExtent2D extent, VkExtent2D limit)
      : std::invalid_argument(message), extent_(extent), limit_(limit) {}
  VkExtent2D extent() const { return extent_; }
  VkExtent2D limit() const { return limit_; }

 private:
  VkExtent2D extent_;
  VkExtent2D limit_;
};

// Throws ImageTooLarge unless the device creates the 2D image `info` describes; `name` says
// which image in the message.
void checkImageFits(const Device& device, const VkImageCreateInfo& info, std::string_view name);

}  // namespace ps::engine
