#pragma once
// XrSwapchain: VkImages with their memory on the app's device, and the
// acquire/wait/release order the spec requires. Images reach the app in
// COLOR_ATTACHMENT_OPTIMAL (DEPTH_STENCIL_ATTACHMENT_OPTIMAL for depth), and the
// app hands them back in that layout.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "vulkan_device.h"
#include "xr_headers.h"

namespace ps::sim {

bool isDepth(VkFormat format);

class Swapchain {
 public:
  // Throws on a Vulkan failure; the images created so far are freed.
  Swapchain(std::uint64_t id, std::uint64_t sessionId, std::shared_ptr<VulkanDevice> vulkan,
            const XrSwapchainCreateInfo& info);
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  std::uint64_t id() const { return id_; }
  std::uint64_t sessionId() const { return sessionId_; }
  const XrSwapchainCreateInfo& info() const { return info_; }
  VkFormat format() const { return static_cast<VkFormat>(info_.format); }
  std::size_t imageCount() const { return images_.size(); }
  VkImage image(std::size_t i) const { return images_[i].image; }
  VkImageLayout attachmentLayout() const;
  // The image most recently released, or nothing before the first release.
  std::optional<std::uint32_t> lastReleased() const { return lastReleased_; }

  XrResult acquire(std::uint32_t& index);
  XrResult wait();
  XrResult release();

 private:
  struct Image {
    VkImage image = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    bool laidOut = false;  // moved out of UNDEFINED yet
  };
  void createImage(std::size_t index);
  void destroyImages();

  std::uint64_t id_;
  std::uint64_t sessionId_;
  std::shared_ptr<VulkanDevice> vulkan_;
  XrSwapchainCreateInfo info_;
  std::vector<Image> images_;
  std::deque<std::uint32_t> acquired_;  // in acquire order
  bool waited_ = false;                 // the oldest acquired image has been waited on
  std::uint32_t next_ = 0;
  std::uint32_t acquiredEver_ = 0;
  std::optional<std::uint32_t> lastReleased_;
};

// Formats offered, best first: sRGB colour, then UNORM colour, then depth.
const std::vector<VkFormat>& swapchainFormats();

}  // namespace ps::sim
