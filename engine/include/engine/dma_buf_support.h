#pragma once
// Whether a Vulkan device can show a picture that stays in GPU memory: a hardware decoder's
// dma-buf planes (FrameView::dmaBuf), imported as images with their DRM tiling.
#include <optional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "scenes/frame_view.h"

namespace ps::engine {

class Device;

// The device extensions that import a dma-buf plane as an image.
const std::vector<const char*>& dmaBufImportExtensions();
// Those of them physicalDevice lacks; empty when it imports.
std::vector<std::string> missingDmaBufExtensions(VkPhysicalDevice physicalDevice);

// Asked before any display exists (a plate is opened first): nothing when a usable Vulkan device
// on this machine imports dma-bufs, else why none does, in words ("llvmpipe lacks ...").
std::optional<std::string> whyNoDmaBufImport();

// Whether `device` imports this picture's planes (their formats, DRM modifiers and sizes):
// nothing when it does, else why not. The imports are made and dropped at once.
std::optional<std::string> whyCannotImport(const Device& device, const FrameView& frame);

}  // namespace ps::engine
