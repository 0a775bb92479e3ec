#include "engine/picture_fit.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "engine/image_limits.h"
#include "plane_format.h"

namespace ps::engine {

VkExtent2D eyePlaneExtent(PixelFormat format, int plane, std::uint32_t width, std::uint32_t height,
                          StereoLayout stereo) {
  const std::uint32_t w = planeWidth(format, plane, width);
  const std::uint32_t h = planeHeight(format, plane, height);
  switch (stereo) {
    case StereoLayout::Mono: return {w, h};
    case StereoLayout::TopBottom: return {w, h / 2};
    case StereoLayout::LeftRight: return {w / 2, h};
  }
  return {w, h};
}

VkExtent2D levelExtent(VkExtent2D extent, std::uint32_t level) {
  if (level >= 32) return {1, 1};
  return {std::max(1u, extent.width >> level), std::max(1u, extent.height >> level)};
}

std::uint32_t levelToFit(std::span<const VkExtent2D> extents, std::span<const VkExtent2D> limits) {
  if (extents.size() != limits.size()) throw std::invalid_argument("levelToFit needs one limit per extent");
  auto fits = [&](std::uint32_t level) {
    for (std::size_t i = 0; i < extents.size(); ++i) {
      const VkExtent2D e = levelExtent(extents[i], level);
      if (e.width > limits[i].width || e.height > limits[i].height) return false;
    }
    return true;
  };
  std::uint32_t level = 0;
  while (level < 32 && !fits(level)) ++level;
  return level;
}

PictureFit fitPicture(const Device& device, std::uint32_t width, std::uint32_t height, PixelFormat format,
                      StereoLayout stereo) {
  const int planes = planeCount(format);
  std::array<VkExtent2D, 3> extents{};
  std::array<VkExtent2D, 3> limits{};
  PictureFit fit;
  for (int p = 0; p < planes; ++p) {
    const VkFormat vkFormat = planeFormat(format, p);
    const ImageLimit limit = imageLimit(device, vkFormat, VK_IMAGE_TILING_OPTIMAL, kPlaneImageUsage);
    extents[p] = eyePlaneExtent(format, p, width, height, stereo);
    if (limit.maxExtent.width == 0 || limit.maxExtent.height == 0)
      throw ImageTooLarge("this device cannot sample images of plane " + std::to_string(p) + "'s format (VkFormat " +
                              std::to_string(vkFormat) + ")",
                          extents[p], limit.maxExtent);
    limits[p] = limit.maxExtent;
    if (p == 0) {
      fit.lumaLimit = limit.maxExtent;
      fit.maxImageDimension2D = limit.maxImageDimension2D;
    }
  }
  const auto count = static_cast<std::size_t>(planes);
  fit.level = levelToFit(std::span(extents).first(count), std::span(limits).first(count));
  fit.eyeExtent = levelExtent(extents[0], fit.level);
  return fit;
}

}  // namespace ps::engine
