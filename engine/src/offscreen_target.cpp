#include "engine/offscreen_target.h"

#include <cstring>
#include <string>

namespace ps::engine {

OffscreenTarget::OffscreenTarget(const Device& device, std::uint32_t width, std::uint32_t height, std::string_view name)
    : extent_{width, height},
      image_(device,
             ImageDesc{kFormat, extent_, 1, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                       kEncodedFormat},
             name),
      readback_(device, VkDeviceSize{width} * height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true,
                std::string(name) + " readback") {}

RenderTarget OffscreenTarget::target() const {
  return RenderTarget{image_.handle(),
                      image_.view(),
                      kFormat,
                      extent_,
                      VK_IMAGE_LAYOUT_UNDEFINED,
                      VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      image_.alternateView(),
                      kEncodedFormat};
}

void recordImageReadback(VkCommandBuffer commands, VkImage image, VkExtent2D extent, VkBuffer buffer) {
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {extent.width, extent.height, 1};
  vkCmdCopyImageToBuffer(commands, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
  // A fence wait alone does not make device writes visible to the host.
  VkBufferMemoryBarrier toHost{};
  toHost.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
  toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  toHost.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toHost.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toHost.buffer = buffer;
  toHost.size = VK_WHOLE_SIZE;
  vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1, &toHost,
                       0, nullptr);
}

void OffscreenTarget::recordReadback(VkCommandBuffer commands) const {
  recordImageReadback(commands, image_.handle(), extent_, readback_.handle());
}

RgbaImage OffscreenTarget::pixels() const {
  RgbaImage image;
  image.width = extent_.width;
  image.height = extent_.height;
  image.pixels.resize(std::size_t{extent_.width} * extent_.height * 4);
  std::memcpy(image.pixels.data(), readback_.mapped(), image.pixels.size());
  return image;
}

}  // namespace ps::engine
