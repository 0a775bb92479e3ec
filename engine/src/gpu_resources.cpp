#include "engine/gpu_resources.h"

#include <array>
#include <string>
#include <utility>

#include "engine/device.h"
#include "engine/image_limits.h"
#include "engine/vk_check.h"

namespace ps::engine {

namespace {

VkDeviceMemory allocate(const Device& device, const VkMemoryRequirements& requirements, VkMemoryPropertyFlags flags,
                        std::string_view name) {
  VkMemoryAllocateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  info.allocationSize = requirements.size;
  info.memoryTypeIndex = device.findMemoryType(requirements.memoryTypeBits, flags);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  PS_VK_CHECK(vkAllocateMemory(device.device(), &info, nullptr, &memory));
  device.setName(memory, VK_OBJECT_TYPE_DEVICE_MEMORY, std::string(name) + " memory");
  return memory;
}

}  // namespace

GpuBuffer::GpuBuffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible,
                     std::string_view name)
    : device_(&device), size_(size) {
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  PS_VK_CHECK(vkCreateBuffer(device.device(), &info, nullptr, &buffer_));
  device.setName(buffer_, VK_OBJECT_TYPE_BUFFER, name);
  try {
    VkMemoryRequirements requirements{};
    vkGetBufferMemoryRequirements(device.device(), buffer_, &requirements);
    memory_ = allocate(device, requirements,
                       hostVisible ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                   : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT,
                       name);
    PS_VK_CHECK(vkBindBufferMemory(device.device(), buffer_, memory_, 0));
    if (hostVisible) {
      void* pointer = nullptr;
      PS_VK_CHECK(vkMapMemory(device.device(), memory_, 0, VK_WHOLE_SIZE, 0, &pointer));
      mapped_ = static_cast<std::byte*>(pointer);
    }
  } catch (...) {
    reset();
    throw;
  }
}

GpuBuffer::GpuBuffer(GpuBuffer&& other) noexcept
    : device_(std::exchange(other.device_, nullptr)),
      buffer_(std::exchange(other.buffer_, VK_NULL_HANDLE)),
      memory_(std::exchange(other.memory_, VK_NULL_HANDLE)),
      size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, nullptr)) {}

GpuBuffer& GpuBuffer::operator=(GpuBuffer&& other) noexcept {
  if (this != &other) {
    reset();
    device_ = std::exchange(other.device_, nullptr);
    buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
    memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, nullptr);
  }
  return *this;
}

GpuBuffer::~GpuBuffer() { reset(); }

void GpuBuffer::reset() noexcept {
  if (device_ == nullptr) return;
  // Freeing memory unmaps it implicitly.
  if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(device_->device(), buffer_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_->device(), memory_, nullptr);
  buffer_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  mapped_ = nullptr;
  size_ = 0;
}

GpuImage::GpuImage(const Device& device, const ImageDesc& desc, std::string_view name) : objects_(device), desc_(desc) {
  VkImageCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = desc.format;
  info.extent = {desc.extent.width, desc.extent.height, 1};
  info.mipLevels = desc.mipLevels;
  info.arrayLayers = 1;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  const std::array<VkFormat, 2> formats{desc.format, desc.alternateFormat};
  VkImageFormatListCreateInfo formatList{};
  if (desc.alternateFormat != VK_FORMAT_UNDEFINED) {
    info.flags |= VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
    formatList.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_LIST_CREATE_INFO;
    formatList.viewFormatCount = static_cast<std::uint32_t>(formats.size());
    formatList.pViewFormats = formats.data();
    info.pNext = &formatList;
  }
  checkImageFits(device, info, name);
  PS_VK_CHECK(vkCreateImage(device.device(), &info, nullptr, &objects_.image));
  device.setName(objects_.image, VK_OBJECT_TYPE_IMAGE, name);
  // objects_ is a member: if anything below throws, its destructor frees what was made.
  VkMemoryRequirements requirements{};
  vkGetImageMemoryRequirements(device.device(), objects_.image, &requirements);
  objects_.memory = allocate(device, requirements, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, name);
  PS_VK_CHECK(vkBindImageMemory(device.device(), objects_.image, objects_.memory, 0));
  VkImageViewCreateInfo viewInfo{};
  viewInfo.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
  viewInfo.image = objects_.image;
  viewInfo.viewType = VK_IMAGE_VIEW_TYPE_2D;
  viewInfo.format = desc.format;
  viewInfo.subresourceRange = {desc.aspect, 0, desc.mipLevels, 0, 1};
  PS_VK_CHECK(vkCreateImageView(device.device(), &viewInfo, nullptr, &objects_.view));
  device.setName(objects_.view, VK_OBJECT_TYPE_IMAGE_VIEW, std::string(name) + " view");
  if (desc.alternateFormat != VK_FORMAT_UNDEFINED) {
    viewInfo.format = desc.alternateFormat;
    PS_VK_CHECK(vkCreateImageView(device.device(), &viewInfo, nullptr, &objects_.alternateView));
    device.setName(objects_.alternateView, VK_OBJECT_TYPE_IMAGE_VIEW, std::string(name) + " alternate view");
  }
}

ImageObjects::ImageObjects(ImageObjects&& other) noexcept
    : device(std::exchange(other.device, nullptr)),
      image(std::exchange(other.image, VK_NULL_HANDLE)),
      memory(std::exchange(other.memory, VK_NULL_HANDLE)),
      view(std::exchange(other.view, VK_NULL_HANDLE)),
      alternateView(std::exchange(other.alternateView, VK_NULL_HANDLE)) {}

ImageObjects& ImageObjects::operator=(ImageObjects&& other) noexcept {
  if (this != &other) {
    reset();
    device = std::exchange(other.device, nullptr);
    image = std::exchange(other.image, VK_NULL_HANDLE);
    memory = std::exchange(other.memory, VK_NULL_HANDLE);
    view = std::exchange(other.view, VK_NULL_HANDLE);
    alternateView = std::exchange(other.alternateView, VK_NULL_HANDLE);
  }
  return *this;
}

ImageObjects::~ImageObjects() { reset(); }

void ImageObjects::reset() noexcept {
  if (device == nullptr) return;
  if (alternateView != VK_NULL_HANDLE) vkDestroyImageView(device->device(), alternateView, nullptr);
  if (view != VK_NULL_HANDLE) vkDestroyImageView(device->device(), view, nullptr);
  if (image != VK_NULL_HANDLE) vkDestroyImage(device->device(), image, nullptr);
  if (memory != VK_NULL_HANDLE) vkFreeMemory(device->device(), memory, nullptr);
  alternateView = VK_NULL_HANDLE;
  view = VK_NULL_HANDLE;
  image = VK_NULL_HANDLE;
  memory = VK_NULL_HANDLE;
  device = nullptr;
}

}  // namespace ps::engine
