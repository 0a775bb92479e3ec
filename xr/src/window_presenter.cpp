#include "window_presenter.h"

#include <spdlog/spdlog.h>

#include <cstring>
#include <string>
#include <utility>

#include "engine/device.h"
#include "engine/offscreen_target.h"
#include "engine/vk_check.h"
#include "window_commands.h"

namespace ps::xr {

namespace {

// Two: the CPU records one frame while the GPU finishes the other.
constexpr std::uint32_t kFramesInFlight = 2;

const char* presentModeName(VkPresentModeKHR mode) {
  switch (mode) {
    case VK_PRESENT_MODE_MAILBOX_KHR: return "mailbox";
    case VK_PRESENT_MODE_IMMEDIATE_KHR: return "immediate";
    case VK_PRESENT_MODE_FIFO_KHR: return "fifo";
    case VK_PRESENT_MODE_FIFO_RELAXED_KHR: return "fifo relaxed";
    default: return "other";
  }
}

}  // namespace

FrameSlot::FrameSlot(const engine::Device& d, std::uint32_t index) : device(&d) {
  const VkDevice vk = d.device();
  try {
    VkSemaphoreCreateInfo semaphore{};
    semaphore.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
    PS_VK_CHECK(vkCreateSemaphore(vk, &semaphore, nullptr, &acquired));
    VkFenceCreateInfo fence{};
    fence.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    PS_VK_CHECK(vkCreateFence(vk, &fence, nullptr, &done));
    VkCommandPoolCreateInfo poolInfo{};
    poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = d.queueFamily();
    PS_VK_CHECK(vkCreateCommandPool(vk, &poolInfo, nullptr, &pool));
    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    PS_VK_CHECK(vkAllocateCommandBuffers(vk, &alloc, &commands));
  } catch (...) {
    destroy();
    throw;
  }
  const std::string name = "window frame " + std::to_string(index);
  d.setName(acquired, VK_OBJECT_TYPE_SEMAPHORE, name + " acquired");
  d.setName(done, VK_OBJECT_TYPE_FENCE, name + " done");
  d.setName(pool, VK_OBJECT_TYPE_COMMAND_POOL, name);
  d.setName(commands, VK_OBJECT_TYPE_COMMAND_BUFFER, name);
}

FrameSlot::~FrameSlot() { destroy(); }

void FrameSlot::destroy() noexcept {
  const VkDevice vk = device->device();
  if (pool != VK_NULL_HANDLE) vkDestroyCommandPool(vk, pool, nullptr);
  if (done != VK_NULL_HANDLE) vkDestroyFence(vk, done, nullptr);
  if (acquired != VK_NULL_HANDLE) vkDestroySemaphore(vk, acquired, nullptr);
  pool = VK_NULL_HANDLE;
  done = VK_NULL_HANDLE;
  acquired = VK_NULL_HANDLE;
}

void FrameSlot::waitDone() const {
  if (drawnElsewhere) {
    (void)drawnElsewhere(true);
    return;
  }
  PS_VK_CHECK(vkWaitForFences(device->device(), 1, &done, VK_TRUE, UINT64_MAX));
}

bool FrameSlot::isDone() const {
  if (drawnElsewhere) return drawnElsewhere(false);
  const VkResult r = vkGetFenceStatus(device->device(), done);
  if (r == VK_NOT_READY) return false;
  PS_VK_CHECK(r);
  return true;
}

VkCommandBuffer FrameSlot::beginCommands() const {
  PS_VK_CHECK(vkResetCommandPool(device->device(), pool, 0));
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  PS_VK_CHECK(vkBeginCommandBuffer(commands, &begin));
  return commands;
}

Result<std::unique_ptr<WindowPresenter>> WindowPresenter::create(const engine::Device& device, GLFWwindow* window,
                                                                 PresentPacing pacing) {
  auto surface = WindowSurface::create(device, window);
  if (!surface) return surface.error();
  return std::unique_ptr<WindowPresenter>(new WindowPresenter(device, std::move(surface).value(), pacing));
}

WindowPresenter::WindowPresenter(const engine::Device& device, WindowSurface surface, PresentPacing pacing)
    : device_(&device), surface_(std::move(surface)), pacing_(pacing) {
  for (std::uint32_t i = 0; i < kFramesInFlight; ++i) slots_.push_back(std::make_unique<FrameSlot>(device, i));
}

WindowPresenter::~WindowPresenter() {
  if (device_->device() != VK_NULL_HANDLE) (void)vkQueueWaitIdle(device_->queue());
  // Slots and swapchain before the surface they were made for.
  slots_.clear();
  swapchain_.reset();
}

bool WindowPresenter::ensureSwapchain(WindowSize framebuffer) {
  if (framebuffer.empty()) return false;
  const VkExtent2D wanted{static_cast<std::uint32_t>(framebuffer.width), static_cast<std::uint32_t>(framebuffer.height)};
  if (swapchain_ && !recreate_ && swapchain_->extent().width == wanted.width &&
      swapchain_->extent().height == wanted.height)
    return true;
  // Presents have no fence: only an idle queue says the old images and semaphores are free.
  // Rare (a resize), so the stall is fine.
  PS_VK_CHECK(vkQueueWaitIdle(device_->queue()));
  WindowSwapchain next(*device_, surface_.handle(), wanted, swapchain_ ? swapchain_->handle() : VK_NULL_HANDLE,
                       pacing_);
  swapchain_ = std::move(next);
  recreate_ = false;
  if (swapchain_->extent().width == 0 || swapchain_->extent().height == 0) return false;
  spdlog::info("window: swapchain {}x{}, {} presentation", swapchain_->extent().width, swapchain_->extent().height,
               presentModeName(swapchain_->presentMode()));
  return true;
}

bool WindowPresenter::acquire() {
  FrameSlot& s = slot();
  const bool noWait = pacing_ == PresentPacing::NoWait;
  if (noWait) {
    if (!s.isDone()) return false;
  } else {
    s.waitDone();
  }
  s.drawnElsewhere = nullptr;  // done: the slot's fence speaks for it again
  const VkResult r = vkAcquireNextImageKHR(device_->device(), swapchain_->handle(), noWait ? 0 : UINT64_MAX,
                                           s.acquired, VK_NULL_HANDLE, &s.imageIndex);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) {
    recreate_ = true;
    return false;
  }
  if (noWait && (r == VK_NOT_READY || r == VK_TIMEOUT)) return false;
  if (r == VK_SUBOPTIMAL_KHR) recreate_ = true;  // still presentable: use it, rebuild after
  else PS_VK_CHECK(r);
  return true;
}

void WindowPresenter::presentDrawnElsewhere(VkSemaphore wait, std::function<bool(bool block)> drawn) {
  slot().drawnElsewhere = std::move(drawn);
  present(wait);
}

void WindowPresenter::submit(VkCommandBuffer commands, std::span<const VkSemaphore> wait, VkSemaphore signal) {
  FrameSlot& s = slot();
  PS_VK_CHECK(vkResetFences(device_->device(), 1, &s.done));
  const std::array<VkPipelineStageFlags, 2> stages{VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT};
  VkSubmitInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  info.waitSemaphoreCount = static_cast<std::uint32_t>(wait.size());
  info.pWaitSemaphores = wait.data();
  info.pWaitDstStageMask = stages.data();
  info.commandBufferCount = commands != VK_NULL_HANDLE ? 1 : 0;
  info.pCommandBuffers = &commands;
  info.signalSemaphoreCount = signal != VK_NULL_HANDLE ? 1 : 0;
  info.pSignalSemaphores = &signal;
  PS_VK_CHECK(vkQueueSubmit(device_->queue(), 1, &info, s.done));
}

void WindowPresenter::present(VkSemaphore wait) {
  FrameSlot& s = slot();
  const VkSwapchainKHR handle = swapchain_->handle();
  VkPresentInfoKHR info{};
  info.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &wait;
  info.swapchainCount = 1;
  info.pSwapchains = &handle;
  info.pImageIndices = &s.imageIndex;
  const VkResult r = vkQueuePresentKHR(device_->queue(), &info);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) recreate_ = true;
  else PS_VK_CHECK(r);
  ++presents_;
}

void WindowPresenter::recordReadback(VkCommandBuffer commands, VkImageLayout layout) {
  const VkExtent2D extent = swapchain_->extent();
  const VkDeviceSize size = VkDeviceSize{extent.width} * extent.height * 4;
  if (readback_.size() < size)
    readback_ = engine::GpuBuffer(*device_, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true, "window screenshot");
  const VkImage target = image().image;
  recordImageLayout(commands, target, layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                    VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_TRANSFER_READ_BIT);
  engine::recordImageReadback(commands, target, extent, readback_.handle());
}

engine::RgbaImage WindowPresenter::takeReadback(const FrameSlot& slot) {
  slot.waitDone();
  const VkExtent2D extent = swapchain_->extent();
  engine::RgbaImage image;
  image.width = extent.width;
  image.height = extent.height;
  image.pixels.resize(std::size_t{extent.width} * extent.height * 4);
  std::memcpy(image.pixels.data(), readback_.mapped(), image.pixels.size());
  if (swapchain_->format() == VK_FORMAT_B8G8R8A8_SRGB || swapchain_->format() == VK_FORMAT_B8G8R8A8_UNORM) {
    for (std::size_t i = 0; i < image.pixels.size(); i += 4) std::swap(image.pixels[i], image.pixels[i + 2]);
  }
  return image;
}

void WindowPresenter::finishGpuWork() {
  for (const auto& s : slots_) s->waitDone();
}

}  // namespace ps::xr
