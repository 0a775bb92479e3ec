#pragma once
// The sampled images of one frame slot and the staging buffer that fills them. Reused frame
// after frame: staging and images are reallocated only when the format, size or stereo layout
// changes. Each eye of a stereo frame gets its own images (copied out of its half of the
// staging buffer), so each eye wraps at its own seam with hardware addressing and mip levels
// never mix the two eyes.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/gpu_resources.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::engine {

class Device;

class FrameTextures {
 public:
  FrameTextures(const Device& device, std::string name);

  // Copies the frame's planes into the staging buffer. The GPU must be done with this slot.
  void stage(const FrameView& frame, StereoLayout stereo);
  // Records staging -> images, mip generation, and the transition to shader reads.
  void recordUpload(VkCommandBuffer commands) const;

  int eyeCount() const { return shape_.stereo == StereoLayout::Mono ? 1 : 2; }
  int planeCount() const { return ps::planeCount(shape_.format); }
  VkImageView planeView(int eye, int plane) const { return images_[eye][plane].view(); }

 private:
  struct Shape {
    PixelFormat format = PixelFormat::Yuv420P;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    StereoLayout stereo = StereoLayout::Mono;
    bool operator==(const Shape&) const = default;
  };
  struct PlaneCopy {
    VkDeviceSize offset;       // of the plane in the staging buffer
    std::uint32_t rowTexels;   // plane width, in texels
    std::uint32_t texelBytes;  // bytes per texel of the plane's image format
  };

  void reallocate(const Shape& shape);

  const Device& device_;
  std::string name_;
  Shape shape_;
  bool allocated_ = false;
  GpuBuffer staging_;
  std::vector<PlaneCopy> planes_;
  std::array<std::array<GpuImage, 3>, 2> images_;  // [eye][plane]
};

// Throws std::invalid_argument when a frame cannot be split into eyes or lacks planes.
void checkFrame(const FrameView& frame, StereoLayout stereo);

}  // namespace ps::engine
