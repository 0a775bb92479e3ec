#pragma once
// OpenXR with the platform parts this backend uses (Vulkan, timespec), in the order the
// headers need. Include this, never <openxr/openxr.h> directly, inside xr/src/openxr.
#include <ctime>

#include <vulkan/vulkan.h>

#define XR_USE_GRAPHICS_API_VULKAN
#define XR_USE_TIMESPEC
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

namespace ps::xr::openxr {

// A zeroed OpenXR struct with its type set: xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO).
template <typename T>
T xrStruct(XrStructureType type) {
  T value{};
  value.type = type;
  return value;
}

}  // namespace ps::xr::openxr
