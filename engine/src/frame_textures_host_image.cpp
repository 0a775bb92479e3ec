#include "frame_textures_host_image.h"

#include <algorithm>
#include <string>

#include "engine/device.h"
#include "engine/image_limits.h"
#include "engine/vk_check.h"

namespace ps::engine {

namespace {

constexpr VkMemoryPropertyFlags kHostMemory =
    VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
constexpr VkImageUsageFlags kUsage = VK_IMAGE_USAGE_SAMPLED_BIT;

VkImageCreateInfo imageInfo(VkFormat format, VkExtent2D extent, std::uint32_t mipLevels) {
  VkImageCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = format;
  info.extent = {extent.width, extent.height, 1};
  info.mipLevels = mipLevels;
  info.arrayLayers = 1;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_LINEAR;
  info.usage = kUsage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  // PREINITIALIZED: the first transition (FrameTextures::recordUpload) keeps what the host wrote.
  info.initialLayout = VK_IMAGE_LAYOUT_PREINITIALIZED;
  return info;
}

bool hasHostMemoryType(const Device& device, std::uint32_t typeBits) {
  VkPhysicalDeviceMemoryProperties memory{};
  vkGetPhysicalDeviceMemoryProperties(device.physicalDevice(), &memory);
  for (std::uint32_t i = 0; i < memory.memoryTypeCount; ++i)
    if ((typeBits & (1u << i)) != 0 && (memory.memoryTypes[i].propertyFlags & kHostMemory) == kHostMemory) return true;
  return false;
}

}  // namespace

bool HostImage::supported(const Device& device, VkFormat format, VkExtent2D extent, std::uint32_t mipLevels) {
  VkFormatProperties features{};
  vkGetPhysicalDeviceFormatProperties(device.physicalDevice(), format, &features);
  const VkFormatFeatureFlags needed =
      VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT | VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
  if ((features.linearTilingFeatures & needed) != needed) return false;
  const ImageLimit limit = imageLimit(device, format, VK_IMAGE_TILING_LINEAR, kUsage);
  if (limit.maxMipLevels < mipLevels || limit.maxExtent.width < extent.width || limit.maxExtent.height < extent.height)
    return false;
  // The memory types an image may use depend on the image; ask with a throwaway one.
  const VkImageCreateInfo info = imageInfo(format, extent, mipLevels);
  VkImage probe = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateImage(device.device(), &info, nullptr, &probe));
  VkMemoryRequirements requirements{};
  vkGetImageMemoryRequirements(device.device(), probe, &requirements);
  vkDestroyImage(device.device(), probe, nullptr);
  return hasHostMemoryType(device, requirements.memoryTypeBits);
}

HostImage::HostImage(const Device& device, VkFormat format, VkExtent2D extent, std::uint32_t mipLevels,
                     std::string_view name)
    : objects_(device) {
  const VkImageCreateInfo info = imageInfo(format, extent, mipLevels);
  checkImageFits(device, info, name);
  PS_VK_CHECK(vkCreateImage(device.device(), &info, nullptr, &objects_.image));
  device.setName(objects_.image, VK_OBJECT_TYPE_IMAGE, name);
  // objects_ is a member: if anything below throws, its destructor frees what was made.
  VkMemoryRequirements requirements{};
  vkGetImageMemoryRequirements(device.device(), objects_.image, &requirements);
  VkMemoryAllocateInfo allocation{};
  allocation.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  allocation.allocationSize = requirements.size;
  allocation.memoryTypeIndex = device.findMemoryType(requirements.memoryTypeBits, kHostMemory);
  PS_VK_CHECK(vkAllocateMemory(device.device(), &allocation, nullptr, &objects_.memory));
  device.setName(objects_.memory, VK_OBJECT_TYPE_DEVICE_MEMORY, std::string(name) + " memory");
  PS_VK_CHECK(vkBindImageMemory(device.device(), objects_.image, objects_.memory, 0));
  void* mapped = nullptr;  // unmapped when the memory is freed
  PS_VK_CHECK(vkMapMemory(device.device(), objects_.memory, 0, VK_WHOLE_SIZE, 0, &mapped));

  for (std::uint32_t level = 0; level < mipLevels; ++level) {
    const VkImageSubresource subresource{VK_IMAGE_ASPECT_COLOR_BIT, level, 0};
    VkSubresourceLayout layout{};
    vkGetImageSubresourceLayout(device.device(), objects_.image, &subresource, &layout);
    levels_.push_back(PlaneLevel{static_cast<std::byte*>(mapped) + layout.offset, std::max(1u, extent.width >> level),
                                 std::max(1u, extent.height >> level), static_cast<std::size_t>(layout.rowPitch)});
  }

  VkImageViewCreateInfo viewInfo{};
  viewInfo.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
  viewInfo.image = objects_.image;
  viewInfo.viewType = VK_IMAGE_VIEW_TYPE_2D;
  viewInfo.format = format;
  viewInfo.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, mipLevels, 0, 1};
  PS_VK_CHECK(vkCreateImageView(device.device(), &viewInfo, nullptr, &objects_.view));
  device.setName(objects_.view, VK_OBJECT_TYPE_IMAGE_VIEW, std::string(name) + " view");
}

}  // namespace ps::engine
