#pragma once
// Whether an image format stores sRGB-encoded colour that the device decodes on read and
// encodes on write: a draw into such a target writes linear values.
#include <vulkan/vulkan.h>

namespace ps::engine {

bool isSrgbFormat(VkFormat format);

}  // namespace ps::engine
