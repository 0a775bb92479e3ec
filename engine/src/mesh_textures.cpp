#include "mesh_textures.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <string>
#include <vector>

#include "engine/device.h"
#include "engine/image_barrier.h"
#include "frame_textures_mips.h"
#include "mesh_recycler.h"

namespace ps::engine {

namespace {

constexpr VkDeviceSize kTexelBytes = 4;

VkExtent2D levelExtent(std::uint32_t width, std::uint32_t height, std::uint32_t level) {
  return {std::max(1u, width >> level), std::max(1u, height >> level)};
}

VkDeviceSize levelBytes(VkExtent2D e) { return VkDeviceSize{e.width} * e.height * kTexelBytes; }

}  // namespace

std::uint32_t fullMipChain(std::uint32_t width, std::uint32_t height) {
  return static_cast<std::uint32_t>(std::bit_width(std::max({width, height, 1u})));
}

bool canBlitMips(const Device& device, VkFormat format) {
  VkFormatProperties properties{};
  vkGetPhysicalDeviceFormatProperties(device.physicalDevice(), format, &properties);
  constexpr VkFormatFeatureFlags kNeeded = VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT |
                                           VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT |
                                           VK_FORMAT_FEATURE_BLIT_SRC_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT;
  return (properties.optimalTilingFeatures & kNeeded) == kNeeded;
}

TextureUpload::TextureUpload(const scenes::MeshImage& image, VkFormat format, bool gpuMips, VkExtent2D maxExtent)
    : pixels_(image.rgba.data()), extent_{image.width, image.height}, format_(format), gpuMips_(gpuMips) {
  while (extent_.width > std::max(maxExtent.width, 1u) || extent_.height > std::max(maxExtent.height, 1u)) {
    const VkExtent2D half = levelExtent(extent_.width, extent_.height, 1);
    std::vector<std::uint8_t> next(levelBytes(half));
    // PlaneLevel's data is writable for the destination; the source is only read.
    const PlaneLevel src{const_cast<std::byte*>(reinterpret_cast<const std::byte*>(pixels_)), extent_.width,
                         extent_.height, extent_.width * kTexelBytes};
    const PlaneLevel dst{reinterpret_cast<std::byte*>(next.data()), half.width, half.height, half.width * kTexelBytes};
    downsampleLevel(src, dst, SampleLayout{4, 1});
    reduced_ = std::move(next);
    pixels_ = reduced_.data();
    extent_ = half;
  }
  levels_ = fullMipChain(extent_.width, extent_.height);
  const std::uint32_t stagedLevels = gpuMips_ ? 1 : levels_;
  for (std::uint32_t level = 0; level < stagedLevels; ++level)
    stagingBytes_ += levelBytes(levelExtent(extent_.width, extent_.height, level));
}

GpuImage TextureUpload::record(const Device& device, VkCommandBuffer commands, const GpuBuffer& staging,
                               VkDeviceSize offset, std::string_view name, MeshRecycler* recycler) const {
  ImageDesc desc;
  desc.format = format_;
  desc.extent = extent_;
  desc.mipLevels = levels_;
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
               (gpuMips_ ? VkImageUsageFlags{VK_IMAGE_USAGE_TRANSFER_SRC_BIT} : VkImageUsageFlags{0});
  GpuImage gpu = recycler ? recycler->image(device, desc, name) : GpuImage(device, desc, name);

  // Level 0 as it is; without blits, every further level averaged on the CPU (of the encoded
  // values for sRGB images: a little darker than a linear average, and only on devices that
  // cannot blit RGBA8, which Vulkan requires them to).
  std::byte* out = staging.mapped() + offset;
  std::memcpy(out, pixels_, levelBytes(desc.extent));
  std::vector<VkBufferImageCopy> copies;
  VkDeviceSize at = 0;
  const std::uint32_t stagedLevels = gpuMips_ ? 1 : levels_;
  for (std::uint32_t level = 0; level < stagedLevels; ++level) {
    const VkExtent2D e = levelExtent(extent_.width, extent_.height, level);
    if (level > 0) {
      const VkExtent2D above = levelExtent(extent_.width, extent_.height, level - 1);
      const PlaneLevel src{out + at - levelBytes(above), above.width, above.height, above.width * kTexelBytes};
      const PlaneLevel dst{out + at, e.width, e.height, e.width * kTexelBytes};
      downsampleLevel(src, dst, SampleLayout{4, 1});
    }
    VkBufferImageCopy copy{};
    copy.bufferOffset = offset + at;
    copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
    copy.imageExtent = {e.width, e.height, 1};
    copies.push_back(copy);
    at += levelBytes(e);
  }

  recordTransition(commands, {gpu.handle(), 0, levels_, VK_IMAGE_LAYOUT_UNDEFINED,
                              VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0,
                              VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT});
  vkCmdCopyBufferToImage(commands, staging.handle(), gpu.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                         static_cast<std::uint32_t>(copies.size()), copies.data());
  if (gpuMips_) {
    for (std::uint32_t level = 1; level < levels_; ++level) {
      recordTransition(commands, {gpu.handle(), level - 1, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                  VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                  VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                  VK_ACCESS_TRANSFER_READ_BIT});
      const VkExtent2D src = levelExtent(extent_.width, extent_.height, level - 1);
      const VkExtent2D dst = levelExtent(extent_.width, extent_.height, level);
      VkImageBlit blit{};
      blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
      blit.srcOffsets[1] = {static_cast<std::int32_t>(src.width), static_cast<std::int32_t>(src.height), 1};
      blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
      blit.dstOffsets[1] = {static_cast<std::int32_t>(dst.width), static_cast<std::int32_t>(dst.height), 1};
      vkCmdBlitImage(commands, gpu.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, gpu.handle(),
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    }
    if (levels_ > 1)
      recordTransition(commands, {gpu.handle(), 0, levels_ - 1, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                  VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                  VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                  VK_ACCESS_SHADER_READ_BIT});
    recordTransition(commands, {gpu.handle(), levels_ - 1, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                VK_ACCESS_SHADER_READ_BIT});
  } else {
    recordTransition(commands, {gpu.handle(), 0, levels_, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                VK_ACCESS_SHADER_READ_BIT});
  }
  return gpu;
}

MeshDefaultTextures recordDefaultTextures(const Device& device, VkCommandBuffer commands, GpuBuffer& stagingOut) {
  const std::array<scenes::MeshImage, 2> images{
      scenes::MeshImage{"white", 1, 1, {255, 255, 255, 255}},
      scenes::MeshImage{"flat normal", 1, 1, {128, 128, 255, 255}},
  };
  const TextureUpload whiteSrgb(images[0], VK_FORMAT_R8G8B8A8_SRGB, false, {1, 1});
  const TextureUpload whiteLinear(images[0], VK_FORMAT_R8G8B8A8_UNORM, false, {1, 1});
  const TextureUpload flatNormal(images[1], VK_FORMAT_R8G8B8A8_UNORM, false, {1, 1});
  stagingOut = GpuBuffer(device, 3 * kTexelBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, "mesh default textures staging");
  MeshDefaultTextures textures;
  textures.whiteSrgb = whiteSrgb.record(device, commands, stagingOut, 0, "mesh white sRGB");
  textures.whiteLinear = whiteLinear.record(device, commands, stagingOut, kTexelBytes, "mesh white");
  textures.flatNormal = flatNormal.record(device, commands, stagingOut, 2 * kTexelBytes, "mesh flat normal");
  return textures;
}

}  // namespace ps::engine
