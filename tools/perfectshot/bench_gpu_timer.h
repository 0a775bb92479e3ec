#pragma once
// GPU time of one eye drawn through the frame renderer, for the mesh benchmarks: timestamps
// around the renderer's work for the eye (the layers' prepare and the eye's pass), or the wall
// time from submit to the fence where the queue has no timestamps.
#include <span>

#include <vulkan/vulkan.h>

#include "engine/device.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/layer.h"
#include "engine/offscreen_target.h"

namespace ps::tools {

// The eye's height above the stage floor in the mesh benchmarks; it looks down -Z.
constexpr float kEyeHeight = 1.6f;

class GpuTimer {
 public:
  explicit GpuTimer(const engine::Device& device);
  GpuTimer(const GpuTimer&) = delete;
  GpuTimer& operator=(const GpuTimer&) = delete;
  ~GpuTimer();
  bool available() const { return pool_ != VK_NULL_HANDLE; }
  void begin(VkCommandBuffer commands) const;
  void end(VkCommandBuffer commands) const;
  double milliseconds() const;  // after the frame's fence

 private:
  const engine::Device& device_;
  VkQueryPool pool_ = VK_NULL_HANDLE;
  float period_ = 1.0f;
};

struct Timing {
  double gpuMs = 0;   // median
  double wallMs = 0;  // median, submit to fence
};

// Medians over `frames` frames of one eye (90x90 degrees at (0, kEyeHeight, 0)) drawing
// `layer` (none: the pass's clear alone), after two frames that pay for uploads and pipelines.
Timing measureEye(int frames, engine::FrameContext& context, engine::FrameRenderer& renderer,
                  const engine::OffscreenTarget& target, const GpuTimer& timer, engine::Layer* layer);
// The same over the eyes of one frame (one submit), drawing `layer` (none: the clear alone).
Timing measureEyes(int frames, engine::FrameContext& context, engine::FrameRenderer& renderer,
                   std::span<const engine::EyeDraw> eyes, const GpuTimer& timer, engine::Layer* layer);

}  // namespace ps::tools
