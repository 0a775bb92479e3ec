#pragma once
// WindowMirror: a desktop window that shows what the headset shows, one eye of it, for the
// people around the wearer. It draws nothing itself: the OpenXR display names the eye image the
// frame draws, and the frame's one submit copies it (scaled to the window's height, centred)
// into the window's swapchain after drawing it:
//
//   auto copy = mirror.beginFrame(source, index);  // acquires a window image (never waits)
//   if (copy) { frame.recordAfterDraw = copy->record; frame.sync = copy->sync; }
//   ... the loop records the eyes, then recordAfterDraw, and submits once with frame.sync ...
//   mirror.endFrame(frame.submitted ? frame.drawnOnGpu : nullptr);  // presents
//
// It lives on the device the headset renders with (the runtime's: XR_KHR_vulkan_enable2
// creates it), so the copy is a blit in the frame's own command buffer, after the eye's pass
// and before the eye goes back to the runtime; no CPU copy, no second device, no second submit. That device
// must have been created with instanceExtensions() and deviceExtensions(); hence the two steps:
// open() the window first (GLFW tells which surface extension the window system needs), then
// attach() the device. A lost runtime replaces the device: detach() before the old one goes,
// attach() the new one; the window stays open throughout.
//
// The headset's frame loop never waits on the window: presents are MAILBOX or IMMEDIATE where
// offered, and a frame for which no window image is free (or the previous frame that copied
// into it is still running) is simply not mirrored. A frame begun and then not submitted by the
// loop shows black, through one submit of the mirror's own (the window image was acquired and
// must be presented). Minimised: nothing is copied. Resized: the swapchain is
// rebuilt at the next frame. Closed (or Esc): poll() says so and the owner drops the mirror;
// the headset plays on. Keys typed into it are reported with the headset's input (RawInput),
// so they do what they do in the window display; the mouse does nothing (the head is the
// wearer's).
//
// Scripted use (tests): the script's ticks are frames offered to beginFrame(); `screenshot`
// reads back the next mirrored frame (what the window shows), `quit` closes the window.
// Thread: the one that owns the device's queue; GLFW wants it to be the main thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/device.h"
#include "engine/submit_sync.h"
#include "scenes/result.h"
#include "xr/raw_input.h"
#include "xr/window_display.h"
#include "xr/window_glfw.h"
#include "xr/window_input_script.h"

namespace ps::xr {

// An image someone else draws (an OpenXR eye), to be shown in the window.
struct MirrorSource {
  VkImage image = VK_NULL_HANDLE;
  VkExtent2D extent{};
  VkImageLayout layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;  // before and after the copy
};

// The mirror's part of a frame's one submit: `record`, recorded after everything drawn into
// the source, copies it into the window's image; the submit waits on and signals `sync` (the
// window image's acquire and present). Both stay valid until endFrame.
struct MirrorCopy {
  std::function<void(VkCommandBuffer)> record;
  engine::SubmitSync sync;
};

struct WindowMirrorOptions {
  WindowSize size{1280, 720};  // window pixels
  std::string title = "PerfectShot - headset mirror";
  std::optional<InputScript> script;  // a tick is one beginFrame() call
  ScreenshotSink onScreenshot;        // required when the script takes screenshots; camera left default
};

class WindowMirror {
 public:
  // Opens the window (no Vulkan yet). An Error a user can act on when there is no window system.
  static Result<std::unique_ptr<WindowMirror>> open(WindowMirrorOptions options);
  WindowMirror(const WindowMirror&) = delete;
  WindowMirror& operator=(const WindowMirror&) = delete;
  ~WindowMirror();

  // What the device must have been created with: VK_KHR_surface and the window system's
  // surface extension (instance), VK_KHR_swapchain (device).
  std::vector<std::string> instanceExtensions() const;
  static std::vector<std::string> deviceExtensions();

  // Makes the window's surface on `device`. An Error when its queue cannot present to the window.
  Status attach(const engine::Device& device);
  // Drops everything made on the attached device (waits for its queue); the window stays.
  void detach();
  bool attached() const;

  // Handles the window's events. False once the user closed the window (or pressed Esc).
  bool poll();

  // Starts showing `source` in this frame, without waiting for the window: acquires a window
  // image and says what the frame's submit must do. Nothing (no frame begun) when nothing will
  // be shown: not attached, minimised, closed, no image free. `frameIndex` names the frame in
  // screenshots and logs. `source` must be on the attached device and stay alive until that
  // submit has finished. A frame still begun is ended first, as not submitted.
  std::optional<MirrorCopy> beginFrame(const MirrorSource& source, std::uint64_t frameIndex);
  // Presents the frame begun: `drawnOnGpu` is the answer of the submit that recorded the copy
  // with its sync (DisplayFrame::drawnOnGpu); empty when the frame was not submitted, and then
  // the window shows black (a submit of the mirror's own). True when the eye was shown; false
  // (and nothing done) without a frame begun.
  bool endFrame(const std::function<bool(bool block)>& drawnOnGpu);
  // vkQueueSubmit calls of the mirror's own (frames begun and not submitted), on every device
  // it was attached to.
  std::uint64_t ownSubmits() const;

  // Keys typed into the window since the last call (no pointer; Esc closes the mirror and is
  // not reported), and the keys held now.
  RawInput takeKeys();

  VkExtent2D extent() const;  // of the swapchain; {0, 0} before the first frame
  // A line for the operator (a kiosk's status): after the window's title and drawn along the bottom
  // of its picture (light text on black, over the eye's copy); the wearer never sees it.
  void setStatus(const std::string& line);
  std::uint64_t presented() const;  // frames shown

 private:
  struct Impl;
  explicit WindowMirror(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::xr
