#pragma once
// XR_KHR_composition_layer_depth (where offered): each eye's depth goes to the compositor
// with the projection layer (an XrCompositionLayerDepthInfoKHR on every projection view), so
// that it can reproject by depth and place its own layers against the app's geometry. The
// depth images come from a depth swapchain per eye, drawn by the engine with reverse-Z
// (engine/eye_camera.h: depth 1 at the near plane, 0 at infinity).
#include <cstdint>
#include <optional>
#include <span>

#include "extension.h"

namespace ps::xr::openxr {

class CompositionLayerDepth final : public Extension {
 public:
  const char* name() const override { return XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME; }
};

// The depth swapchain format among those the runtime offers (xrEnumerateSwapchainFormats):
// D32_SFLOAT, else X8_D24_UNORM_PACK32, else D16_UNORM. Formats with stencil are left out (the
// engine's depth barriers name the depth aspect only). Empty when none is offered.
std::optional<VkFormat> pickDepthSwapchainFormat(std::span<const std::int64_t> offered);

// The depth info of one projection view whose depth image holds reverse-Z depth with an
// infinite far plane and the near plane at `nearM` metres. The spec maps window depth
// minDepth to the distance nearZ and maxDepth to farZ, and reverses the mapping when
// nearZ > farZ: depth 0 lies at infinity, so nearZ = +infinity, and depth 1 at the near
// plane, so farZ = nearM.
XrCompositionLayerDepthInfoKHR reverseZDepthInfo(XrSwapchain swapchain, XrRect2Di rect, float nearM);

}  // namespace ps::xr::openxr
