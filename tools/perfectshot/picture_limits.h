#pragma once
// What `probe` and `lint` say about a video larger than a GPU's images can be. The renderer
// shows such a picture at a lower mip level (engine/picture_fit.h); these tell the user before.
#include <cstdint>
#include <optional>
#include <string>

#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::tools {

// The smallest maxImageDimension2D the Vulkan specification lets a device have: every device
// holds an eye this size, so probe needs no device to say so.
inline constexpr std::uint32_t kVulkanGuaranteedImageDimension = 4096;
// What lint, which has no GPU, compares with: what lavapipe and most desktop GPUs hold.
inline constexpr std::uint32_t kCommonImageDimension = 16384;

// probe's line: how this machine's Vulkan device (the one render and play pick) holds a
// width x height picture of `format` in `stereo` layout, naming the limit it compared with.
// Creates a device only for an eye larger than kVulkanGuaranteedImageDimension.
std::string describeDeviceFit(std::uint32_t width, std::uint32_t height, PixelFormat format, StereoLayout stereo);

// lint's warning for a picture larger than kCommonImageDimension on a side, or nothing.
std::optional<std::string> commonLimitWarning(const std::string& src, int width, int height);

}  // namespace ps::tools
