#pragma once
// One dma-buf plane of a hardware-decoded picture, imported as a 2D image with the decoder's
// tiling (its DRM format modifier), to copy from on the GPU. The image's memory holds its own
// reference to the buffer; the decoder may reuse it once the GPU is done with the copy.
#include <string_view>

#include <vulkan/vulkan.h>

#include "engine/gpu_resources.h"
#include "scenes/frame_view.h"

namespace ps::engine {

class Device;

class DmaBufImage {
 public:
  DmaBufImage() = default;
  // Throws std::invalid_argument when the device cannot import this plane (its format with this
  // modifier, its size), VulkanError when a call fails.
  DmaBufImage(const Device& device, const DmaBufPlane& plane, VkFormat format, VkExtent2D extent,
              std::string_view name);

  VkImage handle() const { return objects_.image; }

 private:
  ImageObjects objects_;
};

}  // namespace ps::engine
