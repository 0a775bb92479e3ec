#include "xr/window_swapchain.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <utility>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::xr {

namespace {

template <typename T, typename Get>
std::vector<T> enumerateAll(Get get) {
  std::uint32_t count = 0;
  PS_VK_CHECK(get(&count, nullptr));
  std::vector<T> items(count);
  PS_VK_CHECK(get(&count, items.data()));
  items.resize(count);
  return items;
}

VkSurfaceFormatKHR chooseFormat(VkPhysicalDevice physical, VkSurfaceKHR surface) {
  const auto formats = enumerateAll<VkSurfaceFormatKHR>([&](std::uint32_t* n, VkSurfaceFormatKHR* out) {
    return vkGetPhysicalDeviceSurfaceFormatsKHR(physical, surface, n, out);
  });
  if (formats.empty()) throw engine::VulkanError(VK_ERROR_FORMAT_NOT_SUPPORTED, "the window surface offers no format");
  for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB}) {
    for (const VkSurfaceFormatKHR& f : formats)
      if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
  }
  // The equirect pass writes encoded values into a UNORM format and the panels do likewise, so
  // colours stay right; an sRGB format is preferred because blending is then done in linear light.
  spdlog::info("window: the surface offers no sRGB format; drawing into format {}", static_cast<int>(formats.front().format));
  return formats.front();
}

VkPresentModeKHR choosePresentMode(VkPhysicalDevice physical, VkSurfaceKHR surface, PresentPacing pacing) {
  if (pacing == PresentPacing::Vsync) return VK_PRESENT_MODE_FIFO_KHR;  // always offered
  const auto modes = enumerateAll<VkPresentModeKHR>([&](std::uint32_t* n, VkPresentModeKHR* out) {
    return vkGetPhysicalDeviceSurfacePresentModesKHR(physical, surface, n, out);
  });
  // MAILBOX first: it never tears and never blocks; IMMEDIATE may tear but never blocks either.
  for (VkPresentModeKHR wanted : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
    if (std::find(modes.begin(), modes.end(), wanted) != modes.end()) return wanted;
  // FIFO still never stalls the caller: it acquires without waiting and skips when no image is free.
  return VK_PRESENT_MODE_FIFO_KHR;
}

}  // namespace

Result<WindowSurface> WindowSurface::create(const engine::Device& device, GLFWwindow* window) {
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  PS_VK_CHECK(glfwCreateWindowSurface(device.instance(), window, nullptr, &surface));
  WindowSurface owned(device.instance(), surface);
  VkBool32 supported = VK_FALSE;
  PS_VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(device.physicalDevice(), device.queueFamily(), surface, &supported));
  if (supported != VK_TRUE)
    return Error{"window", "the Vulkan device cannot present to this window", "use --display offscreen"};
  return owned;
}

WindowSurface::WindowSurface(WindowSurface&& other) noexcept
    : instance_(other.instance_), surface_(std::exchange(other.surface_, VK_NULL_HANDLE)) {}

WindowSurface& WindowSurface::operator=(WindowSurface&& other) noexcept {
  if (this != &other) {
    WindowSurface old(std::move(*this));
    instance_ = other.instance_;
    surface_ = std::exchange(other.surface_, VK_NULL_HANDLE);
  }
  return *this;
}

WindowSurface::~WindowSurface() {
  if (surface_ != VK_NULL_HANDLE) vkDestroySurfaceKHR(instance_, surface_, nullptr);
}

WindowSwapchain::WindowSwapchain(const engine::Device& device, VkSurfaceKHR surface, VkExtent2D wanted, VkSwapchainKHR old,
                                 PresentPacing pacing)
    : device_(&device) {
  VkSurfaceCapabilitiesKHR caps{};
  PS_VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(device.physicalDevice(), surface, &caps));
  const VkSurfaceFormatKHR format = chooseFormat(device.physicalDevice(), surface);
  format_ = format.format;
  extent_ = caps.currentExtent;
  if (extent_.width == 0xFFFFFFFFu) {
    extent_.width = std::clamp(wanted.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent_.height = std::clamp(wanted.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  std::uint32_t count = caps.minImageCount + 1;
  if (caps.maxImageCount != 0) count = std::min(count, caps.maxImageCount);
  const VkImageUsageFlags usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                                  VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if ((caps.supportedUsageFlags & usage) != usage)
    throw engine::VulkanError(VK_ERROR_FEATURE_NOT_PRESENT, "the window surface cannot be copied to and from");

  VkSwapchainCreateInfoKHR info{};
  info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
  info.surface = surface;
  info.minImageCount = count;
  info.imageFormat = format.format;
  info.imageColorSpace = format.colorSpace;
  info.imageExtent = extent_;
  info.imageArrayLayers = 1;
  info.imageUsage = usage;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  if ((caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR) == 0)
    info.compositeAlpha = VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR;
  presentMode_ = choosePresentMode(device.physicalDevice(), surface, pacing);
  info.presentMode = presentMode_;
  info.clipped = VK_TRUE;
  info.oldSwapchain = old;
  PS_VK_CHECK(vkCreateSwapchainKHR(device.device(), &info, nullptr, &swapchain_));
  device.setName(swapchain_, VK_OBJECT_TYPE_SWAPCHAIN_KHR, "window swapchain");

  try {
    const auto images = enumerateAll<VkImage>([&](std::uint32_t* n, VkImage* out) {
      return vkGetSwapchainImagesKHR(device.device(), swapchain_, n, out);
    });
    images_.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
      WindowSwapchainImage& slot = images_.emplace_back();
      slot.image = images[i];
      const std::string name = "window image " + std::to_string(i);
      device.setName(slot.image, VK_OBJECT_TYPE_IMAGE, name);
      VkImageViewCreateInfo view{};
      view.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
      view.image = slot.image;
      view.viewType = VK_IMAGE_VIEW_TYPE_2D;
      view.format = format_;
      view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
      PS_VK_CHECK(vkCreateImageView(device.device(), &view, nullptr, &slot.view));
      device.setName(slot.view, VK_OBJECT_TYPE_IMAGE_VIEW, name);
      VkSemaphoreCreateInfo semaphore{};
      semaphore.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
      PS_VK_CHECK(vkCreateSemaphore(device.device(), &semaphore, nullptr, &slot.drawn));
      device.setName(slot.drawn, VK_OBJECT_TYPE_SEMAPHORE, name + " drawn");
      PS_VK_CHECK(vkCreateSemaphore(device.device(), &semaphore, nullptr, &slot.finished));
      device.setName(slot.finished, VK_OBJECT_TYPE_SEMAPHORE, name + " finished");
    }
  } catch (...) {
    reset();
    throw;
  }
  spdlog::debug("window: swapchain {}x{}, {} images, format {}, present mode {}", extent_.width, extent_.height,
                images_.size(), static_cast<int>(format_), static_cast<int>(presentMode_));
}

WindowSwapchain::WindowSwapchain(WindowSwapchain&& other) noexcept
    : device_(other.device_),
      swapchain_(std::exchange(other.swapchain_, VK_NULL_HANDLE)),
      format_(other.format_),
      extent_(other.extent_),
      presentMode_(other.presentMode_),
      images_(std::exchange(other.images_, {})) {}

WindowSwapchain& WindowSwapchain::operator=(WindowSwapchain&& other) noexcept {
  if (this != &other) {
    reset();
    device_ = other.device_;
    swapchain_ = std::exchange(other.swapchain_, VK_NULL_HANDLE);
    format_ = other.format_;
    extent_ = other.extent_;
    presentMode_ = other.presentMode_;
    images_ = std::exchange(other.images_, {});
  }
  return *this;
}

WindowSwapchain::~WindowSwapchain() { reset(); }

void WindowSwapchain::reset() noexcept {
  if (device_ == nullptr) return;
  const VkDevice device = device_->device();
  for (WindowSwapchainImage& slot : images_) {
    if (slot.view != VK_NULL_HANDLE) vkDestroyImageView(device, slot.view, nullptr);
    if (slot.drawn != VK_NULL_HANDLE) vkDestroySemaphore(device, slot.drawn, nullptr);
    if (slot.finished != VK_NULL_HANDLE) vkDestroySemaphore(device, slot.finished, nullptr);
  }
  images_.clear();
  if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(device, swapchain_, nullptr);
  swapchain_ = VK_NULL_HANDLE;
}

}  // namespace ps::xr
