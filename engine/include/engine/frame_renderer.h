#pragma once
// FrameRenderer: draws an ordered list of layers into every eye of a display frame, recording
// into the frame's one command buffer (frame_context.h):
//   1. every layer's prepare(), in order, with all the eyes (uploads, compute);
//   2. per eye, one pass (dynamic rendering) into the eye's colour and depth: depth cleared to
//      0 (reverse-Z: far), then every layer's record(), in order (background first). Around a
//      layer that draws passes of its own (Layer::drawsOwnPasses: the splats, which blend in the
//      encoded space) the pass is ended and begun again, loading colour and depth.
// An eye target without a depth image of its own gets one of the renderer's (D32 float where
// the device offers it), kept per size; targets that bring depth (an OpenXR depth swapchain)
// keep what is drawn into it. A whole-sphere target without depth of its own is drawn without
// depth (only the background, at infinity, draws into it). Colour is transitioned from the target's layoutBefore and left in
// its layoutAfter.
// Thread: the owner's.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/layer.h"
#include "engine/render_target.h"
#include "scenes/layout.h"

namespace ps::engine {

class Device;

// One eye of a display frame: what it sees and where it is drawn.
struct EyeDraw {
  Eye eye = Eye::Left;
  EyeCamera camera;
  RenderTarget target;
  bool wholeSphere = false;  // see EyePass::wholeSphere
  bool overSphere = false;   // see EyePass::overSphere
};

// The depth format the engine draws with on `device`: D32_SFLOAT where it can be a depth
// attachment, else the best other depth format offered. Throws when none is.
VkFormat pickDepthFormat(const Device& device);

class FrameRenderer {
 public:
  explicit FrameRenderer(const Device& device);
  FrameRenderer(const FrameRenderer&) = delete;
  FrameRenderer& operator=(const FrameRenderer&) = delete;
  ~FrameRenderer();

  VkFormat depthFormat() const;
  // Records the frame (steps 1 and 2 above). Layers may be empty (the eyes are then cleared
  // to black). Every target must stay alive until the frame has finished on the GPU.
  void record(FrameRecording& frame, std::span<const EyeDraw> eyes, std::span<Layer* const> layers);
  // The passes of the last record(), as the layers saw them (for picking and tests).
  std::span<const EyePass> lastPasses() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
