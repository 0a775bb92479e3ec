#include "xr/window_display.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>
#include <utility>

#include "engine/vk_check.h"
#include "window_commands.h"
#include "window_presenter.h"
#include "window_script_actions.h"

namespace ps::xr {

namespace {

constexpr double kMinimisedWaitSeconds = 0.05;  // how long a minimised pass sleeps on events
constexpr double kDefaultPeriod = 1.0 / 60.0;   // when the monitor does not say (Xvfb)

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

struct WindowDisplay::Impl {
  // Declared in creation order; destroyed in reverse (the presenter's surface before the
  // device's instance, the window after its surface).
  GlfwLibrary library;
  GlfwWindowPtr window;
  engine::Device device;
  std::unique_ptr<WindowPresenter> presenter;

  std::optional<InputScript> script;
  ScreenshotSink onScreenshot;
  WindowInput input;
  double period = kDefaultPeriod;

  std::uint64_t ticks = 0;      // beginFrame calls
  std::uint64_t frames = 0;     // frames begun (DisplayFrame::index)
  bool quitAsked = false;
  std::optional<bool> visibleReported;
  ScriptedWindowState scripted;  // the script's minimise and screenshot
  struct Windowed {
    int x = 0, y = 0, width = 0, height = 0;
  } windowed;

  Impl(GlfwLibrary lib, GlfwWindowPtr win, engine::Device dev, WindowDisplayOptions& options)
      : library(std::move(lib)),
        window(std::move(win)),
        device(std::move(dev)),
        script(std::move(options.script)),
        onScreenshot(std::move(options.onScreenshot)),
        input(options.look) {
    input.setCapture(std::move(options.claims.press), std::move(options.claims.keyboard));
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
      const GLFWvidmode* mode = glfwGetVideoMode(monitor);
      if (mode != nullptr && mode->refreshRate > 0) period = 1.0 / mode->refreshRate;
    }
    glfwSetWindowUserPointer(window.get(), this);
    glfwSetKeyCallback(window.get(), &Impl::onKey);
    glfwSetMouseButtonCallback(window.get(), &Impl::onMouseButton);
    glfwSetCursorPosCallback(window.get(), &Impl::onCursor);
    glfwSetScrollCallback(window.get(), &Impl::onScroll);
    glfwSetCharCallback(window.get(), &Impl::onChar);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  ~Impl() {
    presenter.reset();  // waits for the queue, before the device goes
    glfwSetWindowUserPointer(window.get(), nullptr);
  }

  static Impl* self(GLFWwindow* w) { return static_cast<Impl*>(glfwGetWindowUserPointer(w)); }
  static void onKey(GLFWwindow* w, int key, int /*scancode*/, int action, int mods) {
    if (self(w) == nullptr) return;
    if (action == GLFW_RELEASE) {
      if (auto k = keyOf(key)) self(w)->handle(KeyReleased{*k});
      return;
    }
    const bool ctrl = (mods & GLFW_MOD_CONTROL) != 0, shift = (mods & GLFW_MOD_SHIFT) != 0;
    if (auto g = guiKeyOf(key)) self(w)->handle(EditKeyPressed{{*g, ctrl, shift}});
    if (auto k = keyOf(key)) self(w)->handle(KeyPressed{*k, shift, ctrl});
  }
  static void onChar(GLFWwindow* w, unsigned int codepoint) {
    if (self(w) != nullptr) self(w)->handle(CharTyped{static_cast<char32_t>(codepoint)});
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
  WindowSize framebufferSize() const { return framebufferSizeOf(window.get()); }
  bool minimised() const { return isMinimised(window.get(), scripted); }

  void handle(const WindowEvent& event) {
    if (const auto* key = std::get_if<KeyPressed>(&event); key != nullptr && key->key == Key::Escape)
      quitAsked = true;
    input.handle(event, windowSize().height);
  }

  void apply(ScriptAction& action) {
    if (auto* event = std::get_if<WindowEvent>(&action)) {
      handle(*event);
    } else if (std::holds_alternative<QuitDisplay>(action)) {
      quitAsked = true;
    } else {
      applyWindowAction(window.get(), action, scripted, static_cast<bool>(onScreenshot), "window");
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

  Status deliverScreenshot(const std::filesystem::path& file, const FrameSlot& slot, std::uint64_t frameIndex) {
    const engine::RgbaImage image = presenter->takeReadback(slot);
    const float aspect = static_cast<float>(image.width) / static_cast<float>(image.height);
    const ScreenshotInfo info{input.look().camera(aspect), frameIndex};
    spdlog::info("window: screenshot {} of frame {}: {}x{}, yaw {:.3f} pitch {:.3f} hfov {:.3f} vfov {:.3f}",
                 file.string(), frameIndex, image.width, image.height, info.camera.yawDeg, info.camera.pitchDeg,
                 info.camera.hFovDeg, info.camera.vFovDeg);
    return onScreenshot(file, image, info);
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

  auto impl = std::make_unique<Impl>(std::move(library).value(), std::move(window).value(), std::move(device).value(),
                                     options);
  auto presenter = WindowPresenter::create(impl->device, impl->window.get(), PresentPacing::Vsync);
  if (!presenter) return presenter.error();
  impl->presenter = std::move(presenter).value();
  return std::unique_ptr<WindowDisplay>(new WindowDisplay(std::move(impl)));
}

WindowDisplay::WindowDisplay(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WindowDisplay::~WindowDisplay() = default;

const engine::Device& WindowDisplay::device() const { return impl_->device; }
const HeadLook& WindowDisplay::look() const { return impl_->input.look(); }
VkExtent2D WindowDisplay::extent() const { return impl_->presenter->extent(); }

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
  if (s.minimised() || !s.presenter->ensureSwapchain(s.framebufferSize())) {
    glfwWaitEventsTimeout(kMinimisedWaitSeconds);  // nothing to show: sleep on events, do not spin
    return std::nullopt;
  }
  WindowPresenter& p = *s.presenter;
  if (!p.acquire()) return std::nullopt;

  FrameSlot& slot = p.slot();
  const WindowSwapchainImage& image = p.image();
  const VkExtent2D extent = p.swapchain().extent();
  slot.wait = {slot.acquired};
  slot.waitStages = {VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT};
  slot.signal = {image.drawn};

  DisplayFrame frame;
  frame.period = s.period;
  // FIFO: what is drawn now is shown at the next vertical blank, about a period away.
  frame.predictedDisplayTime = steadySeconds() + s.period;
  const float aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
  engine::RenderTarget target{image.image,     image.view, p.swapchain().format(), extent, VK_IMAGE_LAYOUT_UNDEFINED,
                              VK_IMAGE_LAYOUT_PRESENT_SRC_KHR};
  frame.eyes.push_back(EyeTarget{Eye::Left, engine::viewFromV360(s.input.look().camera(aspect)), target});
  frame.sync = engine::SubmitSync{slot.wait, slot.waitStages, slot.signal};
  frame.index = s.frames++;
  if (s.scripted.screenshot) {
    // Copied out by the frame's own submit, after everything drawn into the image.
    const VkImage shown = image.image;
    frame.recordAfterDraw = [&p, shown](VkCommandBuffer commands) {
      p.recordReadback(commands, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR);
      recordImageLayout(commands, shown, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                        VK_PIPELINE_STAGE_TRANSFER_BIT, 0, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0);
    };
  }
  return frame;
}

void WindowDisplay::endFrame(DisplayFrame& frame) {
  Impl& s = *impl_;
  WindowPresenter& p = *s.presenter;
  FrameSlot& slot = p.slot();
  const WindowSwapchainImage& image = p.image();
  const std::optional<std::filesystem::path> shot = std::exchange(s.scripted.screenshot, std::nullopt);
  if (frame.submitted) {
    // The loop's one submit drew the image, waiting on the acquire and signalling `drawn`,
    // with the screenshot's copy (recordAfterDraw) in it: nothing of the display's own to submit.
    if (!frame.drawnOnGpu)
      throw std::logic_error("WindowDisplay: a frame was submitted without its drawnOnGpu");
    p.presentDrawnElsewhere(image.drawn, frame.drawnOnGpu);
  } else {
    // Acquired and not drawn: it must still be presented, so it shows black, through the one
    // submit of the display's own this frame.
    const VkCommandBuffer commands = p.beginOwnWork();
    recordClear(commands, image.image, VK_IMAGE_LAYOUT_UNDEFINED);
    VkImageLayout layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    if (shot) {
      p.recordReadback(commands, layout);
      layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    }
    recordImageLayout(commands, image.image, layout, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_TRANSFER_BIT,
                      VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0);
    p.submitOwnWork(image.finished);
    p.present(image.finished);
  }
  if (shot) {
    if (auto status = s.deliverScreenshot(*shot, slot, frame.index); !status)
      spdlog::error("window: screenshot failed: {}", status.error().message());
  }
}

std::uint64_t WindowDisplay::ownSubmits() const { return impl_->presenter->ownSubmits(); }

RawInput WindowDisplay::input() { return impl_->input.take(); }

DisplayCapabilities WindowDisplay::capabilities() const {
  DisplayCapabilities c;
  c.pointer = true;
  c.keyboard = true;
  c.mouseLook = true;
  return c;
}


void WindowDisplay::requestQuit() { impl_->quitAsked = true; }

}  // namespace ps::xr
