#pragma once
// Small internal helpers around Vulkan's enumerate-twice idiom and queue lookup.
#include <cstdint>
#include <optional>
#include <source_location>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/vk_check.h"

namespace ps::engine {

// Calls `get(count, data)` the Vulkan way (count first, then data) until the list is stable.
// `call` names the wrapped Vulkan function in errors, which report the caller's location.
template <typename T, typename Get>
std::vector<T> enumerate(std::string_view call, Get get, std::source_location where = std::source_location::current()) {
  std::vector<T> items;
  VkResult result = VK_INCOMPLETE;
  while (result == VK_INCOMPLETE) {
    std::uint32_t count = 0;
    result = get(&count, nullptr);
    if (result < 0) throwVulkanError(result, call, where.file_name(), static_cast<int>(where.line()));
    items.resize(count);
    result = get(&count, items.data());
    if (result < 0) throwVulkanError(result, call, where.file_name(), static_cast<int>(where.line()));
    items.resize(count);
  }
  return items;
}

std::optional<std::uint32_t> findGraphicsQueueFamily(VkPhysicalDevice physicalDevice);

}  // namespace ps::engine
