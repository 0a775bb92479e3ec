#pragma once
// The presenting half of a window, on a Vulkan device it borrows: the surface, the swapchain
// (rebuilt on resize), the frames in flight, and the readback buffer of screenshots. A frame's
// GPU work is the player loop's one submit; only frames the loop did not submit get a submit of
// the presenter's own, through a frame context (engine/frame_context.h) like the loop's. The
// window display (own device) and the headset mirror (the runtime's device) both use it; the
// GLFW window and its events stay with them.
// Thread: the one that owns the device's queue.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/frame_context.h"
#include "engine/gpu_resources.h"
#include "engine/rgba_image.h"
#include "scenes/result.h"
#include "xr/window_glfw.h"
#include "xr/window_swapchain.h"

namespace ps::engine {
class Device;
}

namespace ps::xr {

// The Vulkan objects of one frame in flight: the acquire semaphore, the storage a frame's sync
// points into, and what says the frame's GPU work is done: the answer of the submit that ran
// it (the player loop's drawnOnGpu, or the presenter's own frame context for a frame the loop
// did not submit).
struct FrameSlot {
  const engine::Device* device = nullptr;
  VkSemaphore acquired = VK_NULL_HANDLE;
  std::uint32_t imageIndex = 0;
  // What a DisplayFrame's sync points into.
  std::array<VkSemaphore, 1> wait{};
  std::array<VkPipelineStageFlags, 1> waitStages{};
  std::array<VkSemaphore, 1> signal{};
  // Whether the GPU work of the frame last presented from this slot has finished (block: wait
  // until it has). Empty: nothing of it is in flight.
  std::function<bool(bool block)> done;

  FrameSlot(const engine::Device& d, std::uint32_t index);
  FrameSlot(const FrameSlot&) = delete;
  FrameSlot& operator=(const FrameSlot&) = delete;
  ~FrameSlot();

  void waitDone() const;
  bool isDone() const;
};

class WindowPresenter {
 public:
  // The surface of `window` on `device`'s instance, which must have been created with the
  // surface extensions (GlfwLibrary::requiredInstanceExtensions) and its device with
  // VK_KHR_swapchain. An Error when the device's queue cannot present to the window.
  static Result<std::unique_ptr<WindowPresenter>> create(const engine::Device& device, GLFWwindow* window,
                                                         PresentPacing pacing);
  WindowPresenter(const WindowPresenter&) = delete;
  WindowPresenter& operator=(const WindowPresenter&) = delete;
  // Waits for the queue to go idle: presents have no fence, so that is the one point where
  // every semaphore and image they use is known to be free.
  ~WindowPresenter();

  const engine::Device& device() const { return *device_; }

  // Builds the swapchain for `framebuffer` pixels, or rebuilds it after a resize or an
  // out-of-date present. False when there is nothing to draw into (an empty framebuffer).
  bool ensureSwapchain(WindowSize framebuffer);
  // Acquires the next image into the current slot. False when there is none this time: the
  // swapchain is out of date (rebuilt by the next ensureSwapchain), or, pacing NoWait, no image
  // is free yet or the slot's previous work is still running.
  bool acquire();

  FrameSlot& slot() { return *slots_[presents_ % slots_.size()]; }
  const WindowSwapchain& swapchain() const { return *swapchain_; }
  VkExtent2D extent() const { return swapchain_ ? swapchain_->extent() : VkExtent2D{}; }
  const WindowSwapchainImage& image() { return swapchain_->image(slot().imageIndex); }

  // The presenter's own work for the acquired image, for a frame the player loop did not
  // submit (cleared, or ended without drawing): recorded into the command buffer this returns,
  // on the presenter's frame context (engine/frame_context.h), then submitOwnWork.
  VkCommandBuffer beginOwnWork();
  // Submits it (one vkQueueSubmit) waiting on the slot's acquire at the transfer stage and
  // signalling `signal`; the slot's done follows it.
  void submitOwnWork(VkSemaphore signal);
  // vkQueueSubmit calls of the presenter's own (submitOwnWork).
  std::uint64_t ownSubmits() const;
  // Presents the acquired image once `wait` is signalled, and moves on to the next slot.
  void present(VkSemaphore wait);
  // The same for a frame whose GPU work the player loop submitted (waiting on the slot's
  // acquire semaphore and signalling `wait`): `drawn` (DisplayFrame::drawnOnGpu) says when it
  // has finished.
  void presentDrawnElsewhere(VkSemaphore wait, std::function<bool(bool block)> drawn);

  // Records a copy of the acquired image, in `layout`, into the readback buffer; leaves the
  // image in TRANSFER_SRC_OPTIMAL.
  void recordReadback(VkCommandBuffer commands, VkImageLayout layout);
  // The pixels recordReadback copied, as RGBA; waits for `slot` (the one that submitted it).
  engine::RgbaImage takeReadback(const FrameSlot& slot);

  // Waits until the GPU work of every slot has finished.
  void finishGpuWork();

 private:
  WindowPresenter(const engine::Device& device, WindowSurface surface, PresentPacing pacing);

  const engine::Device* device_;
  WindowSurface surface_;
  PresentPacing pacing_;
  std::optional<WindowSwapchain> swapchain_;
  std::vector<std::unique_ptr<FrameSlot>> slots_;
  // The command ring of the presenter's own frames; rare, so two slots, never waited for on
  // the loop's frames.
  std::unique_ptr<engine::FrameContext> own_;
  engine::GpuBuffer readback_;
  std::uint64_t presents_ = 0;  // picks the slot
  bool recreate_ = false;
};

}  // namespace ps::xr
