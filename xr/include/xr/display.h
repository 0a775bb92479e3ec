#pragma once
// A display: where the player's views go and where the user's input comes from.
// One interface, three backends (DESIGN.md): OpenXR (a headset), a window (GLFW),
// offscreen (scripted views into images). The player loop (tools/player) is
// the same for all of them:
//
//   for (;;) {
//     DisplayEvents ev = display.poll();          // session/window events; never blocks
//     if (ev.quit) break;
//     if (ev.deviceReplaced) rebuild everything made on display.device();
//     if (ev.visible) pause or resume playback;
//     auto frame = display.beginFrame();          // paces the loop (xrWaitFrame, vsync, or not at all)
//     if (!frame) continue;                       // nothing to draw this pass (e.g. session not running)
//     map display.input() (raw: keys, mouse, controllers) to the app's commands and apply them;
//     show = player.update(frame->predictedDisplayTime);
//     if (frame->shouldRender) { record every eye's pass (FrameRenderer) and frame->recordAfterDraw
//                                into one command buffer, submit once with frame->sync;
//                                frame->submitted = true; set frame->drawnOnGpu }
//                                (and, where the frame renderer stored each eye's depth, frame->depthDrawn = true;
//                                 where it drew frame->overlayEyes, frame->overlayDrawn = true)
//     display.endFrame(*frame);                   // after the submit
//   }
//
// Thread: one, the player loop's. Times are seconds on std::chrono::steady_clock
// (the clock media::SteadyTimeSource reads), so display times and the media clock agree.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include "engine/equirect_renderer.h"
#include "engine/render_target.h"
#include "engine/view.h"
#include "scenes/layout.h"
#include "xr/raw_input.h"

namespace ps::engine {
class Device;
}

namespace ps::xr {

// One view to draw this frame.
struct EyeTarget {
  Eye eye = Eye::Left;
  engine::View view;            // pose in stage space, asymmetric fov
  // Owned by the display; valid until endFrame. Where the display hands the compositor
  // depth (OpenXR with XR_KHR_composition_layer_depth) the target brings a depth image
  // (RenderTarget::depthImage) to be drawn with reverse-Z and an infinite far plane, the near
  // plane at engine::EyeCamera::kDefaultNearM; otherwise the renderer uses depth of its own.
  engine::RenderTarget target;
  // Draw the whole sphere as an equirect image (EquirectRenderer::drawEquirect), not `view`:
  // the OpenXR display hands it to the compositor as an equirect layer. `view` is still the
  // eye's (for the audio listener).
  bool wholeSphere = false;
};

// A flat UI panel placed in the world (the timeline scrubber), composited by the display
// itself where it can (OpenXR: a quad layer with its own swapchain, so the compositor
// samples the panel's pixels once, at its own resolution, and the eye images stay pure).
struct WorldPanel {
  glm::vec3 center{0.0f};            // stage space, metres
  glm::quat orientation{1, 0, 0, 0}; // the panel's +X along its width, +Y up, +Z toward the viewer
  float widthM = 1, heightM = 0.125f;
  VkExtent2D pixels{1024, 128};      // the image drawn into each frame
};

struct DisplayFrame {
  // False when the display wants the frame submitted without drawing (OpenXR's
  // shouldRender): call endFrame all the same.
  bool shouldRender = true;
  double predictedDisplayTime = 0;  // seconds, steady clock: when these views will be seen
  double period = 0;                // seconds between displayed frames (0: unpaced)
  std::vector<EyeTarget> eyes;      // 1 (mono window/offscreen, OpenXR equirect layer) or 2 (stereo)
  // Semaphores the renderer's submit waits on and signals (a window's swapchain acquire
  // and present); the spans point into storage the display owns until endFrame.
  engine::SubmitSync sync;
  std::uint64_t index = 0;  // frames begun by this display, from 0; only increases
  // Set by the loop once it has submitted with `sync`. A display whose sync chains into a
  // present (the window) must know: a frame ended without that submit is cleared instead.
  bool submitted = false;
  // Set after the submit that drew the image acquireWorldPanel() gave for this frame.
  bool panelDrawn = false;

  // Set by the loop when every eye's depth image (EyeTarget::target.depthImage) was drawn and
  // stored in this frame's submit: only then is it handed to the compositor. Targets without
  // a depth image ignore it.
  bool depthDrawn = false;
  // Where `eyes` is one whole-sphere image that the compositor draws as a layer (OpenXR's
  // equirect layer), the stereo views over it: draw what lies in front of the sphere (markers,
  // overlays, meshes) into each, cleared to transparent black, with premultiplied alpha
  // (the layer is blended by it over the sphere). Empty where the frame has no such layer.
  std::vector<EyeTarget> overlayEyes;
  // Set after the submit that drew every overlay eye; undrawn overlay eyes are not shown.
  bool overlayDrawn = false;
  // The display's own GPU work for this frame (a readback of the eyes, a screenshot), recorded
  // by the loop into the frame's command buffer after everything drawn into the eyes, before
  // the one submit with `sync`; empty: none. Then the loop sets drawnOnGpu.
  std::function<void(VkCommandBuffer)> recordAfterDraw;
  // Set by the loop with its submit: whether that submit has finished on the GPU; with
  // block, waits until it has (a readback, a swapchain slot's reuse). Stays callable after the
  // loop has ended (then true).
  std::function<bool(bool block)> drawnOnGpu;
};

// What a display can do, so that the app picks its input and drawing paths by feature, never
// by the display's name or type.
// A pose on the floor: a point and a turn about +Y (radians, counter-clockwise seen from above,
// OpenXR's), as a stage lies in a room.
struct StagePose {
  glm::vec3 position{0.0f};
  float yawRad = 0;
};

struct DisplayCapabilities {
  bool worldPanels = false;      // setWorldPanel composites a panel itself (an OpenXR quad layer)
  bool depthSubmission = false;  // eye targets bring depth images the compositor receives
  bool equirectLayer = false;    // frames may carry one whole-sphere image and overlayEyes
  bool pointer = false;          // a mouse cursor in the view's pixels (RawInput::mouse)
  bool keyboard = false;         // keys and typed text (RawInput::keys, RawInput::gui)
  bool haptics = false;          // hapticTick is felt
  bool headTracked = false;      // the eyes follow a tracked head: its gaze can point (dwell)
  bool mouseLook = false;        // dragging the view turns the head (the window's look control)
  bool userPresence = false;     // DisplayEvents::present comes from the headset's own sensor (XR_EXT_user_presence)
};

struct DisplayEvents {
  bool quit = false;                 // leave the loop cleanly (window closed, OpenXR EXITING, end of script)
  std::optional<bool> visible;       // the user stopped / started seeing the display: pause / resume
  bool deviceReplaced = false;       // display.device() is a new Device: rebuild what was made on the old one
  std::optional<bool> present;       // someone put the headset on / took it off (capabilities().userPresence)
};

class Display {
 public:
  virtual ~Display() = default;
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  virtual std::string_view name() const = 0;  // "openxr", "window", "offscreen": for logs only
  // What this display can do now (OpenXR's depends on the runtime of the current session).
  virtual DisplayCapabilities capabilities() const = 0;
  // The Vulkan device views are drawn with. May change: see DisplayEvents::deviceReplaced.
  virtual const engine::Device& device() const = 0;

  virtual DisplayEvents poll() = 0;
  virtual std::optional<DisplayFrame> beginFrame() = 0;
  virtual void endFrame(DisplayFrame& frame) = 0;
  // What the user did since the last call (edges) and holds now (levels), in the devices' terms.
  virtual RawInput input() = 0;
  // Asks the display to end (SIGINT, end of playback): poll() reports quit once it has.
  virtual void requestQuit() = 0;
  // Shows `panel` from the next beginFrame on (empty: none). False when this display cannot
  // composite one (window, offscreen): the loop then draws its UI into the views itself.
  virtual bool setWorldPanel(const std::optional<WorldPanel>& panel) {
    (void)panel;
    return false;
  }
  // Between beginFrame and endFrame, only when the panel's content changed: a new image to
  // draw whole (cleared first) and submit before endFrame (then set panelDrawn). Frames that
  // do not ask show the last image drawn again, so a still panel costs nothing.
  virtual std::optional<engine::RenderTarget> acquireWorldPanel() { return std::nullopt; }
  // A short tactile tick on the controllers; displays without haptics ignore it.
  virtual void hapticTick() {}
  // Turns the view to face where the wearer faces now (a show control's or a new visitor's
  // recentre, as the controller's own recentre does). False where the display tracks no head.
  virtual bool recenter() { return false; }
  // Where the app's stage (the shot's: eyes and controllers are reported in it) lies in the
  // runtime's own STAGE space; empty where the display tracks no room.
  virtual std::optional<StagePose> stageInRoom() const { return std::nullopt; }
  // Puts the app's stage at `pose` in the runtime's STAGE space (a venue's alignment, kept over
  // a lost runtime) and locks it there: a recentre, from the controller or anyone, no longer
  // moves it. Empty: unlocked, left where it is. False where the display tracks no room.
  virtual bool alignStage(const std::optional<StagePose>& pose) {
    (void)pose;
    return false;
  }
  // The runtime's play area (its STAGE bounds rectangle) as four floor corners in the app's
  // stage, in order around it; empty where the runtime knows none.
  virtual std::optional<std::array<glm::vec3, 4>> playArea() const { return std::nullopt; }
  // vkQueueSubmit calls the display made itself: at most one per frame, and only for a frame
  // the loop did not submit (a window image it must still present, cleared). A submitted
  // frame's GPU work, the display's included (recordAfterDraw), is the loop's one submit.
  virtual std::uint64_t ownSubmits() const { return 0; }
  // A line for the operator (a kiosk's state) where only the operator sees it: the headset's
  // mirror window; never in the eyes. Displays without such a place ignore it.
  virtual void setOperatorStatus(const std::string& line) { (void)line; }

 protected:
  Display() = default;
};

}  // namespace ps::xr
