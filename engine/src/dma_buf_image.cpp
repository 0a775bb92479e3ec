#include "dma_buf_image.h"

#include <fmt/format.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::engine {

namespace {

constexpr VkExternalMemoryHandleTypeFlagBits kDmaBuf = VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT;
constexpr VkImageUsageFlags kUsage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT;

std::string_view formatName(VkFormat format) {
  switch (format) {
    case VK_FORMAT_R8_UNORM: return "R8";
    case VK_FORMAT_R8G8_UNORM: return "R8G8";
    case VK_FORMAT_R16_UNORM: return "R16";
    case VK_FORMAT_R16G16_UNORM: return "R16G16";
    default: return "another format";
  }
}

std::string describe(const DmaBufPlane& plane, VkFormat format) {
  return fmt::format("{} (DRM fourcc {:#010x}) with DRM modifier {:#x}", formatName(format), plane.drmFormat,
                     plane.modifier);
}

void checkImportable(const Device& device, const DmaBufPlane& plane, VkFormat format, VkExtent2D extent) {
  VkPhysicalDeviceImageDrmFormatModifierInfoEXT modifier{};
  modifier.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_DRM_FORMAT_MODIFIER_INFO_EXT;
  modifier.drmFormatModifier = plane.modifier;
  modifier.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkPhysicalDeviceExternalImageFormatInfo external{};
  external.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO;
  external.pNext = &modifier;
  external.handleType = kDmaBuf;
  VkPhysicalDeviceImageFormatInfo2 info{};
  info.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2;
  info.pNext = &external;
  info.format = format;
  info.type = VK_IMAGE_TYPE_2D;
  info.tiling = VK_IMAGE_TILING_DRM_FORMAT_MODIFIER_EXT;
  info.usage = kUsage;
  VkExternalImageFormatProperties externalProperties{};
  externalProperties.sType = VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES;
  VkImageFormatProperties2 properties{};
  properties.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2;
  properties.pNext = &externalProperties;
  const VkResult r = vkGetPhysicalDeviceImageFormatProperties2(device.physicalDevice(), &info, &properties);
  if (r == VK_ERROR_FORMAT_NOT_SUPPORTED)
    throw std::invalid_argument("this Vulkan device cannot import a dma-buf plane of " + describe(plane, format));
  PS_VK_CHECK(r);
  if ((externalProperties.externalMemoryProperties.externalMemoryFeatures & VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT) == 0)
    throw std::invalid_argument("this Vulkan device does not import dma-bufs of " + describe(plane, format));
  const VkExtent3D most = properties.imageFormatProperties.maxExtent;
  if (extent.width > most.width || extent.height > most.height)
    throw std::invalid_argument(fmt::format("a dma-buf plane of {}x{} is larger than this device imports ({}x{})",
                                            extent.width, extent.height, most.width, most.height));
}

}  // namespace

DmaBufImage::DmaBufImage(const Device& device, const DmaBufPlane& plane, VkFormat format, VkExtent2D extent,
                         std::string_view name)
    : objects_(device) {
  if (!device.importsDmaBuf()) throw std::invalid_argument("this Vulkan device cannot import dma-bufs");
  checkImportable(device, plane, format, extent);
  const VkDevice vk = device.device();

  VkSubresourceLayout layout{};
  layout.offset = plane.offset;
  layout.rowPitch = plane.pitch;
  VkImageDrmFormatModifierExplicitCreateInfoEXT modifier{};
  modifier.sType = VK_STRUCTURE_TYPE_IMAGE_DRM_FORMAT_MODIFIER_EXPLICIT_CREATE_INFO_EXT;
  modifier.drmFormatModifier = plane.modifier;
  modifier.drmFormatModifierPlaneCount = 1;
  modifier.pPlaneLayouts = &layout;
  VkExternalMemoryImageCreateInfo external{};
  external.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO;
  external.pNext = &modifier;
  external.handleTypes = kDmaBuf;
  VkImageCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.pNext = &external;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = format;
  info.extent = {extent.width, extent.height, 1};
  info.mipLevels = 1;
  info.arrayLayers = 1;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_DRM_FORMAT_MODIFIER_EXT;
  info.usage = kUsage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;  // the only layout an external image may start in
  PS_VK_CHECK(vkCreateImage(vk, &info, nullptr, &objects_.image));
  device.setName(objects_.image, VK_OBJECT_TYPE_IMAGE, name);

  VkMemoryFdPropertiesKHR fdProperties{};
  fdProperties.sType = VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR;
  PS_VK_CHECK(device.functions().getMemoryFdProperties(vk, kDmaBuf, plane.fd, &fdProperties));
  VkMemoryRequirements requirements{};
  vkGetImageMemoryRequirements(vk, objects_.image, &requirements);
  const std::uint32_t types = requirements.memoryTypeBits & fdProperties.memoryTypeBits;
  if (types == 0) throw std::invalid_argument("no Vulkan memory type both holds this image and imports its dma-buf");
  std::uint32_t type = 0;
  while ((types & (1u << type)) == 0) ++type;

  // Vulkan takes the fd it imports; the view's own stays with the decoder's frame.
  const int fd = dup(plane.fd);
  if (fd < 0) throw std::runtime_error("dup of a dma-buf fd failed");
  VkMemoryDedicatedAllocateInfo dedicated{};
  dedicated.sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO;
  dedicated.image = objects_.image;
  VkImportMemoryFdInfoKHR import{};
  import.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR;
  import.pNext = &dedicated;
  import.handleType = kDmaBuf;
  import.fd = fd;
  VkMemoryAllocateInfo allocate{};
  allocate.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  allocate.pNext = &import;
  allocate.allocationSize = requirements.size;
  allocate.memoryTypeIndex = type;
  if (const VkResult r = vkAllocateMemory(vk, &allocate, nullptr, &objects_.memory); r != VK_SUCCESS) {
    close(fd);  // not taken on failure
    PS_VK_CHECK(r);
  }
  PS_VK_CHECK(vkBindImageMemory(vk, objects_.image, objects_.memory, 0));
}

}  // namespace ps::engine
