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
  VkSemaphoreCreateInfo semaphore{};
  semaphore.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
  PS_VK_CHECK(vkCreateSemaphore(d.device(), &semaphore, nullptr, &acquired));
  d.setName(acquired, VK_OBJECT_TYPE_SEMAPHORE, "window frame " + std::to_string(index) + " acquired");
}

FrameSlot::~FrameSlot() {
  if (acquired != VK_NULL_HANDLE) vkDestroySemaphore(device->device(), acquired, nullptr);
}

void FrameSlot::waitDone() const {
  if (done) (void)done(true);
}

bool FrameSlot::isDone() const { return !done || done(false); }

Result<std::unique_ptr<WindowPresenter>> WindowPresenter::create(const engine::Device& device, GLFWwindow* window,
                                                                 PresentPacing pacing) {
  auto surface = WindowSurface::create(device, window);
  if (!surface) return surface.error();
  return std::unique_ptr<WindowPresenter>(new WindowPresenter(device, std::move(surface).value(), pacing));
}

WindowPresenter::WindowPresenter(const engine::Device& device, WindowSurface surface, PresentPacing pacing)
    : device_(&device), surface_(std::move(surface)), pacing_(pacing),
      own_(std::make_unique<engine::FrameContext>(device, kFramesInFlight, "window own")) {
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
  s.done = nullptr;  // finished: nothing of the slot's is in flight any more
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
  slot().done = std::move(drawn);
  present(wait);
}

VkCommandBuffer WindowPresenter::beginOwnWork() { return own_->begin().commands; }

void WindowPresenter::submitOwnWork(VkSemaphore signal) {
  FrameSlot& s = slot();
  s.wait = {s.acquired};
  s.waitStages = {VK_PIPELINE_STAGE_TRANSFER_BIT};
  s.signal = {signal};
  own_->submit(engine::SubmitSync{s.wait, s.waitStages, s.signal});
  s.done = [context = own_.get(), serial = own_->lastSubmitted()](bool block) {
    if (block) context->wait(serial);
    return context->completedSerial() >= serial;
  };
}

std::uint64_t WindowPresenter::ownSubmits() const { return own_->submitCount(); }

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
