#include "picture_limits.h"

#include <exception>
#include <string>

#include <fmt/format.h>

#include "engine/device.h"
#include "engine/picture_fit.h"

namespace ps::tools {

namespace {

std::string size(VkExtent2D e) { return std::to_string(e.width) + "x" + std::to_string(e.height); }

// "wider than", "taller than" or "larger than" a limit.
const char* beyond(VkExtent2D e, VkExtent2D limit) {
  const bool wide = e.width > limit.width, tall = e.height > limit.height;
  return wide && tall ? "larger than" : wide ? "wider than" : "taller than";
}

}  // namespace

std::string describeDeviceFit(std::uint32_t width, std::uint32_t height, PixelFormat format, StereoLayout stereo) {
  const VkExtent2D eye = engine::eyePlaneExtent(format, 0, width, height, stereo);
  const std::string perEye = stereo == StereoLayout::Mono ? "" : " per eye";
  constexpr std::uint32_t guaranteed = kVulkanGuaranteedImageDimension;
  if (eye.width <= guaranteed && eye.height <= guaranteed)
    return fmt::format("{}{} fits every Vulkan device (maxImageDimension2D is at least {})", size(eye), perEye,
                       guaranteed);
  auto device = engine::Device::create();
  if (!device)
    return fmt::format("{}{} is larger than {}, the least maxImageDimension2D Vulkan allows; no Vulkan device to "
                       "check it against: {}",
                       size(eye), perEye, guaranteed, device.error().message());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device->physicalDevice(), &properties);
  try {
    const engine::PictureFit fit = engine::fitPicture(*device, width, height, format, stereo);
    const std::string limit = fmt::format("this device's maxImageDimension2D {} ({})", fit.maxImageDimension2D,
                                          properties.deviceName);
    if (fit.level == 0)
      return fmt::format("{}{} fits {} (images up to {})", size(eye), perEye, limit, size(fit.lumaLimit));
    return fmt::format("{}{} is {} {}, {}: will be shown at mip level {} ({}{})", size(eye), perEye,
                       beyond(eye, fit.lumaLimit), size(fit.lumaLimit), limit, fit.level, size(fit.eyeExtent), perEye);
  } catch (const std::exception& e) {
    return fmt::format("{}{}: {} ({})", size(eye), perEye, e.what(), properties.deviceName);
  }
}

std::optional<std::string> commonLimitWarning(const std::string& src, int width, int height) {
  constexpr int limit = static_cast<int>(kCommonImageDimension);
  if (width <= limit && height <= limit) return std::nullopt;
  const char* side = width > limit && height > limit ? "larger" : width > limit ? "wider" : "taller";
  return fmt::format("\"{}\" is {}x{}, {} than {} pixels, the largest image many GPUs (and lavapipe) hold: play shows "
                     "it at a lower resolution there (`perfectshot probe` tells for this machine's GPU)",
                     src, width, height, side, limit);
}

}  // namespace ps::tools
