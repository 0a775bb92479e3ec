#pragma once
// EquirectLayer: the background of every eye, an equirect picture (360/180, mono/stereo) at
// infinity. It writes no depth: the pass's cleared depth (0, far) is what it stands for.
//
//   layer.setPicture(frame, layout, yaw, owner);   // a new picture: copies the planes now
//   ... FrameRenderer::record(rec, eyes, {&layer, ...}) ...
//     prepare(): records the upload, copies (lazily) exactly the parts the frame's eye views
//                sample, notes how far the views minify (mip levels and packing of the next upload);
//     record():  one full-target draw per eye: the EyeCamera's view, or the whole sphere.
//
// Frames that call no setPicture show the last picture again with no copy and no upload (a
// 90 Hz display over a 30 fps plate). The layer cycles through `pictures` uploaded pictures;
// setPicture never overwrites the latest, nor one a submitted frame still samples: it waits
// for that frame (FrameContext::wait), and only then.
//
// A player that knows its next video frame before it is due stages it ahead:
//   layer.stageAhead(index, next, layout, yaw, owner);  // after this frame's submit: the copy
//                                                        // runs on the layer's own thread
//   ... the next display frame ...
//   if (!layer.showStaged(index)) layer.setPicture(...);  // a swap when it is the one staged
// so the thread that records frames does not copy pictures, and the copy overlaps the wait for
// the next display slot.
// Thread: the frame context's (the copy thread is the layer's own).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include <vulkan/vulkan.h>

#include "engine/frame_context.h"
#include "engine/layer.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::engine {

class EquirectLayer final : public Layer {
 public:
  // `context` must outlive the layer. pictures: 1 to 3 (1: every new picture waits for the
  // frames that show the last one).
  explicit EquirectLayer(FrameContext& context, std::uint32_t pictures = 2);
  EquirectLayer(const EquirectLayer&) = delete;
  EquirectLayer& operator=(const EquirectLayer&) = delete;
  // Hands what frames in flight may still sample to the context's disposer: no wait.
  ~EquirectLayer() override;

  // Copies the frame's planes into the next picture (without a bytesOwner the FrameView's bytes
  // are not used after this returns; with one, a packed picture is copied lazily, only where the
  // views drawn from it sample, and the owner is held until the next setPicture). Mip levels are
  // made down to what the recent frames' views needed (the whole chain before any was drawn).
  // yawOffsetDeg turns the source: its centre appears at that yaw, right positive.
  // Throws std::invalid_argument for a frame that does not fit its layout, ImageTooLarge for
  // one whose formats the device cannot sample, std::logic_error when the frame being recorded
  // already drew from the picture it would overwrite. A picture larger than the device's images
  // is held at a lower mip level (engine/picture_fit.h), logged once at info.
  void setPicture(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg = 0,
                  std::shared_ptr<const void> bytesOwner = nullptr);
  // Starts copying a frame into a picture that no submitted frame samples any more, on the
  // layer's copy thread, ahead of the display frame that shows it. `key` names the frame for
  // showStaged (e.g. its index in the video); bytesOwner must keep the frame's bytes alive, and
  // is held until the picture is shown or dropped. Returns false with nothing started when no
  // picture is free without a wait, or the frame does not fit its layout (setPicture says why
  // when it comes). A picture staged ahead under another key is dropped first (after its copy
  // ends). Not while a frame is being recorded.
  bool stageAhead(std::int64_t key, const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg,
                  std::shared_ptr<const void> bytesOwner);
  // What setPicture would do for the frame staged ahead under `key` (with the same layout and
  // yaw), without copying it: waits for its copy if it is still running, and the frames show it.
  // False when nothing is staged under that key (or its copy failed): call setPicture.
  bool showStaged(std::int64_t key, const FrameLayout& layout, float yawOffsetDeg);
  // The key of the frame staged ahead and not shown yet.
  std::optional<std::int64_t> stagedKey() const;
  // True once a picture has been set: frames without setPicture show it again.
  bool hasPicture() const;
  // Builds the pipelines for passes of this colour and depth format ahead of time (so the
  // first frame does not stall on shader compilation). Optional.
  void preparePipelines(VkFormat colorFormat, VkFormat depthFormat, Projection projection = Projection::Equirect360);

  void prepare(FrameRecording& frame, std::span<const EyePass> eyes) override;
  void record(FrameRecording& frame, const EyePass& eye) override;
  // Its shader writes encoded values through a UNORM view, linear ones through an sRGB view
  // (from the pass's colour format).
  bool writesEncoded() const override { return true; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
