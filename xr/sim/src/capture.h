#pragma once
// Writes what a frame submitted: each projection view's (and quad's) sub-image to a
// PNG, the depth a view was given (XR_KHR_composition_layer_depth) to a PFM, and the
// views' poses, fovs and depth ranges to JSON next to them, so a test can render the
// same views and compare.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vulkan_device.h"
#include "xr_headers.h"

namespace ps::sim {

// The depth chained on a projection view (XrCompositionLayerDepthInfoKHR), as submitted.
struct CapturedDepth {
  std::string file;  // name inside the capture directory
  XrRect2Di rect{};
  std::uint32_t arrayIndex = 0;
  float minDepth = 0, maxDepth = 1;  // the depth values' range
  float nearZ = 0, farZ = 0;         // metres at minDepth and maxDepth (may be infinite)
};

struct CapturedImage {
  std::string file;  // name inside the capture directory
  std::string kind;  // "left", "right", "quad" or "equirect"
  XrRect2Di rect{};
  std::uint32_t arrayIndex = 0;
  XrPosef poseInLayerSpace{};  // as the app submitted it
  XrPosef poseInStage{};       // resolved through the layer's space
  XrFovf fov{};                // projection views only
  XrExtent2Df size{};          // quads only, metres
  // Equirect layers only (XR_KHR_composition_layer_equirect2): radius (0: infinite) and the
  // angles the image covers, radians.
  float radius = 0, centralHorizontalAngle = 0, upperVerticalAngle = 0, lowerVerticalAngle = 0;
  std::optional<CapturedDepth> depth;  // projection views with depth info only
};

// Copies rect of one array layer to a host buffer on the app's queue and writes it as
// RGBA PNG. The image is in `layout` and is left in it. Returns false (with a
// warning) for formats that are not 8-bit RGBA/BGRA.
bool captureImage(VulkanDevice& vulkan, VkImage image, VkFormat format, VkImageLayout layout, std::uint32_t arrayIndex,
                  const XrRect2Di& rect, const std::string& path);

// Copies rect of one array layer of a D32_SFLOAT or D16_UNORM image (in `layout`, left in
// it) and writes the depth values as 32-bit floats to a PFM (greyscale "Pf", little-endian,
// rows bottom to top as PFM has them). Returns false (with a warning) for other formats.
bool captureDepth(VulkanDevice& vulkan, VkImage image, VkFormat format, VkImageLayout layout, std::uint32_t arrayIndex,
                  const XrRect2Di& rect, const std::string& path);

// <dir>/frame_<n>.json describing the captured images.
void writeCaptureJson(const std::string& dir, std::uint64_t frame, XrTime displayTime,
                      const std::vector<CapturedImage>& images);

}  // namespace ps::sim
