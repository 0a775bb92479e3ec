#pragma once
// EquirectRenderer: draws equirect frames (360/180, mono/stereo) into views, pipelined.
//
// Per frame, on the thread that owns the renderer:
//   auto ticket = renderer.beginFrame(frame, layout, yawOffsetDeg);  // copy planes, record upload
//   renderer.drawView(view, Eye::Left, leftTarget);                  // as many views as needed
//   renderer.drawView(view, Eye::Right, rightTarget);
//   renderer.submit();                                               // returns at once
//   ... later, only if the CPU needs the result: renderer.wait(ticket);
// It is a frame context (frame_context.h) drawing one layer, the EquirectLayer
// (equirect_layer.h), with a FrameRenderer: beginFrame begins the context's frame and sets the
// picture, drawView adds an eye, submit records every eye's pass and submits once. beginFrame
// blocks only while the command slot it reuses, or a frame that still samples the picture it
// overwrites, is being executed by the GPU, so the decode of frame N+1, its upload and the
// rendering of frame N overlap. Code that draws more than the picture (meshes, markers, the
// GUI) uses the context, the frame renderer and the layer directly.
//
// A display faster than the video (90 Hz headset, 30 fps plate) shows each picture several
// times: reuseLastFrame() starts a frame that samples the last uploaded picture again, with no
// copy and no upload. An upload never overwrites the picture reuse shows, nor one that a frame
// still in flight samples.
#include <cstdint>
#include <memory>
#include <span>

#include <vulkan/vulkan.h>

#include "engine/render_target.h"
#include "engine/submit_sync.h"
#include "engine/view.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::engine {

class Device;
class OffscreenTarget;

struct RendererOptions {
  // 1 to 3: the pictures it cycles through (and frames in flight, at least 2).
  std::uint32_t framesInFlight = 2;
};

// Identifies one submitted frame; serials only increase.
struct FrameTicket {
  std::uint64_t serial = 0;
};


class EquirectRenderer {
 public:
  // `device` must outlive the renderer.
  explicit EquirectRenderer(const Device& device, const RendererOptions& options = {});
  EquirectRenderer(EquirectRenderer&&) noexcept;
  EquirectRenderer& operator=(EquirectRenderer&&) noexcept;
  EquirectRenderer(const EquirectRenderer&) = delete;
  EquirectRenderer& operator=(const EquirectRenderer&) = delete;
  // Waits for this renderer's frames still on the GPU (not for the whole device).
  ~EquirectRenderer();

  // Builds the pipelines for views of `projection` sources into targets like this one ahead of
  // time, so the first frame drawn does not stall on shader compilation. Optional: drawView
  // builds them on first use.
  void prepareTarget(const RenderTarget& target, Projection projection = Projection::Equirect360);

  // Starts a frame: copies the planes into the next picture (the FrameView's bytes are not used
  // after this returns) and records their upload. Mip levels are made down to what the views of
  // the previous frame needed (the whole chain before any view was drawn): a view that minifies
  // more than the last frame's gets the smaller levels it needs from the next upload on.
  // yawOffsetDeg turns the source: its centre appears at that yaw, right positive. Throws
  // std::invalid_argument for a frame that does not fit its layout (missing plane, odd stereo split),
  // ImageTooLarge (an std::invalid_argument) for one whose formats the device cannot sample. A
  // picture larger than the device's images is held at a lower mip level (engine/picture_fit.h),
  // logged once at info.
  FrameTicket beginFrame(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg = 0);
  // The same, with `bytesOwner` keeping the FrameView's bytes alive: the renderer may then copy
  // lazily, only the parts of the picture that the views drawn from it (this frame's and those
  // of reuseLastFrame) sample, as they are drawn. It holds the owner until another picture is
  // begun. On a CPU driver this is most of the upload's cost saved for a view of part of the sphere.
  FrameTicket beginFrame(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg,
                         std::shared_ptr<const void> bytesOwner);

  // Starts a frame that shows the picture of the latest beginFrame again (same layout and yaw
  // offset): nothing is copied or uploaded. Throws std::logic_error before the first beginFrame.
  FrameTicket reuseLastFrame();
  // True once a picture has been uploaded, i.e. reuseLastFrame may be called.
  bool hasFrame() const;

  // Adds `target` to the current frame, as seen by `view`, sampling `eye`'s picture (mono
  // sources show the same picture to both eyes); it must stay alive until the frame is done.
  // Recorded by submit().
  void drawView(const View& view, Eye eye, const RenderTarget& target);

  // Records the current frame's `eye` picture as a whole-sphere equirect image into `target`
  // (centre straight ahead with the yaw offset applied, u to the right, v downward, RGB in the
  // target's format): what an equirect composition layer hands the compositor. A target as
  // large as the source samples it texel for texel. Same lifetime rule as drawView.
  void drawEquirect(Eye eye, const RenderTarget& target);

  // Records a copy of `target` (after a drawView into its target()) for OffscreenTarget::pixels(),
  // after the frame's eyes.
  void recordReadback(const OffscreenTarget& target);

  // Records the current frame's eyes and readbacks and submits them in one vkQueueSubmit; does
  // not wait.
  void submit(const SubmitSync& sync = {});

  // Blocks until the frame has finished on the GPU. Returns at once for older frames.
  void wait(FrameTicket ticket);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
