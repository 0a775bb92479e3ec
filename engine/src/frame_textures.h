#pragma once
// The sampled images of one frame slot and what fills them. Reused frame after frame: they are
// reallocated only when the format, size, stereo layout or mip depth changes. Each eye of a
// stereo frame gets its own images, so each eye wraps at its own seam with hardware addressing
// and mip levels never mix the two eyes.
//
// Two ways to fill them, chosen per device:
// - on a CPU driver (lavapipe), linear images in mapped memory (HostImage): the planes are
//   copied straight into level 0 and the mips are averaged on the CPU, with no staging buffer,
//   no transfer and no blit (each of those is another pass over the picture on the same cores
//   that decode it);
// - on a GPU, a staging buffer, a copy into optimal images and mips made with blits.
// Either way only the mip levels the views need are made (see stage()).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/gpu_resources.h"
#include "frame_textures_host_image.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::engine {

class Device;

class FrameTextures {
 public:
  FrameTextures(const Device& device, std::string name);

  // Copies the frame's planes in (into the images, or the staging buffer). The GPU must be done
  // with this slot. lumaTexelsPerPixel: the largest minification the views of this picture will
  // use, in luma texels of one eye per output pixel; mips are made down to the level that needs
  // (infinity: unknown, the whole chain).
  void stage(const FrameView& frame, StereoLayout stereo, double lumaTexelsPerPixel);
  // Records what makes the staged frame sampleable: staging -> images and mip blits, or (mapped
  // images) the first layout transition only.
  void recordUpload(VkCommandBuffer commands);

  int eyeCount() const { return shape_.stereo == StereoLayout::Mono ? 1 : 2; }
  int planeCount() const { return ps::planeCount(shape_.format); }
  VkImageView planeView(int eye, int plane) const {
    return useHostImages_ ? hostImage_[eye][plane].view() : images_[eye][plane].view();
  }
  // The layout the shader samples the plane views in.
  VkImageLayout sampledLayout() const {
    return useHostImages_ ? VK_IMAGE_LAYOUT_GENERAL : VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
  }
  // Size of one eye's luma plane, in texels (0 x 0 before the first stage()).
  VkExtent2D lumaEyeExtent() const;

 private:
  struct Shape {
    PixelFormat format = PixelFormat::Yuv420P;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    StereoLayout stereo = StereoLayout::Mono;
    std::array<std::uint32_t, 3> mipLevels{};  // per plane
    bool operator==(const Shape&) const = default;
  };
  struct PlaneCopy {
    VkDeviceSize offset;       // of the plane in the staging buffer
    std::uint32_t rowTexels;   // plane width, in texels
    std::uint32_t texelBytes;  // bytes per texel of the plane's image format
  };

  void reallocate(const Shape& shape);
  bool canUseHostImages(const Shape& shape) const;
  void stageIntoHostImages(const FrameView& frame);
  void stageIntoBuffer(const FrameView& frame);

  const Device& device_;
  std::string name_;
  Shape shape_;
  bool allocated_ = false;
  const bool cpuDevice_;      // the device is a CPU driver: mapped linear images cost nothing to sample
  bool useHostImages_ = false;  // this shape lives in hostImage_ (else staging_ + images_)
  bool preinitialized_ = false;  // hostImage_ still await their first layout transition
  GpuBuffer staging_;
  std::vector<PlaneCopy> planes_;
  std::array<std::array<GpuImage, 3>, 2> images_;  // [eye][plane]
  std::array<std::array<HostImage, 3>, 2> hostImage_;  // [eye][plane]
};

// Throws std::invalid_argument when a frame cannot be split into eyes or lacks planes.
void checkFrame(const FrameView& frame, StereoLayout stereo);

}  // namespace ps::engine
