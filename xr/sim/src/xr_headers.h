#pragma once
// OpenXR with its Vulkan and timespec platform parts, in the order they need.
#include <time.h>
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

namespace ps::sim {

// Zeroed structs with their type set, without -Wmissing-field-initializers noise.
template <typename T>
T xrStruct(XrStructureType type) {
  T s{};
  s.type = type;
  return s;
}
template <typename T>
T vkStruct(VkStructureType type) {
  T s{};
  s.sType = type;
  return s;
}

}  // namespace ps::sim
