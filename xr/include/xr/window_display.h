#pragma once
// WindowDisplay: the desktop window backend of Display (display.h). A GLFW window with a
// Vulkan swapchain showing one eye, the mouse turning the head (window_input.h), keys and
// clicks reported as RawInput. Paced by FIFO presentation (vsync). Resizes and fullscreen recreate the
// swapchain; while minimised beginFrame() draws nothing and waits briefly for events instead
// of spinning.
//
// Scripted use (tests): an InputScript replays input and window events at given ticks and asks
// for screenshots, which are read back from the swapchain image just before it is presented,
// i.e. exactly what the window shows, and handed to onScreenshot.
//
// In headset mode the window that mirrors an eye is a WindowMirror (window_mirror.h): it lives
// on the runtime's device, not on one of its own.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <vulkan/vulkan.h>

#include "engine/device.h"
#include "engine/rgba_image.h"
#include "scenes/result.h"
#include "xr/display.h"
#include "xr/window_glfw.h"
#include "xr/window_input.h"
#include "xr/window_input_script.h"

namespace ps::xr {

// What a screenshot shows: the eye's camera, in v360's terms, and which frame it was.
struct ScreenshotInfo {
  engine::V360Camera camera;
  std::uint64_t frameIndex = 0;
};
using ScreenshotSink =
    std::function<Status(const std::filesystem::path& file, const engine::RgbaImage& image, const ScreenshotInfo& info)>;

struct WindowDisplayOptions {
  WindowSize size{1280, 720};  // window pixels
  std::string title = "PerfectShot";
  HeadLook look;                        // where the head starts
  std::optional<InputScript> script;    // replayed on top of real input
  ScreenshotSink onScreenshot;          // required when the script takes screenshots
  engine::DeviceOptions device;         // the display adds the surface and swapchain extensions
  // Which presses and keys the app's UI takes from the look control (window_input.h).
  InputClaims claims;
};

class WindowDisplay final : public Display {
 public:
  // Opens the window and creates its own Device (Device::create with the surface extensions).
  // An Error a user can act on when there is no display or no Vulkan device can present.
  static Result<std::unique_ptr<WindowDisplay>> create(WindowDisplayOptions options);
  ~WindowDisplay() override;

  std::string_view name() const override { return "window"; }
  DisplayCapabilities capabilities() const override;
  const engine::Device& device() const override;
  DisplayEvents poll() override;
  std::optional<DisplayFrame> beginFrame() override;
  // If the frame's sync was not submitted (frame.submitted false), the window shows black,
  // through a submit of the display's own. A frame submitted must come with its drawnOnGpu
  // (std::logic_error otherwise).
  void endFrame(DisplayFrame& frame) override;
  RawInput input() override;
  void requestQuit() override;
  std::uint64_t ownSubmits() const override;

  const HeadLook& look() const;
  VkExtent2D extent() const;  // of the swapchain; {0, 0} while minimised before the first frame

 private:
  struct Impl;
  explicit WindowDisplay(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::xr
