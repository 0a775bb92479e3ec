#include "xr/window_display.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <cstring>
#include <limits>
#include <utility>

#include "engine/gpu_resources.h"
#include "engine/offscreen_target.h"
#include "engine/vk_check.h"
#include "window_commands.h"
#include "xr/window_swapchain.h"

namespace ps::xr {

namespace {

constexpr std::uint32_t kFramesInFlight = 2;
constexpr double kMinimisedWaitSeconds = 0.05;  // how long a minimised pass sleeps on events
constexpr double kDefaultPeriod = 1.0 / 60.0;   // when the monitor does not say (Xvfb)

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::optional<WindowKey> mapKey(int key) {
  switch (key) {
    case GLFW_KEY_SPACE: return WindowKey::Space;
    case GLFW_KEY_LEFT: return WindowKey::Left;
    case GLFW_KEY_RIGHT: return WindowKey::Right;
    case GLFW_KEY_J: return WindowKey::J;
    case GLFW_KEY_K: return WindowKey::K;
    case GLFW_KEY_L: return WindowKey::L;
    case GLFW_KEY_HOME: return WindowKey::Home;
    case GLFW_KEY_END: return WindowKey::End;
    case GLFW_KEY_I: return WindowKey::I;
    case GLFW_KEY_O: return WindowKey::O;
    case GLFW_KEY_N: return WindowKey::N;
    case GLFW_KEY_F: return WindowKey::F;
    case GLFW_KEY_ESCAPE: return WindowKey::Escape;
    default: return std::nullopt;
  }
}

// The Vulkan objects of one frame in flight: the acquire semaphore and the fence that says the
// frame's GPU work (the renderer's submit and the display's own, queued before it) is done.
struct FrameSlot {
  const engine::Device* device = nullptr;
  VkSemaphore acquired = VK_NULL_HANDLE;
  VkFence done = VK_NULL_HANDLE;
  VkCommandPool pool = VK_NULL_HANDLE;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  std::uint32_t imageIndex = 0;
  // What DisplayFrame::sync points into.
  std::array<VkSemaphore, 1> wait{};
  std::array<VkPipelineStageFlags, 1> waitStages{};
  std::array<VkSemaphore, 1> signal{};

  explicit FrameSlot(const engine::Device& d, std::uint32_t index) : device(&d) {
    const VkDevice vk = d.device();
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
    const std::string name = "window frame " + std::to_string(index);
    d.setName(acquired, VK_OBJECT_TYPE_SEMAPHORE, name + " acquired");
    d.setName(done, VK_OBJECT_TYPE_FENCE, name + " done");
    d.setName(pool, VK_OBJECT_TYPE_COMMAND_POOL, name);
    d.setName(commands, VK_OBJECT_TYPE_COMMAND_BUFFER, name);
  }
  FrameSlot(const FrameSlot&) = delete;
  FrameSlot& operator=(const FrameSlot&) = delete;
  ~FrameSlot() {
    const VkDevice vk = device->device();
    vkDestroyCommandPool(vk, pool, nullptr);
    vkDestroyFence(vk, done, nullptr);
    vkDestroySemaphore(vk, acquired, nullptr);
  }

  void waitDone() const { PS_VK_CHECK(vkWaitForFences(device->device(), 1, &done, VK_TRUE, UINT64_MAX)); }

  VkCommandBuffer beginCommands() const {
    PS_VK_CHECK(vkResetCommandPool(device->device(), pool, 0));
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    PS_VK_CHECK(vkBeginCommandBuffer(commands, &begin));
    return commands;
  }
};

}  // namespace

struct WindowDisplay::Impl {
  // Declared in creation order; destroyed in reverse (the surface before the instance, the
  // window after its surface).
  GlfwLibrary library;
  GlfwWindowPtr window;
  engine::Device device;
  WindowSurface surface;
  std::optional<WindowSwapchain> swapchain;
  std::vector<std::unique_ptr<FrameSlot>> slots;
  engine::GpuBuffer readback;

  std::optional<InputScript> script;
  ScreenshotSink onScreenshot;
  WindowInput input;
  double period = kDefaultPeriod;

  std::uint64_t ticks = 0;      // beginFrame calls
  std::uint64_t frames = 0;     // frames begun (DisplayFrame::index)
  std::uint64_t presents = 0;   // frames and mirrors presented: picks the slot
  bool recreate = false;
  bool scriptMinimised = false;  // a script's minimise, for window systems without a manager
  bool quitAsked = false;
  std::optional<bool> visibleReported;
  std::optional<std::filesystem::path> screenshot;  // taken from the next frame drawn
  struct Windowed {
    int x = 0, y = 0, width = 0, height = 0;
  } windowed;

  Impl(GlfwLibrary lib, GlfwWindowPtr win, engine::Device dev, WindowSurface surf, WindowDisplayOptions& options)
      : library(std::move(lib)),
        window(std::move(win)),
        device(std::move(dev)),
        surface(std::move(surf)),
        script(std::move(options.script)),
        onScreenshot(std::move(options.onScreenshot)),
        input(options.look) {
    for (std::uint32_t i = 0; i < kFramesInFlight; ++i) slots.push_back(std::make_unique<FrameSlot>(device, i));
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
      const GLFWvidmode* mode = glfwGetVideoMode(monitor);
      if (mode != nullptr && mode->refreshRate > 0) period = 1.0 / mode->refreshRate;
    }
    glfwSetWindowUserPointer(window.get(), this);
    glfwSetKeyCallback(window.get(), &Impl::onKey);
    glfwSetMouseButtonCallback(window.get(), &Impl::onMouseButton);
    glfwSetCursorPosCallback(window.get(), &Impl::onCursor);
    glfwSetScrollCallback(window.get(), &Impl::onScroll);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  ~Impl() {
    // Teardown only: presents have no fence, so an idle device is the one point where every
    // semaphore and image they use is known to be free.
    if (device.device() != VK_NULL_HANDLE) (void)vkDeviceWaitIdle(device.device());
    glfwSetWindowUserPointer(window.get(), nullptr);
  }

  static Impl* self(GLFWwindow* w) { return static_cast<Impl*>(glfwGetWindowUserPointer(w)); }
  static void onKey(GLFWwindow* w, int key, int /*scancode*/, int action, int mods) {
    if (action == GLFW_RELEASE) return;
    if (auto k = mapKey(key); k && self(w) != nullptr) self(w)->handle(KeyPressed{*k, (mods & GLFW_MOD_SHIFT) != 0});
  }
  static void onMouseButton(GLFWwindow* w, int button, int action, int /*mods*/) {
    if (button != GLFW_MOUSE_BUTTON_LEFT || self(w) == nullptr) return;
    double x = 0, y = 0;
    glfwGetCursorPos(w, &x, &y);
    self(w)->handle(MouseButtonChanged{action == GLFW_PRESS, x, y});
  }
  static void onCursor(GLFWwindow* w, double x, double y) {
    if (self(w) != nullptr) self(w)->handle(CursorMoved{x, y});
  }
  static void onScroll(GLFWwindow* w, double /*dx*/, double dy) {
    if (self(w) != nullptr) self(w)->handle(Scrolled{dy});
  }

  WindowSize windowSize() const {
    WindowSize size;
    glfwGetWindowSize(window.get(), &size.width, &size.height);
    return size;
  }
  WindowSize framebufferSize() const {
    WindowSize size;
    glfwGetFramebufferSize(window.get(), &size.width, &size.height);
    return size;
  }
  bool minimised() const {
    return scriptMinimised || glfwGetWindowAttrib(window.get(), GLFW_ICONIFIED) == GLFW_TRUE ||
           framebufferSize().empty();
  }

  void handle(const WindowEvent& event) {
    if (const auto* key = std::get_if<KeyPressed>(&event); key != nullptr && key->key == WindowKey::Escape)
      quitAsked = true;
    input.handle(event, windowSize().height);
  }

  void apply(ScriptAction& action) {
    if (auto* event = std::get_if<WindowEvent>(&action)) {
      handle(*event);
    } else if (const auto* resize = std::get_if<ResizeWindow>(&action)) {
      glfwSetWindowSize(window.get(), resize->size.width, resize->size.height);
    } else if (std::holds_alternative<MinimizeWindow>(action)) {
      // Without a window manager (Xvfb) the request changes nothing, so the script also says it.
      glfwIconifyWindow(window.get());
      scriptMinimised = true;
    } else if (std::holds_alternative<RestoreWindow>(action)) {
      glfwRestoreWindow(window.get());
      scriptMinimised = false;
    } else if (auto* shot = std::get_if<TakeScreenshot>(&action)) {
      if (!onScreenshot) throw std::logic_error("the input script takes a screenshot but nobody receives it");
      screenshot = std::move(shot->file);
    } else if (std::holds_alternative<QuitDisplay>(action)) {
      quitAsked = true;
    }
  }

  void toggleFullscreen() {
    if (GLFWmonitor* current = glfwGetWindowMonitor(window.get())) {
      (void)current;
      glfwSetWindowMonitor(window.get(), nullptr, windowed.x, windowed.y, windowed.width, windowed.height, 0);
      return;
    }
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
    if (mode == nullptr) {
      spdlog::warn("window: no monitor to go fullscreen on");
      return;
    }
    glfwGetWindowPos(window.get(), &windowed.x, &windowed.y);
    glfwGetWindowSize(window.get(), &windowed.width, &windowed.height);
    glfwSetWindowMonitor(window.get(), monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  }

  // Returns false when there is nothing to draw into (minimised).
  bool ensureSwapchain() {
    const WindowSize size = framebufferSize();
    if (size.empty()) return false;
    const VkExtent2D wanted{static_cast<std::uint32_t>(size.width), static_cast<std::uint32_t>(size.height)};
    if (swapchain && !recreate && swapchain->extent().width == wanted.width &&
        swapchain->extent().height == wanted.height)
      return true;
    // Presents have no fence: only an idle queue says the old images and semaphores are free.
    // Rare (a resize), so the stall is fine.
    PS_VK_CHECK(vkQueueWaitIdle(device.queue()));
    WindowSwapchain next(device, surface.handle(), wanted, swapchain ? swapchain->handle() : VK_NULL_HANDLE);
    swapchain = std::move(next);
    recreate = false;
    if (swapchain->extent().width == 0 || swapchain->extent().height == 0) return false;
    spdlog::info("window: swapchain {}x{}", swapchain->extent().width, swapchain->extent().height);
    return true;
  }

  FrameSlot& slot() { return *slots[presents % slots.size()]; }

  // Acquires the next image into the current slot; false when the swapchain must be rebuilt first.
  bool acquire() {
    FrameSlot& s = slot();
    s.waitDone();
    const VkResult r = vkAcquireNextImageKHR(device.device(), swapchain->handle(), UINT64_MAX, s.acquired,
                                             VK_NULL_HANDLE, &s.imageIndex);
    if (r == VK_ERROR_OUT_OF_DATE_KHR) {
      recreate = true;
      return false;
    }
    if (r == VK_SUBOPTIMAL_KHR) recreate = true;  // still presentable: use it, rebuild after
    else PS_VK_CHECK(r);
    return true;
  }

  void submit(VkCommandBuffer commands, std::span<const VkSemaphore> wait, VkSemaphore signal) {
    FrameSlot& s = slot();
    PS_VK_CHECK(vkResetFences(device.device(), 1, &s.done));
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
    PS_VK_CHECK(vkQueueSubmit(device.queue(), 1, &info, s.done));
  }

  void present(VkSemaphore wait) {
    FrameSlot& s = slot();
    const VkSwapchainKHR handle = swapchain->handle();
    VkPresentInfoKHR info{};
    info.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
    info.waitSemaphoreCount = 1;
    info.pWaitSemaphores = &wait;
    info.swapchainCount = 1;
    info.pSwapchains = &handle;
    info.pImageIndices = &s.imageIndex;
    const VkResult r = vkQueuePresentKHR(device.queue(), &info);
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) recreate = true;
    else PS_VK_CHECK(r);
    ++presents;
  }

  Status deliverScreenshot(const std::filesystem::path& file, const FrameSlot& s, std::uint64_t frameIndex) {
    s.waitDone();
    const VkExtent2D extent = swapchain->extent();
    engine::RgbaImage image;
    image.width = extent.width;
    image.height = extent.height;
    image.pixels.resize(std::size_t{extent.width} * extent.height * 4);
    std::memcpy(image.pixels.data(), readback.mapped(), image.pixels.size());
    if (swapchain->format() == VK_FORMAT_B8G8R8A8_SRGB || swapchain->format() == VK_FORMAT_B8G8R8A8_UNORM) {
      for (std::size_t i = 0; i < image.pixels.size(); i += 4) std::swap(image.pixels[i], image.pixels[i + 2]);
    }
    const float aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
    const ScreenshotInfo info{input.look().camera(aspect), frameIndex};
    spdlog::info("window: screenshot {} of frame {}: {}x{}, yaw {:.3f} pitch {:.3f} hfov {:.3f} vfov {:.3f}",
                 file.string(), frameIndex, extent.width, extent.height, info.camera.yawDeg, info.camera.pitchDeg,
                 info.camera.hFovDeg, info.camera.vFovDeg);
    return onScreenshot(file, image, info);
  }

  void ensureReadback(VkExtent2D extent) {
    const VkDeviceSize size = VkDeviceSize{extent.width} * extent.height * 4;
    if (readback.size() < size)
      readback = engine::GpuBuffer(device, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true, "window screenshot");
  }
};

Result<std::unique_ptr<WindowDisplay>> WindowDisplay::create(WindowDisplayOptions options) {
  auto library = GlfwLibrary::acquire();
  if (!library) return library.error();
  auto window = createVulkanWindow(*library, options.size, options.title);
  if (!window) return window.error();

  engine::DeviceOptions deviceOptions = options.device;
  const auto surfaceExtensions = library->requiredInstanceExtensions();
  if (surfaceExtensions.empty())
    return Error{"window", "GLFW knows no Vulkan surface extension for this window system", "use --display offscreen"};
  deviceOptions.instanceExtensions.insert(deviceOptions.instanceExtensions.end(), surfaceExtensions.begin(),
                                          surfaceExtensions.end());
  deviceOptions.deviceExtensions.emplace_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  auto device = engine::Device::create(deviceOptions);
  if (!device) return device.error();
  auto surface = WindowSurface::create(*device, window->get());
  if (!surface) return surface.error();

  auto impl = std::make_unique<Impl>(std::move(library).value(), std::move(window).value(), std::move(device).value(),
                                     std::move(surface).value(), options);
  return std::unique_ptr<WindowDisplay>(new WindowDisplay(std::move(impl)));
}

WindowDisplay::WindowDisplay(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WindowDisplay::~WindowDisplay() = default;

const engine::Device& WindowDisplay::device() const { return impl_->device; }
const HeadLook& WindowDisplay::look() const { return impl_->input.look(); }
VkExtent2D WindowDisplay::extent() const { return impl_->swapchain ? impl_->swapchain->extent() : VkExtent2D{}; }

DisplayEvents WindowDisplay::poll() {
  Impl& s = *impl_;
  glfwPollEvents();
  for (int n = s.input.takeFullscreenToggles(); n > 0; --n) s.toggleFullscreen();
  DisplayEvents events;
  events.quit = s.quitAsked || glfwWindowShouldClose(s.window.get()) == GLFW_TRUE;
  const bool visible = !s.minimised();
  if (s.visibleReported != visible) {
    if (s.visibleReported) spdlog::info("window: {}", visible ? "restored" : "minimised: drawing nothing");
    events.visible = visible;
    s.visibleReported = visible;
  }
  return events;
}

std::optional<DisplayFrame> WindowDisplay::beginFrame() {
  Impl& s = *impl_;
  const std::uint64_t tick = s.ticks++;
  if (s.script) {
    for (ScriptAction& action : s.script->due(tick)) s.apply(action);
  }
  if (s.minimised() || !s.ensureSwapchain()) {
    glfwWaitEventsTimeout(kMinimisedWaitSeconds);  // nothing to show: sleep on events, do not spin
    return std::nullopt;
  }
  if (!s.acquire()) return std::nullopt;

  FrameSlot& slot = s.slot();
  const WindowSwapchainImage& image = s.swapchain->image(slot.imageIndex);
  const VkExtent2D extent = s.swapchain->extent();
  slot.wait = {slot.acquired};
  slot.waitStages = {VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT};
  slot.signal = {image.drawn};

  DisplayFrame frame;
  frame.period = s.period;
  // FIFO: what is drawn now is shown at the next vertical blank, about a period away.
  frame.predictedDisplayTime = steadySeconds() + s.period;
  const float aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
  engine::RenderTarget target{image.image,     image.view, s.swapchain->format(), extent, VK_IMAGE_LAYOUT_UNDEFINED,
                              VK_IMAGE_LAYOUT_PRESENT_SRC_KHR};
  frame.eyes.push_back(EyeTarget{Eye::Left, engine::viewFromV360(s.input.look().camera(aspect)), target});
  frame.sync = engine::SubmitSync{slot.wait, slot.waitStages, slot.signal};
  frame.index = s.frames++;
  return frame;
}

void WindowDisplay::endFrame(DisplayFrame& frame) {
  Impl& s = *impl_;
  FrameSlot& slot = s.slot();
  const WindowSwapchainImage& image = s.swapchain->image(slot.imageIndex);
  const bool clear = !frame.submitted;
  const std::optional<std::filesystem::path> shot = std::exchange(s.screenshot, std::nullopt);

  VkSemaphore presentWait = image.drawn;
  if (clear || shot) {
    const VkCommandBuffer commands = slot.beginCommands();
    VkImageLayout layout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    if (clear) {
      recordClear(commands, image.image, VK_IMAGE_LAYOUT_UNDEFINED);
      layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    }
    if (shot) {
      s.ensureReadback(s.swapchain->extent());
      recordImageLayout(commands, image.image, layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                        VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                        VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
                        VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT);
      engine::recordImageReadback(commands, image.image, s.swapchain->extent(), s.readback.handle());
      layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    }
    recordImageLayout(commands, image.image, layout, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_TRANSFER_BIT,
                      VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0);
    PS_VK_CHECK(vkEndCommandBuffer(commands));
    const VkSemaphore wait = clear ? slot.acquired : image.drawn;
    s.submit(commands, std::span(&wait, 1), image.finished);
    presentWait = image.finished;
  } else {
    // Nothing of its own to run: an empty batch after the renderer's gives the slot its fence.
    s.submit(VK_NULL_HANDLE, {}, VK_NULL_HANDLE);
  }
  s.present(presentWait);
  if (shot) {
    if (auto status = s.deliverScreenshot(*shot, slot, frame.index); !status)
      spdlog::error("window: screenshot failed: {}", status.error().message());
  }
}

bool WindowDisplay::presentMirror(const MirrorSource& source) {
  Impl& s = *impl_;
  if (s.minimised() || !s.ensureSwapchain() || !s.acquire()) return false;
  FrameSlot& slot = s.slot();
  const WindowSwapchainImage& image = s.swapchain->image(slot.imageIndex);
  const VkCommandBuffer commands = slot.beginCommands();
  recordClear(commands, image.image, VK_IMAGE_LAYOUT_UNDEFINED);
  recordImageLayout(commands, source.image, source.layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_ACCESS_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_TRANSFER_READ_BIT);
  recordImageLayout(commands, image.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_TRANSFER_WRITE_BIT);
  recordFitBlit(commands, source.image, source.extent, image.image, s.swapchain->extent());
  recordImageLayout(commands, source.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, source.layout,
                    VK_PIPELINE_STAGE_TRANSFER_BIT, 0, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0);
  recordImageLayout(commands, image.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                    VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT,
                    0);
  PS_VK_CHECK(vkEndCommandBuffer(commands));
  std::array<VkSemaphore, 2> wait{slot.acquired, source.ready};
  s.submit(commands, std::span(wait.data(), source.ready != VK_NULL_HANDLE ? 2 : 1), image.finished);
  s.present(image.finished);
  return true;
}

void WindowDisplay::finishGpuWork() {
  for (const auto& slot : impl_->slots) slot->waitDone();
}

InputActions WindowDisplay::input() { return impl_->input.takeActions(); }

void WindowDisplay::setPointerBand(float heightPx) { impl_->input.setUiBand(heightPx); }

void WindowDisplay::requestQuit() { impl_->quitAsked = true; }

}  // namespace ps::xr
