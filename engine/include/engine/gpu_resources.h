#pragma once
// Owned GPU memory: a buffer or a 2D image with its own allocation. Move-only; destroying one
// frees it at once, so the owner must know the GPU is done with it (FrameContext::wait, or hand
// it to the frame's Disposer).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <vulkan/vulkan.h>

namespace ps::engine {

class Device;

class GpuBuffer {
 public:
  GpuBuffer() = default;
  // Host-visible buffers are persistently mapped (mapped() != nullptr) and coherent.
  GpuBuffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible, std::string_view name);
  GpuBuffer(GpuBuffer&& other) noexcept;
  GpuBuffer& operator=(GpuBuffer&& other) noexcept;
  GpuBuffer(const GpuBuffer&) = delete;
  GpuBuffer& operator=(const GpuBuffer&) = delete;
  ~GpuBuffer();

  VkBuffer handle() const { return buffer_; }
  VkDeviceSize size() const { return size_; }
  std::byte* mapped() const { return mapped_; }

 private:
  void reset() noexcept;
  const Device* device_ = nullptr;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkDeviceSize size_ = 0;
  std::byte* mapped_ = nullptr;
};

struct ImageDesc {
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  std::uint32_t mipLevels = 1;
  VkImageUsageFlags usage = 0;
  // A second format of the same texel size to view the image as (VK_FORMAT_UNDEFINED: none),
  // e.g. the UNORM twin of an sRGB format, to write encoded bytes as they are.
  VkFormat alternateFormat = VK_FORMAT_UNDEFINED;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;  // of the views (DEPTH for a depth image)
};

// The Vulkan objects of one image: the image, its memory and up to two views, destroyed
// together (views first; freeing the memory unmaps it). Move-only; what GpuImage and the
// engine's host-mapped images are built on.
struct ImageObjects {
  ImageObjects() = default;
  explicit ImageObjects(const Device& owner) : device(&owner) {}
  ImageObjects(ImageObjects&& other) noexcept;
  ImageObjects& operator=(ImageObjects&& other) noexcept;
  ImageObjects(const ImageObjects&) = delete;
  ImageObjects& operator=(const ImageObjects&) = delete;
  ~ImageObjects();
  void reset() noexcept;

  const Device* device = nullptr;
  VkImage image = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;
  VkImageView alternateView = VK_NULL_HANDLE;
};

// A device-local 2D image (colour unless the aspect says depth) and a view of all its mip levels (and one in the alternate
// format, when the description has one).
class GpuImage {
 public:
  GpuImage() = default;
  GpuImage(const Device& device, const ImageDesc& desc, std::string_view name);

  VkImage handle() const { return objects_.image; }
  VkImageView view() const { return objects_.view; }
  VkImageView alternateView() const { return objects_.alternateView; }  // VK_NULL_HANDLE without an alternate format
  const ImageDesc& desc() const { return desc_; }

 private:
  ImageObjects objects_;
  ImageDesc desc_;
};

}  // namespace ps::engine
