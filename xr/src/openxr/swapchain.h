#pragma once
// One swapchain (one eye's colour or depth) with a VkImageView per image, handed to the
// engine as RenderTargets. Images arrive and must go back in COLOR_ATTACHMENT_OPTIMAL
// (depth: DEPTH_STENCIL_ATTACHMENT_OPTIMAL), the XR_KHR_vulkan_enable2 rule; every pixel is
// drawn (depth: cleared), so the old contents are discarded.
// Move-only; the views die before the swapchain, and both before the device.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/device.h"
#include "engine/render_target.h"
#include "xr_handle.h"

namespace ps::xr::openxr {

// The sRGB format to render in: the first of R8G8B8A8_SRGB, B8G8R8A8_SRGB the runtime
// offers, else any sRGB format it offers; throws XrCallError when it offers none.
VkFormat chooseSwapchainFormat(XrSession session);
// The depth format to hand the compositor (pickDepthSwapchainFormat of those offered); empty
// when the runtime offers none of them.
std::optional<VkFormat> chooseDepthSwapchainFormat(XrSession session);

class Swapchain {
 public:
  // A depth `format` makes a depth swapchain (depth-stencil attachment usage, depth views).
  // `extraUsage`: beyond colour attachment and sampled (depth: beyond depth-stencil
  // attachment), e.g. TRANSFER_SRC for the mirror's copy.
  Swapchain(XrSession session, const engine::Device& device, VkFormat format, VkExtent2D extent, const std::string& name,
            XrSwapchainUsageFlags extraUsage = 0);
  Swapchain(Swapchain&&) noexcept;
  Swapchain& operator=(Swapchain&&) = delete;
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;
  ~Swapchain();

  // xrAcquireSwapchainImage + xrWaitSwapchainImage; the target stays valid until release().
  // A depth swapchain fills the target's depth fields only (see acquireDepthInto).
  engine::RenderTarget acquire();
  // For a depth swapchain: acquires and puts the image in `target`'s depth fields.
  void acquireDepthInto(engine::RenderTarget& target);
  bool depth() const { return depth_; }
  // After the renderer's submit that drew into the acquired image.
  void release();
  bool acquired() const { return acquired_; }
  // The acquired image (VK_NULL_HANDLE when none is), in COLOR_ATTACHMENT_OPTIMAL once drawn.
  VkImage acquiredImage() const { return acquired_ ? images_[index_] : VK_NULL_HANDLE; }

  XrSwapchain handle() const { return handle_.get(); }
  VkExtent2D extent() const { return extent_; }

 private:
  const engine::Device* device_;
  SwapchainHandle handle_;
  VkFormat format_;
  VkExtent2D extent_;
  bool depth_ = false;
  std::vector<VkImage> images_;
  std::vector<VkImageView> views_;
  std::uint32_t index_ = 0;  // of the acquired image
  bool acquired_ = false;
};

}  // namespace ps::xr::openxr
