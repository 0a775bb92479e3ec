#pragma once
// An engine-owned colour target (R8G8B8A8_SRGB) with a host-visible buffer to read it back.
// Move-only. One draw + readback may be in flight at a time: the caller waits for the frame
// that recorded the readback before calling pixels() or drawing into it again.
#include <cstdint>
#include <string_view>

#include <vulkan/vulkan.h>

#include "engine/gpu_resources.h"
#include "engine/render_target.h"
#include "engine/rgba_image.h"

namespace ps::engine {

class OffscreenTarget {
 public:
  static constexpr VkFormat kFormat = VK_FORMAT_R8G8B8A8_SRGB;
  static constexpr VkFormat kEncodedFormat = VK_FORMAT_R8G8B8A8_UNORM;  // RenderTarget::encodedView's

  OffscreenTarget(const Device& device, std::uint32_t width, std::uint32_t height, std::string_view name);

  // Draws discard the previous contents and leave the image ready to be copied out.
  RenderTarget target() const;
  // Records the copy of the image into the readback buffer, after a draw into target().
  void recordReadback(VkCommandBuffer commands) const;
  // The buffer recordReadback copies into (handles stay valid when the target is moved).
  VkBuffer readbackBuffer() const { return readback_.handle(); }
  // The pixels of the last readback; valid once the frame that recorded it has finished.
  RgbaImage pixels() const;

 private:
  VkExtent2D extent_;
  GpuImage image_;
  GpuBuffer readback_;
};

// Records the copy of a colour image (in TRANSFER_SRC_OPTIMAL) into a tightly packed buffer
// and makes it visible to the host once the submission's fence has signalled. For any image
// read back: offscreen targets, a window's swapchain image (screenshots).
void recordImageReadback(VkCommandBuffer commands, VkImage image, VkExtent2D extent, VkBuffer buffer);

}  // namespace ps::engine
