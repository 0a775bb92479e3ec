// The depth layer's pure parts without a runtime: which depth swapchain format is picked from
// what a runtime offers, and the depth info chained onto each projection view for the engine's
// reverse-Z depth (1 at the near plane, 0 at infinity).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "openxr/ext_composition_layer_depth.h"

namespace ps::xr::openxr {
namespace {

std::vector<std::int64_t> formats(std::initializer_list<VkFormat> list) {
  std::vector<std::int64_t> out;
  for (VkFormat f : list) out.push_back(static_cast<std::int64_t>(f));
  return out;
}

TEST(DepthLayer, PrefersD32FloatThenD24ThenD16) {
  EXPECT_EQ(pickDepthSwapchainFormat(formats({VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_D16_UNORM, VK_FORMAT_D32_SFLOAT})),
            VK_FORMAT_D32_SFLOAT);
  EXPECT_EQ(pickDepthSwapchainFormat(formats({VK_FORMAT_D16_UNORM, VK_FORMAT_X8_D24_UNORM_PACK32})),
            VK_FORMAT_X8_D24_UNORM_PACK32);
  EXPECT_EQ(pickDepthSwapchainFormat(formats({VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_D16_UNORM})), VK_FORMAT_D16_UNORM);
}

TEST(DepthLayer, NoDepthFormatOfferedPicksNone) {
  EXPECT_FALSE(pickDepthSwapchainFormat(formats({VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB})));
  EXPECT_FALSE(pickDepthSwapchainFormat({}));
  // Stencil formats would need both aspects in every barrier: not taken.
  EXPECT_FALSE(pickDepthSwapchainFormat(formats({VK_FORMAT_D24_UNORM_S8_UINT, VK_FORMAT_D32_SFLOAT_S8_UINT})));
}

// The spec's mapping from view distance d to window depth with a = minDepth, b = maxDepth,
// n = nearZ, f = farZ (a projection like glDepthRange's), taken to the limit where n or f is
// infinite. Reverse-Z with an infinite far plane must give nearM / d.
float windowDepth(const XrCompositionLayerDepthInfoKHR& info, float d) {
  const double a = info.minDepth, b = info.maxDepth, n = info.nearZ, f = info.farZ;
  double ndc01 = 0;  // 0 at distance n, 1 at distance f
  if (std::isinf(n)) ndc01 = f / d;
  else if (std::isinf(f)) ndc01 = 1 - n / d;
  else ndc01 = (f * (d - n)) / (d * (f - n));
  return static_cast<float>(a + (b - a) * ndc01);
}

TEST(DepthLayer, DepthInfoDescribesReverseZWithAnInfiniteFarPlane) {
  const XrSwapchain swapchain = reinterpret_cast<XrSwapchain>(std::uintptr_t{0x1234});
  const XrRect2Di rect{{0, 0}, {512, 480}};
  const XrCompositionLayerDepthInfoKHR info = reverseZDepthInfo(swapchain, rect, 0.05f);
  EXPECT_EQ(info.type, XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
  EXPECT_EQ(info.next, nullptr);
  EXPECT_EQ(info.subImage.swapchain, swapchain);
  EXPECT_EQ(info.subImage.imageRect.extent.width, 512);
  EXPECT_EQ(info.subImage.imageRect.extent.height, 480);
  EXPECT_EQ(info.subImage.imageArrayIndex, 0u);
  // Valid usage: minDepth < maxDepth within [0, 1]; nearZ != farZ within (0, +inf].
  EXPECT_EQ(info.minDepth, 0.0f);
  EXPECT_EQ(info.maxDepth, 1.0f);
  EXPECT_GT(info.farZ, 0.0f);
  EXPECT_NE(info.nearZ, info.farZ);
  // Reversed (nearZ > farZ), depth 0 at infinity and 1 at the near plane.
  EXPECT_EQ(info.nearZ, std::numeric_limits<float>::infinity());
  EXPECT_FLOAT_EQ(info.farZ, 0.05f);
  EXPECT_FLOAT_EQ(windowDepth(info, 0.05f), 1.0f);
  EXPECT_FLOAT_EQ(windowDepth(info, 2.0f), 0.025f);  // what engine::EyeCamera::depthAt(2) writes
  EXPECT_NEAR(windowDepth(info, 1e9f), 0.0f, 1e-9f);
}

}  // namespace
}  // namespace ps::xr::openxr
