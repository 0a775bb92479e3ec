#pragma once
// Small internal helpers around Vulkan's enumerate-twice idiom and queue lookup.
#include <cstdint>
#include <optional>
#include <source_location>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/submit_sync.h"
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

// Ends `commands` and submits it alone to `queue`, chained by `sync`, signalling `fence`.
inline void submitCommands(VkQueue queue, VkCommandBuffer commands, VkFence fence, const SubmitSync& sync) {
  PS_VK_CHECK(vkEndCommandBuffer(commands));
  VkSubmitInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  info.waitSemaphoreCount = static_cast<std::uint32_t>(sync.wait.size());
  info.pWaitSemaphores = sync.wait.data();
  info.pWaitDstStageMask = sync.waitStages.data();
  info.commandBufferCount = 1;
  info.pCommandBuffers = &commands;
  info.signalSemaphoreCount = static_cast<std::uint32_t>(sync.signal.size());
  info.pSignalSemaphores = sync.signal.data();
  PS_VK_CHECK(vkQueueSubmit(queue, 1, &info, fence));
}

}  // namespace ps::engine
