#include "ext_composition_layer_depth.h"

#include <algorithm>
#include <limits>

namespace ps::xr::openxr {

std::optional<VkFormat> pickDepthSwapchainFormat(std::span<const std::int64_t> offered) {
  for (VkFormat preferred : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D16_UNORM})
    if (std::find(offered.begin(), offered.end(), static_cast<std::int64_t>(preferred)) != offered.end())
      return preferred;
  return std::nullopt;
}

XrCompositionLayerDepthInfoKHR reverseZDepthInfo(XrSwapchain swapchain, XrRect2Di rect, float nearM) {
  auto info = xrStruct<XrCompositionLayerDepthInfoKHR>(XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
  info.subImage.swapchain = swapchain;
  info.subImage.imageRect = rect;
  info.subImage.imageArrayIndex = 0;
  info.minDepth = 0.0f;
  info.maxDepth = 1.0f;
  info.nearZ = std::numeric_limits<float>::infinity();
  info.farZ = nearM;
  return info;
}

}  // namespace ps::xr::openxr
