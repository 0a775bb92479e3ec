#pragma once
// A window's Vulkan surface and its swapchain, owned. Presentation paced by vsync (FIFO) or
// never waiting (the headset mirror), an sRGB format (the renderer writes linear colour and
// relies on the hardware's encode), and images usable as colour attachments, copy sources
// (screenshots) and copy targets (clears, mirror).
#include <cstdint>
#include <vector>

#include <vulkan/vulkan.h>

#include "scenes/result.h"

struct GLFWwindow;

namespace ps::engine {
class Device;
}

namespace ps::xr {

// The VkSurfaceKHR of a GLFW window. Move-only; the instance must outlive it.
class WindowSurface {
 public:
  // An Error when the device's queue cannot present to it.
  static Result<WindowSurface> create(const engine::Device& device, GLFWwindow* window);
  WindowSurface(WindowSurface&& other) noexcept;
  WindowSurface& operator=(WindowSurface&& other) noexcept;
  WindowSurface(const WindowSurface&) = delete;
  WindowSurface& operator=(const WindowSurface&) = delete;
  ~WindowSurface();

  VkSurfaceKHR handle() const { return surface_; }

 private:
  WindowSurface(VkInstance instance, VkSurfaceKHR surface) : instance_(instance), surface_(surface) {}
  VkInstance instance_ = VK_NULL_HANDLE;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
};

// Per swapchain image: the image (owned by the swapchain), a view, and the semaphores that
// order its present after the work drawn into it. They are per image, not per frame in flight,
// because a present's wait has no fence: a semaphore is only known free again once its image
// has been acquired again.
struct WindowSwapchainImage {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;
  VkSemaphore drawn = VK_NULL_HANDLE;     // signalled by the renderer's submit
  VkSemaphore finished = VK_NULL_HANDLE;  // signalled by the display's own work after it (readback, clear)
};

// How presents are paced.
enum class PresentPacing {
  // FIFO: a present waits for the vertical blank, so the window's own loop runs at the
  // display's rate.
  Vsync,
  // MAILBOX, else IMMEDIATE, else FIFO (the only mode every surface offers): the headset
  // mirror, whose loop is the headset's and must never wait on the window.
  NoWait,
};

class WindowSwapchain {
 public:
  // `wanted`: the framebuffer size, used when the surface leaves the extent to the swapchain.
  // `old`: the swapchain this one replaces (it is retired, still to be destroyed by its owner).
  WindowSwapchain(const engine::Device& device, VkSurfaceKHR surface, VkExtent2D wanted, VkSwapchainKHR old,
                  PresentPacing pacing);
  WindowSwapchain(WindowSwapchain&& other) noexcept;
  WindowSwapchain& operator=(WindowSwapchain&& other) noexcept;
  WindowSwapchain(const WindowSwapchain&) = delete;
  WindowSwapchain& operator=(const WindowSwapchain&) = delete;
  // The caller makes sure no GPU work or present still uses the images or semaphores.
  ~WindowSwapchain();

  VkSwapchainKHR handle() const { return swapchain_; }
  VkFormat format() const { return format_; }
  VkExtent2D extent() const { return extent_; }
  VkPresentModeKHR presentMode() const { return presentMode_; }
  const WindowSwapchainImage& image(std::uint32_t index) const { return images_.at(index); }
  std::uint32_t imageCount() const { return static_cast<std::uint32_t>(images_.size()); }

 private:
  void reset() noexcept;
  const engine::Device* device_ = nullptr;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkExtent2D extent_{};
  VkPresentModeKHR presentMode_ = VK_PRESENT_MODE_FIFO_KHR;
  std::vector<WindowSwapchainImage> images_;
};

}  // namespace ps::xr
