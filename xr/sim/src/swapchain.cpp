#include "swapchain.h"

#include <algorithm>
#include <string>

#include "api.h"
#include "instance.h"
#include "runtime.h"
#include "session.h"

namespace ps::sim {
bool isDepth(VkFormat f) {
  return f == VK_FORMAT_D32_SFLOAT || f == VK_FORMAT_D16_UNORM || f == VK_FORMAT_D24_UNORM_S8_UINT ||
         f == VK_FORMAT_D32_SFLOAT_S8_UINT;
}

namespace {

VkImageUsageFlags imageUsage(XrSwapchainUsageFlags xr) {
  // Transfer source is always added so the runtime can capture what was submitted (the depth
  // of XR_KHR_composition_layer_depth too: every format offered is one the capture reads).
  VkImageUsageFlags vk = VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (xr & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) vk |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (xr & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) vk |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
  if (xr & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) vk |= VK_IMAGE_USAGE_STORAGE_BIT;
  if (xr & XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT) vk |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (xr & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) vk |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (xr & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) vk |= VK_IMAGE_USAGE_SAMPLED_BIT;
  if (xr & XR_SWAPCHAIN_USAGE_INPUT_ATTACHMENT_BIT_KHR) vk |= VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT;
  return vk;
}

}  // namespace

const std::vector<VkFormat>& swapchainFormats() {
  static const std::vector<VkFormat> formats{VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                             VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM,
                                             VK_FORMAT_D32_SFLOAT, VK_FORMAT_D16_UNORM};
  return formats;
}

Swapchain::Swapchain(std::uint64_t id, std::uint64_t sessionId, std::shared_ptr<VulkanDevice> vulkan,
                     const XrSwapchainCreateInfo& info)
    : id_(id), sessionId_(sessionId), vulkan_(std::move(vulkan)), info_(info) {
  info_.next = nullptr;
  const bool isStatic = (info.createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) != 0;
  images_.resize(isStatic ? 1 : 3);
  try {
    for (std::size_t i = 0; i < images_.size(); ++i) createImage(i);
  } catch (...) {
    destroyImages();
    throw;
  }
}

Swapchain::~Swapchain() { destroyImages(); }

void Swapchain::createImage(std::size_t index) {
  const VulkanFunctions& fn = vulkan_->fn();
  auto ci = vkStruct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  ci.flags = (info_.usageFlags & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) ? VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT : 0;
  ci.imageType = VK_IMAGE_TYPE_2D;
  ci.format = format();
  ci.extent = {info_.width, info_.height, 1};
  ci.mipLevels = info_.mipCount;
  ci.arrayLayers = info_.arraySize;
  ci.samples = static_cast<VkSampleCountFlagBits>(info_.sampleCount);
  ci.tiling = VK_IMAGE_TILING_OPTIMAL;
  ci.usage = imageUsage(info_.usageFlags);
  ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  ci.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  Image& img = images_[index];
  vkCheck(fn.CreateImage(vulkan_->device(), &ci, nullptr, &img.image), "vkCreateImage");
  VkMemoryRequirements req{};
  fn.GetImageMemoryRequirements(vulkan_->device(), img.image, &req);
  auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = vulkan_->memoryType(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  vkCheck(fn.AllocateMemory(vulkan_->device(), &alloc, nullptr, &img.memory), "vkAllocateMemory (swapchain image)");
  vkCheck(fn.BindImageMemory(vulkan_->device(), img.image, img.memory, 0), "vkBindImageMemory");
  vulkan_->name(VK_OBJECT_TYPE_IMAGE, reinterpret_cast<std::uint64_t>(img.image),
                "perfectshot-sim swapchain " + std::to_string(id_) + " image " + std::to_string(index));
}

void Swapchain::destroyImages() {
  const VulkanFunctions& fn = vulkan_->fn();
  for (Image& img : images_) {
    if (img.image != VK_NULL_HANDLE) fn.DestroyImage(vulkan_->device(), img.image, nullptr);
    if (img.memory != VK_NULL_HANDLE) fn.FreeMemory(vulkan_->device(), img.memory, nullptr);
    img = {};
  }
}

VkImageLayout Swapchain::attachmentLayout() const {
  return isDepth(format()) ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
}

XrResult Swapchain::acquire(std::uint32_t& index) {
  const bool isStatic = (info_.createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) != 0;
  if (acquired_.size() >= images_.size() || (isStatic && acquiredEver_ > 0)) return XR_ERROR_CALL_ORDER_INVALID;
  index = next_;
  next_ = (next_ + 1) % static_cast<std::uint32_t>(images_.size());
  Image& img = images_[index];
  if (!img.laidOut) {
    // The app may start a render pass that expects the attachment layout straight away.
    const bool depth = isDepth(format());
    vulkan_->submitAndWait(
        [&](VkCommandBuffer cmd) {
          auto b = vkStruct<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
          b.srcAccessMask = 0;
          b.dstAccessMask = depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT : VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
          b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
          b.newLayout = attachmentLayout();
          b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
          b.image = img.image;
          VkImageAspectFlags aspect = depth ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
          if (format() == VK_FORMAT_D24_UNORM_S8_UINT || format() == VK_FORMAT_D32_SFLOAT_S8_UINT)
            aspect |= VK_IMAGE_ASPECT_STENCIL_BIT;
          b.subresourceRange = {aspect, 0, info_.mipCount, 0, info_.arraySize};
          vulkan_->fn().CmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
                                           VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr, 0, nullptr, 1, &b);
        },
        "initial swapchain layout");
    img.laidOut = true;
  }
  acquired_.push_back(index);
  ++acquiredEver_;
  return XR_SUCCESS;
}

XrResult Swapchain::wait() {
  if (acquired_.empty() || waited_) return XR_ERROR_CALL_ORDER_INVALID;
  // Nothing of the runtime's is pending on the image: captures finish inside xrEndFrame.
  waited_ = true;
  return XR_SUCCESS;
}

XrResult Swapchain::release() {
  if (acquired_.empty() || !waited_) return XR_ERROR_CALL_ORDER_INVALID;
  lastReleased_ = acquired_.front();
  acquired_.pop_front();
  waited_ = false;
  return XR_SUCCESS;
}

namespace {

XrResult findSwapchain(XrSwapchain handle, std::shared_ptr<Swapchain>& swapchain) {
  swapchain = runtime().swapchains.find(toId(handle));
  if (!swapchain) return XR_ERROR_HANDLE_INVALID;
  std::shared_ptr<Session> session;
  std::shared_ptr<Instance> instance;
  return findSession(toHandle<XrSession>(swapchain->sessionId()), session, instance);
}

}  // namespace

namespace api {

XrResult xrEnumerateSwapchainFormats(XrSession handle, uint32_t capacity, uint32_t* count, int64_t* formats) {
  return withSession(__func__, handle, false, [&](Session& session, Instance&) {
    std::vector<VkFormat> usable;
    for (VkFormat f : swapchainFormats()) {
      const VkFormatFeatureFlags need =
          isDepth(f) ? VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT : VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT;
      if (session.vulkan->supportsFormat(f, need)) usable.push_back(f);
    }
    return fillArray(capacity, count, formats, usable, [](int64_t& o, VkFormat f) { o = f; });
  });
}

XrResult xrCreateSwapchain(XrSession handle, const XrSwapchainCreateInfo* info, XrSwapchain* out) {
  return withSession(__func__, handle, false, [&](Session& session, Instance&) {
    if (info == nullptr || out == nullptr || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    const auto& formats = swapchainFormats();
    if (std::find(formats.begin(), formats.end(), static_cast<VkFormat>(info->format)) == formats.end())
      return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
    if (info->width == 0 || info->height == 0 || info->width > 4096 || info->height > 4096 || info->arraySize == 0 ||
        info->mipCount == 0 || info->faceCount != 1)
      return XR_ERROR_VALIDATION_FAILURE;
    if (info->sampleCount != 1 && info->sampleCount != 2 && info->sampleCount != 4)
      return XR_ERROR_FEATURE_UNSUPPORTED;
    if (info->createFlags & XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT) return XR_ERROR_FEATURE_UNSUPPORTED;
    const std::uint64_t id = runtime().newId();
    auto swapchain = std::make_shared<Swapchain>(id, session.id, session.vulkan, *info);
    runtime().swapchains.add(id, swapchain);
    *out = toHandle<XrSwapchain>(id);
    log().debug("swapchain {:#x}: {}x{} format {} x{} images", id, info->width, info->height, info->format,
                swapchain->imageCount());
    return XR_SUCCESS;
  });
}

XrResult xrDestroySwapchain(XrSwapchain handle) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    if (!runtime().swapchains.find(toId(handle))) return XR_ERROR_HANDLE_INVALID;
    runtime().swapchains.erase(toId(handle));
    return XR_SUCCESS;
  });
}

XrResult xrEnumerateSwapchainImages(XrSwapchain handle, uint32_t capacity, uint32_t* count,
                                    XrSwapchainImageBaseHeader* images) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    std::shared_ptr<Swapchain> swapchain;
    if (XrResult r = findSwapchain(handle, swapchain); XR_FAILED(r)) return r;
    if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    *count = static_cast<std::uint32_t>(swapchain->imageCount());
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < swapchain->imageCount()) return XR_ERROR_SIZE_INSUFFICIENT;
    if (images == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    auto* vk = reinterpret_cast<XrSwapchainImageVulkanKHR*>(images);
    for (std::size_t i = 0; i < swapchain->imageCount(); ++i)
      if (vk[i].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR) return XR_ERROR_VALIDATION_FAILURE;
    for (std::size_t i = 0; i < swapchain->imageCount(); ++i) vk[i].image = swapchain->image(i);
    return XR_SUCCESS;
  });
}

XrResult xrAcquireSwapchainImage(XrSwapchain handle, const XrSwapchainImageAcquireInfo* info, uint32_t* index) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    std::shared_ptr<Swapchain> swapchain;
    if (XrResult r = findSwapchain(handle, swapchain); XR_FAILED(r)) return r;
    if (index == nullptr || (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO))
      return XR_ERROR_VALIDATION_FAILURE;
    return swapchain->acquire(*index);
  });
}

XrResult xrWaitSwapchainImage(XrSwapchain handle, const XrSwapchainImageWaitInfo* info) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    std::shared_ptr<Swapchain> swapchain;
    if (XrResult r = findSwapchain(handle, swapchain); XR_FAILED(r)) return r;
    if (info == nullptr || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) return XR_ERROR_VALIDATION_FAILURE;
    return swapchain->wait();
  });
}

XrResult xrReleaseSwapchainImage(XrSwapchain handle, const XrSwapchainImageReleaseInfo* info) {
  return guarded(__func__, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    std::shared_ptr<Swapchain> swapchain;
    if (XrResult r = findSwapchain(handle, swapchain); XR_FAILED(r)) return r;
    if (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    return swapchain->release();
  });
}

}  // namespace api
}  // namespace ps::sim
