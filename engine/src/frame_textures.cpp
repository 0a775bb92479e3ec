#include "frame_textures.h"

#include <bit>
#include <cstring>
#include <stdexcept>

#include "engine/device.h"
#include "image_barrier.h"

namespace ps::engine {

namespace {

VkFormat planeFormat(PixelFormat format, int plane) {
  const bool wide = bytesPerSample(format) == 2;
  const bool pair = componentsPerSample(format, plane) == 2;
  if (wide) return pair ? VK_FORMAT_R16G16_UNORM : VK_FORMAT_R16_UNORM;
  return pair ? VK_FORMAT_R8G8_UNORM : VK_FORMAT_R8_UNORM;
}

bool canGenerateMips(const Device& device, VkFormat format) {
  VkFormatProperties properties{};
  vkGetPhysicalDeviceFormatProperties(device.physicalDevice(), format, &properties);
  const VkFormatFeatureFlags needed = VK_FORMAT_FEATURE_BLIT_SRC_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                      VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
  return (properties.optimalTilingFeatures & needed) == needed;
}

VkExtent2D eyeExtent(std::uint32_t width, std::uint32_t height, StereoLayout stereo) {
  switch (stereo) {
    case StereoLayout::Mono: return {width, height};
    case StereoLayout::TopBottom: return {width, height / 2};
    case StereoLayout::LeftRight: return {width / 2, height};
  }
  return {width, height};
}

void recordMipChain(VkCommandBuffer commands, const GpuImage& image) {
  const ImageDesc& desc = image.desc();
  auto width = static_cast<std::int32_t>(desc.extent.width);
  auto height = static_cast<std::int32_t>(desc.extent.height);
  for (std::uint32_t level = 1; level < desc.mipLevels; ++level) {
    recordTransition(commands, {image.handle(), level - 1, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT});
    const std::int32_t nextWidth = width > 1 ? width / 2 : 1;
    const std::int32_t nextHeight = height > 1 ? height / 2 : 1;
    VkImageBlit blit{};
    blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
    blit.srcOffsets[1] = {width, height, 1};
    blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
    blit.dstOffsets[1] = {nextWidth, nextHeight, 1};
    vkCmdBlitImage(commands, image.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image.handle(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    width = nextWidth;
    height = nextHeight;
  }
  const std::uint32_t last = desc.mipLevels - 1;
  if (last > 0) {
    recordTransition(commands, {image.handle(), 0, last, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                VK_ACCESS_SHADER_READ_BIT});
  }
  recordTransition(commands, {image.handle(), last, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                              VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                              VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                              VK_ACCESS_SHADER_READ_BIT});
}

}  // namespace

void checkFrame(const FrameView& frame, StereoLayout stereo) {
  if (frame.width == 0 || frame.height == 0) throw std::invalid_argument("frame has no pixels");
  for (int p = 0; p < planeCount(frame.format); ++p) {
    if (frame.planes[p].data == nullptr) throw std::invalid_argument("frame plane " + std::to_string(p) + " is missing");
    const std::uint32_t w = planeWidth(frame.format, p, frame.width);
    const std::uint32_t h = planeHeight(frame.format, p, frame.height);
    const std::size_t rowBytes = std::size_t{w} * componentsPerSample(frame.format, p) * bytesPerSample(frame.format);
    if (frame.planes[p].stride < rowBytes) throw std::invalid_argument("frame plane stride is shorter than a row");
    if ((stereo == StereoLayout::LeftRight && w % 2 != 0) || (stereo == StereoLayout::TopBottom && h % 2 != 0))
      throw std::invalid_argument("a stereo frame's planes must split into two equal halves");
  }
}

FrameTextures::FrameTextures(const Device& device, std::string name) : device_(device), name_(std::move(name)) {}

void FrameTextures::reallocate(const Shape& shape) {
  // Drop the old resources first so peak memory does not hold both.
  staging_ = GpuBuffer();
  for (auto& eye : images_)
    for (GpuImage& image : eye) image = GpuImage();
  planes_.clear();

  const int count = ps::planeCount(shape.format);
  VkDeviceSize offset = 0;
  for (int p = 0; p < count; ++p) {
    const std::uint32_t w = planeWidth(shape.format, p, shape.width);
    const std::uint32_t h = planeHeight(shape.format, p, shape.height);
    const auto texelBytes =
        static_cast<std::uint32_t>(componentsPerSample(shape.format, p) * bytesPerSample(shape.format));
    planes_.push_back(PlaneCopy{offset, w, texelBytes});
    offset += VkDeviceSize{w} * h * texelBytes;
    offset = (offset + 15) & ~VkDeviceSize{15};  // keeps every plane's offset a multiple of its texel size
  }
  staging_ = GpuBuffer(device_, offset, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, name_ + " staging");

  const int eyes = shape.stereo == StereoLayout::Mono ? 1 : 2;
  for (int e = 0; e < eyes; ++e) {
    for (int p = 0; p < count; ++p) {
      const VkFormat format = planeFormat(shape.format, p);
      const VkExtent2D extent = eyeExtent(planeWidth(shape.format, p, shape.width),
                                          planeHeight(shape.format, p, shape.height), shape.stereo);
      const std::uint32_t mips =
          canGenerateMips(device_, format) ? std::bit_width(std::max(extent.width, extent.height)) : 1;
      images_[e][p] = GpuImage(device_,
                               ImageDesc{format, extent, mips,
                                         VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                                             VK_IMAGE_USAGE_TRANSFER_SRC_BIT},
                               name_ + " eye " + std::to_string(e) + " plane " + std::to_string(p));
    }
  }
  shape_ = shape;
  allocated_ = true;
}

void FrameTextures::stage(const FrameView& frame, StereoLayout stereo) {
  checkFrame(frame, stereo);
  const Shape shape{frame.format, frame.width, frame.height, stereo};
  if (!allocated_ || !(shape == shape_)) reallocate(shape);
  for (int p = 0; p < planeCount(); ++p) {
    const PlaneCopy& plane = planes_[p];
    const std::size_t rowBytes = std::size_t{plane.rowTexels} * plane.texelBytes;
    const std::uint32_t rows = planeHeight(frame.format, p, frame.height);
    std::byte* out = staging_.mapped() + plane.offset;
    const std::byte* in = frame.planes[p].data;
    if (frame.planes[p].stride == rowBytes) {
      std::memcpy(out, in, rowBytes * rows);
      continue;
    }
    for (std::uint32_t row = 0; row < rows; ++row)
      std::memcpy(out + row * rowBytes, in + row * frame.planes[p].stride, rowBytes);
  }
}

void FrameTextures::recordUpload(VkCommandBuffer commands) const {
  for (int e = 0; e < eyeCount(); ++e) {
    for (int p = 0; p < planeCount(); ++p) {
      const GpuImage& image = images_[e][p];
      const PlaneCopy& plane = planes_[p];
      const VkExtent2D extent = image.desc().extent;
      // The GPU finished with the previous contents (the slot's fence), so nothing to wait for.
      recordTransition(commands, {image.handle(), 0, image.desc().mipLevels, VK_IMAGE_LAYOUT_UNDEFINED,
                                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0,
                                  VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT});
      // The right eye's half starts half a plane down (top-bottom) or half a row across (left-right);
      // bufferRowLength keeps the full plane's row pitch.
      VkDeviceSize eyeOffset = 0;
      if (shape_.stereo == StereoLayout::TopBottom)
        eyeOffset = VkDeviceSize{extent.height} * plane.rowTexels * plane.texelBytes * static_cast<std::uint32_t>(e);
      if (shape_.stereo == StereoLayout::LeftRight)
        eyeOffset = VkDeviceSize{extent.width} * plane.texelBytes * static_cast<std::uint32_t>(e);
      VkBufferImageCopy region{};
      region.bufferOffset = plane.offset + eyeOffset;
      region.bufferRowLength = plane.rowTexels;
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      region.imageExtent = {extent.width, extent.height, 1};
      vkCmdCopyBufferToImage(commands, staging_.handle(), image.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                             &region);
      recordMipChain(commands, image);
    }
  }
}

}  // namespace ps::engine
