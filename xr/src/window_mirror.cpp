#include "xr/window_mirror.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cstring>
#include <deque>
#include <filesystem>
#include <utility>

#include "engine/gpu_resources.h"
#include "engine/vk_check.h"
#include "operator_strip.h"
#include "window_commands.h"
#include "window_presenter.h"
#include "window_script_actions.h"
#include "xr/window_input.h"

namespace ps::xr {

namespace {

// `target` (in TRANSFER_DST_OPTIMAL, written by transfers) read back when asked, then made
// ready to present.
void recordPresentable(WindowPresenter& p, VkCommandBuffer commands, VkImage target, bool readback) {
  VkImageLayout layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  if (readback) {
    p.recordReadback(commands, layout);
    layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  }
  recordImageLayout(commands, target, layout, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0);
}

// The operator's strip (in `buffer`) copied over the bottom-left corner of `target` (in
// TRANSFER_DST_OPTIMAL after the eye's blit), clipped to the window.
void recordStrip(VkCommandBuffer commands, VkBuffer buffer, std::uint32_t width, std::uint32_t height, VkImage target,
                 VkExtent2D extent) {
  if (extent.height < height || extent.width == 0) return;
  recordImageLayout(commands, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_TRANSFER_WRITE_BIT);
  VkBufferImageCopy region{};
  region.bufferRowLength = width;
  region.bufferImageHeight = height;
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageOffset = {0, static_cast<std::int32_t>(extent.height - height), 0};
  region.imageExtent = {std::min(width, extent.width), height, 1};
  vkCmdCopyBufferToImage(commands, buffer, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
}

// Frames a strip's buffer may still be read by after it was last recorded: more than the
// window's images in flight.
constexpr std::uint64_t kStripRetireTicks = 8;

}  // namespace

struct WindowMirror::Impl {
  // Declared in creation order; destroyed in reverse: the presenter's surface before the
  // window it was made for, the window before GLFW.
  GlfwLibrary library;
  GlfwWindowPtr window;
  std::unique_ptr<WindowPresenter> presenter;  // while a device is attached

  std::optional<InputScript> script;
  ScreenshotSink onScreenshot;
  WindowInput input;  // keys only: the mouse has no business turning the wearer's head

  std::uint64_t ticks = 0;  // beginFrame() calls
  std::uint64_t presented = 0;
  std::uint64_t pastOwnSubmits = 0;  // of presenters already dropped
  // The frame between beginFrame and endFrame: its window image is acquired.
  struct Begun {
    std::uint64_t frameIndex = 0;
    std::optional<std::filesystem::path> screenshot;  // read back in this frame
  };
  std::optional<Begun> begun;
  bool closeAsked = false;
  std::string title;   // the options' title
  std::string operatorLine;  // after the title (setStatus); applied only when it changed
  // The operator's line drawn in the picture: rasterised when it changes, uploaded at the next
  // frame; buffers replaced are kept until no frame in flight can read them.
  const engine::Device* device = nullptr;
  std::shared_ptr<const engine::FontAtlas> font;
  bool fontTried = false;
  OperatorStrip strip;
  bool stripChanged = false;
  struct StripBuffer {
    engine::GpuBuffer buffer;
    std::uint32_t width = 0, height = 0;
    std::uint64_t lastTick = 0;
  };
  std::optional<StripBuffer> stripBuffer;
  std::deque<StripBuffer> retiredStrips;
  std::optional<bool> visibleReported;
  ScriptedWindowState scripted;  // the script's minimise and screenshot

  Impl(GlfwLibrary lib, GlfwWindowPtr win, WindowMirrorOptions& options)
      : library(std::move(lib)),
        window(std::move(win)),
        script(std::move(options.script)),
        onScreenshot(std::move(options.onScreenshot)) {
    glfwSetWindowUserPointer(window.get(), this);
    glfwSetKeyCallback(window.get(), &Impl::onKey);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    dropPresenter();
    glfwSetWindowUserPointer(window.get(), nullptr);
  }

  void dropPresenter() {
    if (presenter) pastOwnSubmits += presenter->ownSubmits();
    presenter.reset();
    begun.reset();
    // Made on the device going away (the presenter waited for its queue): made again on the next.
    device = nullptr;
    stripBuffer.reset();
    retiredStrips.clear();
    stripChanged = !strip.empty();
  }

  // The strip's buffer for this frame (uploaded when the line changed); null: nothing to draw.
  const StripBuffer* stripForFrame() {
    while (!retiredStrips.empty() && retiredStrips.front().lastTick + kStripRetireTicks < ticks) retiredStrips.pop_front();
    if (stripChanged && device != nullptr) {
      stripChanged = false;
      if (stripBuffer) retiredStrips.push_back(std::move(*stripBuffer));
      stripBuffer.reset();
      if (!strip.empty()) {
        StripBuffer b{engine::GpuBuffer(*device, strip.pixels.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, "operator strip"),
                      strip.width, strip.height, ticks};
        std::memcpy(b.buffer.mapped(), strip.pixels.data(), strip.pixels.size());
        stripBuffer = std::move(b);
      }
    }
    if (!stripBuffer) return nullptr;
    stripBuffer->lastTick = ticks;
    return &*stripBuffer;
  }

  static void onKey(GLFWwindow* w, int key, int /*scancode*/, int action, int mods) {
    auto* self = static_cast<Impl*>(glfwGetWindowUserPointer(w));
    if (self == nullptr) return;
    const std::optional<Key> k = keyOf(key);
    if (!k) return;
    if (action == GLFW_RELEASE)
      self->input.handle(KeyReleased{*k}, 1);
    else
      self->handle(KeyPressed{*k, (mods & GLFW_MOD_SHIFT) != 0, (mods & GLFW_MOD_CONTROL) != 0});
  }

  void handle(const KeyPressed& key) {
    // Esc leaves the mirror, not the headset: the wearer is still watching.
    if (key.key == Key::Escape) closeAsked = true;
    else input.handle(key, 1);
  }

  WindowSize framebufferSize() const { return framebufferSizeOf(window.get()); }
  bool minimised() const { return isMinimised(window.get(), scripted); }

  void apply(ScriptAction& action) {
    if (const auto* event = std::get_if<WindowEvent>(&action)) {
      if (const auto* key = std::get_if<KeyPressed>(event)) handle(*key);
    } else if (std::holds_alternative<QuitDisplay>(action)) {
      closeAsked = true;  // as the window's close button would
    } else {
      applyWindowAction(window.get(), action, scripted, static_cast<bool>(onScreenshot), "mirror");
    }
  }

  void deliverScreenshot(const std::filesystem::path& file, const FrameSlot& slot, std::uint64_t frameIndex) {
    const engine::RgbaImage image = presenter->takeReadback(slot);
    spdlog::info("mirror: screenshot {} of headset frame {}: {}x{}", file.string(), frameIndex, image.width,
                 image.height);
    if (auto status = onScreenshot(file, image, ScreenshotInfo{{}, frameIndex}); !status)
      spdlog::error("mirror: screenshot failed: {}", status.error().message());
  }
};

Result<std::unique_ptr<WindowMirror>> WindowMirror::open(WindowMirrorOptions options) {
  // The headset plays without a mirror: that, not another display, is what to suggest.
  const auto withHint = [](const Error& e) { return Error{"mirror", e.what, "set DISPLAY, or play with --mirror none"}; };
  auto library = GlfwLibrary::acquire();
  if (!library) return withHint(library.error());
  if (library->requiredInstanceExtensions().empty())
    return Error{"mirror", "GLFW knows no Vulkan surface extension for this window system", "play with --mirror none"};
  auto window = createVulkanWindow(*library, options.size, options.title);
  if (!window) return withHint(window.error());
  std::string title = options.title;
  auto impl = std::make_unique<Impl>(std::move(library).value(), std::move(window).value(), options);
  impl->title = std::move(title);
  return std::unique_ptr<WindowMirror>(new WindowMirror(std::move(impl)));
}

WindowMirror::WindowMirror(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WindowMirror::~WindowMirror() = default;

std::vector<std::string> WindowMirror::instanceExtensions() const {
  return impl_->library.requiredInstanceExtensions();
}

std::vector<std::string> WindowMirror::deviceExtensions() { return {VK_KHR_SWAPCHAIN_EXTENSION_NAME}; }

Status WindowMirror::attach(const engine::Device& device) {
  impl_->dropPresenter();
  auto presenter = WindowPresenter::create(device, impl_->window.get(), PresentPacing::NoWait);
  if (!presenter) return presenter.error();
  impl_->presenter = std::move(presenter).value();
  impl_->device = &device;
  return ok();
}

void WindowMirror::detach() { impl_->dropPresenter(); }

void WindowMirror::setStatus(const std::string& line) {
  Impl& s = *impl_;
  if (line == s.operatorLine) return;
  s.operatorLine = line;
  const std::string title = line.empty() ? s.title : s.title + " | " + line;
  glfwSetWindowTitle(s.window.get(), title.c_str());
  if (!s.fontTried) {
    s.fontTried = true;
    try {
      s.font = engine::FontAtlas::load();
    } catch (const std::exception& e) {
      spdlog::warn("mirror: the operator's line stays in the title only: {}", e.what());
    }
  }
  if (s.font) {
    s.strip = rasteriseOperatorStrip(*s.font, line, 4096);
    s.stripChanged = true;
  }
}

bool WindowMirror::attached() const { return impl_->presenter != nullptr; }

bool WindowMirror::poll() {
  Impl& s = *impl_;
  glfwPollEvents();
  (void)s.input.takeFullscreenToggles();  // F: the mirror keeps its size (a monitor is the wearer's business)
  if (s.closeAsked || glfwWindowShouldClose(s.window.get()) == GLFW_TRUE) return false;
  const bool visible = !s.minimised();
  if (s.visibleReported != visible) {
    if (s.visibleReported) spdlog::info("mirror: {}", visible ? "restored" : "minimised: mirroring nothing");
    s.visibleReported = visible;
  }
  return true;
}

std::optional<MirrorCopy> WindowMirror::beginFrame(const MirrorSource& source, std::uint64_t frameIndex) {
  Impl& s = *impl_;
  if (s.begun) (void)endFrame(nullptr);
  if (s.script) {
    for (ScriptAction& action : s.script->due(s.ticks)) s.apply(action);
  }
  ++s.ticks;
  if (!s.presenter || s.closeAsked || s.minimised() || !s.presenter->ensureSwapchain(s.framebufferSize()) ||
      !s.presenter->acquire())
    return std::nullopt;
  WindowPresenter& p = *s.presenter;
  FrameSlot& slot = p.slot();
  const WindowSwapchainImage& image = p.image();
  s.begun = Impl::Begun{frameIndex, std::exchange(s.scripted.screenshot, std::nullopt)};
  // The copy's clear and blit wait for the window's image; the eye's pass before them does not.
  slot.wait = {slot.acquired};
  slot.waitStages = {VK_PIPELINE_STAGE_TRANSFER_BIT};
  slot.signal = {image.drawn};
  MirrorCopy copy;
  copy.sync = engine::SubmitSync{slot.wait, slot.waitStages, slot.signal};
  const Impl::StripBuffer* strip = s.stripForFrame();
  copy.record = [&p, target = image.image, extent = p.swapchain().extent(), source,
                 readback = s.begun->screenshot.has_value(), stripHandle = strip ? strip->buffer.handle() : VK_NULL_HANDLE,
                 stripWidth = strip ? strip->width : 0u, stripHeight = strip ? strip->height : 0u](VkCommandBuffer commands) {
    recordClear(commands, target, VK_IMAGE_LAYOUT_UNDEFINED);
    // The eye was drawn earlier in this command buffer.
    recordImageLayout(commands, source.image, source.layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_ACCESS_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                      VK_ACCESS_TRANSFER_READ_BIT);
    // Orders the blit after the clear of the same image.
    recordImageLayout(commands, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                      VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                      VK_ACCESS_TRANSFER_WRITE_BIT);
    recordFitBlit(commands, source.image, source.extent, target, extent);
    if (stripHandle != VK_NULL_HANDLE) recordStrip(commands, stripHandle, stripWidth, stripHeight, target, extent);
    // Back as the runtime expects it, visible to whatever it (or the next frame) does next.
    recordImageLayout(commands, source.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, source.layout,
                      VK_PIPELINE_STAGE_TRANSFER_BIT, 0, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                      VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT);
    recordPresentable(p, commands, target, readback);
  };
  return copy;
}

bool WindowMirror::endFrame(const std::function<bool(bool block)>& drawnOnGpu) {
  Impl& s = *impl_;
  if (!s.begun) return false;
  const Impl::Begun begun = std::move(*s.begun);
  s.begun.reset();
  if (!s.presenter) return false;
  WindowPresenter& p = *s.presenter;
  FrameSlot& slot = p.slot();
  const WindowSwapchainImage& image = p.image();
  if (drawnOnGpu) {
    p.presentDrawnElsewhere(image.drawn, drawnOnGpu);
  } else {
    // The image was acquired and must be presented: black, as nothing was drawn to copy.
    const VkCommandBuffer commands = p.beginOwnWork();
    recordClear(commands, image.image, VK_IMAGE_LAYOUT_UNDEFINED);
    recordPresentable(p, commands, image.image, begun.screenshot.has_value());
    p.submitOwnWork(image.finished);
    p.present(image.finished);
  }
  if (begun.screenshot) s.deliverScreenshot(*begun.screenshot, slot, begun.frameIndex);
  if (!drawnOnGpu) return false;
  ++s.presented;
  return true;
}

std::uint64_t WindowMirror::ownSubmits() const {
  return impl_->pastOwnSubmits + (impl_->presenter ? impl_->presenter->ownSubmits() : 0);
}

RawInput WindowMirror::takeKeys() {
  RawInput all = impl_->input.take();
  RawInput keys;
  keys.keys = std::move(all.keys);
  keys.held = all.held;
  return keys;
}

VkExtent2D WindowMirror::extent() const { return impl_->presenter ? impl_->presenter->extent() : VkExtent2D{}; }

std::uint64_t WindowMirror::presented() const { return impl_->presented; }

}  // namespace ps::xr
