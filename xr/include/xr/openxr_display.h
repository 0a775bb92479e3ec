#pragma once
// The headset display: OpenXR with XR_KHR_vulkan_enable2. See DESIGN.md and display.h.
//
// - Instance with XR_KHR_vulkan_enable2 (required) and, where offered,
//   XR_KHR_convert_timespec_time, XR_FB_display_refresh_rate, XR_EXT_debug_utils,
//   XR_KHR_composition_layer_equirect2, XR_KHR_composition_layer_depth (xr/src/openxr/ext_*.h,
//   one piece each).
// - The Vulkan instance and device are created through the runtime (its requirements met).
// - One function owns the session state machine, fed by xrPollEvent (poll()): begin on
//   READY, end on STOPPING, shown (DisplayEvents::visible) only while FOCUSED; on
//   LOSS_PENDING, instance loss or a lost call it tears down and reconnects with back-off
//   (DisplayEvents::deviceReplaced once a new device is up); EXITING ends the loop.
// - STAGE space, LOCAL as fallback; recenter (controller) turns it to the current heading.
// - PRIMARY_STEREO: one swapchain per eye in an sRGB format the runtime offers; each eye
//   from its own pose and asymmetric fov; frames on the runtime's predicted display time,
//   converted to the steady clock.
// - With XR_KHR_composition_layer_depth: a depth swapchain per eye (D32 float, else D24, else
//   D16), handed to the engine in each eye's RenderTarget and submitted with the projection
//   layer (reverse-Z, infinite far plane) on the frames whose depth the loop drew.
// - With the equirect layer: the stereo eye swapchains become DisplayFrame::overlayEyes, a
//   projection layer blended over the sphere on the frames the loop draws them.
// - Optionally a desktop window mirroring one eye (window_mirror.h), on the runtime's device:
//   its surface extensions are requested through xrCreateVulkanInstanceKHR /
//   xrCreateVulkanDeviceKHR. Its copy of the eye is part of the frame's one submit
//   (DisplayFrame::recordAfterDraw, with the window's acquire and present in DisplayFrame::sync).
//   Closing it leaves the headset playing; a mirror that cannot open is a warning unless it
//   was required.
// Thread: the player loop's. Two displays may live in one process (no globals).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/device.h"
#include "scenes/result.h"
#include "xr/display.h"
#include "xr/window_mirror.h"

namespace ps::xr {

struct OpenXrMirrorOptions {
  Eye eye = Eye::Left;
  // True (the user asked for it): a mirror that cannot open makes create() an Error. False: a
  // warning, and the headset plays without it.
  bool required = false;
  WindowMirrorOptions window;
};

struct OpenXrDisplayOptions {
  std::string appName = "PerfectShot";
  engine::DeviceOptions device;
  // Interaction profiles to suggest bindings for, e.g. "oculus/touch_controller"; empty: all
  // known (khr/simple_controller, oculus/touch_controller, valve/index_controller, htc/vive_controller).
  std::vector<std::string> interactionProfiles;
  // Reconnect after a loss: first retry after the minimum, doubling up to the maximum (seconds).
  double reconnectMinSeconds = 0.1;
  double reconnectMaxSeconds = 5.0;
  // Hand a mono 360 picture to the compositor as an XR_KHR_composition_layer_equirect2 layer
  // of this size (pixels; the video's, so it is sampled texel for texel) instead of drawing
  // each eye: the frame then has one EyeTarget with wholeSphere set. Where the runtime lacks
  // the extension the projection layer is used (and a warning logged). Empty: projection layer.
  std::optional<VkExtent2D> equirectLayer;
  // A desktop window showing one eye; empty: none.
  std::optional<OpenXrMirrorOptions> mirror;
};

struct OpenXrStats {
  std::uint64_t reconnects = 0;          // sessions rebuilt after a loss
  std::uint64_t framesEnded = 0;         // xrEndFrame calls
  std::uint64_t validationMessages = 0;  // OpenXR (XR_EXT_debug_utils) and Vulkan validation warnings and errors
  std::uint64_t framesMirrored = 0;      // frames the mirror window showed
  std::uint64_t framesWithDepth = 0;     // frames whose projection layer carried each eye's depth
  std::uint64_t framesOverSphere = 0;    // frames with a projection layer over the equirect layer
};

class OpenXrDisplay final : public Display {
 public:
  // An Error with a hint when there is no runtime, no headset, or no usable GPU.
  static Result<std::unique_ptr<OpenXrDisplay>> create(const OpenXrDisplayOptions& options = {});
  ~OpenXrDisplay() override;

  std::string_view name() const override { return "openxr"; }
  // World panels, haptics and a tracked head always; depth and the equirect layer where the
  // current runtime offers them; keys while a mirror window is open.
  DisplayCapabilities capabilities() const override;
  const engine::Device& device() const override;
  DisplayEvents poll() override;
  std::optional<DisplayFrame> beginFrame() override;
  void endFrame(DisplayFrame& frame) override;
  RawInput input() override;
  void requestQuit() override;
  void hapticTick() override;
  bool recenter() override;
  std::optional<StagePose> stageInRoom() const override;
  bool alignStage(const std::optional<StagePose>& pose) override;
  std::optional<std::array<glm::vec3, 4>> playArea() const override;
  // A quad layer, world-locked in the app's space, with its own sRGB swapchain.
  bool setWorldPanel(const std::optional<WorldPanel>& panel) override;
  std::optional<engine::RenderTarget> acquireWorldPanel() override;
  // The mirror window's, for the frames it had begun that the loop did not submit.
  std::uint64_t ownSubmits() const override;
  // In the mirror window's title (the operator's desktop), never in the headset.
  void setOperatorStatus(const std::string& line) override;

  OpenXrStats stats() const;

 private:
  struct Impl;
  explicit OpenXrDisplay(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::xr
