#pragma once
// How a picture is held on this device: at full size, or, when one eye's planes are larger
// than the device's images can be (maxImageDimension2D, the formats' maxExtent), as a lower mip
// level of itself: the smallest level that fits, each level half the one above on both sides,
// and at least one texel (a 65536x2 picture on a 16384 device is held as its level 2, 16384x1).
// Views sample it by normalised coordinates, so they see the same picture, less sharp.
#include <cstdint>
#include <span>

#include <vulkan/vulkan.h>

#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::engine {

class Device;

struct PictureFit {
  std::uint32_t level = 0;  // the picture's mip level held as the images' level 0 (0: full size)
  VkExtent2D eyeExtent{};   // one eye's luma as held
  VkExtent2D lumaLimit{};   // the largest luma image the device creates, what eyes were compared with
  std::uint32_t maxImageDimension2D = 0;  // the device-wide part of that limit
};

// For a width x height picture of `format` split into eyes by `stereo`. Throws ImageTooLarge
// (engine/image_limits.h) when the device creates no sampled image of a plane's format at all.
PictureFit fitPicture(const Device& device, std::uint32_t width, std::uint32_t height, PixelFormat format,
                      StereoLayout stereo);

// One eye's part of plane `plane` of a width x height picture.
VkExtent2D eyePlaneExtent(PixelFormat format, int plane, std::uint32_t width, std::uint32_t height,
                          StereoLayout stereo);
// Mip level `level` of `extent`: each side halved `level` times, rounded down, at least 1.
VkExtent2D levelExtent(VkExtent2D extent, std::uint32_t level);
// The lowest level at which every extent fits the limit at the same index (limits of at least 1x1).
std::uint32_t levelToFit(std::span<const VkExtent2D> extents, std::span<const VkExtent2D> limits);

}  // namespace ps::engine
