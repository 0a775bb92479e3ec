#include "swapchain.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "engine/srgb_format.h"
#include "engine/vk_check.h"
#include "ext_composition_layer_depth.h"
#include "xr_check.h"

namespace ps::xr::openxr {

namespace {

std::vector<std::int64_t> offeredFormats(XrSession session) {
  std::uint32_t count = 0;
  PS_XR_CHECK(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
  std::vector<std::int64_t> formats(count);
  PS_XR_CHECK(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
  formats.resize(count);
  return formats;
}

bool isDepthFormat(VkFormat format) {
  switch (format) {
    case VK_FORMAT_D16_UNORM:
    case VK_FORMAT_X8_D24_UNORM_PACK32:
    case VK_FORMAT_D32_SFLOAT:
    case VK_FORMAT_D16_UNORM_S8_UINT:
    case VK_FORMAT_D24_UNORM_S8_UINT:
    case VK_FORMAT_D32_SFLOAT_S8_UINT: return true;
    default: return false;
  }
}

}  // namespace

std::optional<VkFormat> chooseDepthSwapchainFormat(XrSession session) {
  return pickDepthSwapchainFormat(offeredFormats(session));
}

VkFormat chooseSwapchainFormat(XrSession session) {
  const std::vector<std::int64_t> formats = offeredFormats(session);
  for (VkFormat preferred : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB})
    if (std::find(formats.begin(), formats.end(), static_cast<std::int64_t>(preferred)) != formats.end()) return preferred;
  for (std::int64_t f : formats)
    if (engine::isSrgbFormat(static_cast<VkFormat>(f))) return static_cast<VkFormat>(f);
  throw XrCallError(XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED, "the OpenXR runtime offers no sRGB swapchain format");
}

Swapchain::Swapchain(XrSession session, const engine::Device& device, VkFormat format, VkExtent2D extent,
                     const std::string& name, XrSwapchainUsageFlags extraUsage)
    : device_(&device), format_(format), extent_(extent), depth_(isDepthFormat(format)) {
  auto info = xrStruct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  info.usageFlags = (depth_ ? XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT
                            : XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT) |
                    extraUsage;
  info.format = format;
  info.sampleCount = 1;
  info.width = extent.width;
  info.height = extent.height;
  info.faceCount = 1;
  info.arraySize = 1;
  info.mipCount = 1;
  XrSwapchain handle = XR_NULL_HANDLE;
  PS_XR_CHECK(xrCreateSwapchain(session, &info, &handle));
  handle_ = SwapchainHandle(handle);

  std::uint32_t count = 0;
  PS_XR_CHECK(xrEnumerateSwapchainImages(handle, 0, &count, nullptr));
  std::vector<XrSwapchainImageVulkan2KHR> images(count, xrStruct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
  PS_XR_CHECK(xrEnumerateSwapchainImages(handle, count, &count,
                                         reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  for (std::uint32_t i = 0; i < count; ++i) {
    const VkImage image = images[i].image;
    images_.push_back(image);
    device.setName(image, VK_OBJECT_TYPE_IMAGE, name + " image " + std::to_string(i));
    VkImageViewCreateInfo view{};
    view.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
    view.image = image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = format;
    view.subresourceRange = {depth_ ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView out = VK_NULL_HANDLE;
    try {
      PS_VK_CHECK(vkCreateImageView(device.device(), &view, nullptr, &out));
    } catch (...) {
      for (VkImageView v : views_) vkDestroyImageView(device.device(), v, nullptr);
      throw;
    }
    views_.push_back(out);
    device.setName(out, VK_OBJECT_TYPE_IMAGE_VIEW, name + " view " + std::to_string(i));
  }
}

Swapchain::Swapchain(Swapchain&& other) noexcept
    : device_(other.device_),
      handle_(std::move(other.handle_)),
      format_(other.format_),
      extent_(other.extent_),
      depth_(other.depth_),
      images_(std::move(other.images_)),
      views_(std::move(other.views_)),
      index_(other.index_),
      acquired_(std::exchange(other.acquired_, false)) {
  other.views_.clear();
}

Swapchain::~Swapchain() {
  for (VkImageView v : views_) vkDestroyImageView(device_->device(), v, nullptr);
}

engine::RenderTarget Swapchain::acquire() {
  std::uint32_t index = 0;
  auto acquireInfo = xrStruct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
  PS_XR_CHECK(xrAcquireSwapchainImage(handle_.get(), &acquireInfo, &index));
  acquired_ = true;
  index_ = index;
  auto waitInfo = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  waitInfo.timeout = XR_INFINITE_DURATION;
  PS_XR_CHECK(xrWaitSwapchainImage(handle_.get(), &waitInfo));
  if (depth_) {
    engine::RenderTarget target;
    target.extent = extent_;
    target.depthImage = images_[index];
    target.depthView = views_[index];
    target.depthFormat = format_;
    target.depthLayoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;  // cleared by every draw
    target.depthLayoutAfter = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    return target;
  }
  return engine::RenderTarget{images_[index], views_[index], format_, extent_, VK_IMAGE_LAYOUT_UNDEFINED,
                              VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
}

void Swapchain::acquireDepthInto(engine::RenderTarget& target) {
  const engine::RenderTarget d = acquire();
  target.depthImage = d.depthImage;
  target.depthView = d.depthView;
  target.depthFormat = d.depthFormat;
  target.depthLayoutBefore = d.depthLayoutBefore;
  target.depthLayoutAfter = d.depthLayoutAfter;
}

void Swapchain::release() {
  if (!acquired_) return;
  acquired_ = false;
  auto info = xrStruct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
  PS_XR_CHECK(xrReleaseSwapchainImage(handle_.get(), &info));
}

}  // namespace ps::xr::openxr
