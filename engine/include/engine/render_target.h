#pragma once
// Where a view is drawn: any colour image (and optionally its depth), owned by someone else (an OpenXR swapchain image, a
// window's swapchain image, an OffscreenTarget). The draw code never assumes it owns its target.
#include <vulkan/vulkan.h>

namespace ps::engine {

struct RenderTarget {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // a 2D view of mip 0, layer 0
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  // The layout the image is in when the draw starts (UNDEFINED: its contents may be discarded)
  // and the one the draw leaves it in (e.g. COLOR_ATTACHMENT_OPTIMAL for an OpenXR swapchain,
  // TRANSFER_SRC_OPTIMAL for a readback).
  VkImageLayout layoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageLayout layoutAfter = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  // Optional, for an sRGB target: the same image viewed as its UNORM twin. A draw that works out
  // encoded values itself writes them through it as they are, rather than converting to linear
  // for the target to encode again (two conversions per pixel that a CPU driver pays for).
  VkImageView encodedView = VK_NULL_HANDLE;
  VkFormat encodedFormat = VK_FORMAT_UNDEFINED;
  // Optional: a depth image the display hands on (an OpenXR depth swapchain image), same
  // extent, written with reverse-Z (eye_camera.h) and kept. Without one the frame renderer
  // draws with a depth image of its own, which nobody reads after the pass.
  VkImage depthImage = VK_NULL_HANDLE;
  VkImageView depthView = VK_NULL_HANDLE;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;
  VkImageLayout depthLayoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageLayout depthLayoutAfter = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
};

}  // namespace ps::engine
