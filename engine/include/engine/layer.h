#pragma once
// A layer: one kind of content drawn into every eye of a display frame (the equirect
// background, meshes, markers and lines, the GUI). The frame renderer calls, once per display
// frame and in the layers' order:
//   prepare(frame, eyes)   outside any pass: uploads, compute, layout transitions; it sees every
//                          eye of the frame, so it can upload only what those views need;
//   record(frame, eye)     inside that eye's pass, once per eye: colour + depth are bound
//                          (reverse-Z, cleared to 0), viewport and scissor cover the target
//                          (outside it for a layer that draws its own passes: drawsOwnPasses).
// Both record into frame.commands; neither submits. A resource a layer replaces while frames
// may still use it goes to frame.disposer with the serial of the last frame that used it.
#include <cstddef>
#include <span>

#include <vulkan/vulkan.h>

#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "scenes/layout.h"

namespace ps::engine {

// The images of one eye's pass, for a layer that draws passes of its own (Layer::drawsOwnPasses).
struct EyeImages {
  VkImageView color = VK_NULL_HANDLE;  // the target's own view, of `colorFormat`
  VkFormat colorFormat = VK_FORMAT_UNDEFINED;
  VkImageView encoded = VK_NULL_HANDLE;  // its UNORM twin when the target is sRGB, else VK_NULL_HANDLE
  VkFormat encodedFormat = VK_FORMAT_UNDEFINED;
  VkImageView depth = VK_NULL_HANDLE;  // VK_NULL_HANDLE: a pass without depth
};

// One eye's pass of a display frame.
struct EyePass {
  std::size_t index = 0;  // among the frame's eyes
  Eye eye = Eye::Left;    // which picture of a stereo source it shows
  EyeCamera camera;
  VkExtent2D extent{};
  VkFormat colorFormat = VK_FORMAT_UNDEFINED;  // of the view bound
  bool encoded = false;  // the view bound is the UNORM twin of an sRGB target: write encoded values
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;  // UNDEFINED: a pass without depth
  // The target is a whole-sphere equirect image (a runtime's equirect layer), not the view of
  // `camera`: only the background draws into it.
  bool wholeSphere = false;
  // The eye goes over a picture the compositor draws itself (a runtime's equirect layer): the
  // pass is cleared to transparent black and blended by its premultiplied alpha, so only what
  // lies in front of that picture draws here (no background).
  bool overSphere = false;
  EyeImages images;
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual void prepare(FrameRecording& frame, std::span<const EyePass> eyes) = 0;
  virtual void record(FrameRecording& frame, const EyePass& eye) = 0;
  // True when the layer can write colour values already sRGB-encoded (EyePass::encoded): a pass
  // whose layers all can draws through the target's UNORM view and skips the encode per pixel,
  // which a CPU driver pays for. Layers that blend need the sRGB view and say false.
  virtual bool writesEncoded() const { return false; }
  // True when record() begins and ends passes of its own into the eye's images (EyePass::images)
  // rather than drawing into the renderer's: the renderer ends the eye's pass before the layer's
  // record() and begins it again after it, loading what was drawn. The layer's passes load the
  // colour and depth (never clear them) and leave colour in COLOR_ATTACHMENT_OPTIMAL and depth in
  // DEPTH_STENCIL_ATTACHMENT_OPTIMAL; the renderer orders them after and before its own with
  // barriers. For a layer that blends in a space the target's view does not (a capture's
  // encoded values) or needs attachments of its own.
  virtual bool drawsOwnPasses() const { return false; }

 protected:
  Layer() = default;
  Layer(const Layer&) = default;
  Layer& operator=(const Layer&) = default;
};

}  // namespace ps::engine
