#pragma once
// How a submit chains with GPU work outside the engine (a swapchain's acquire and present,
// an OpenXR runtime): the semaphores it waits on and signals.
#include <span>

#include <vulkan/vulkan.h>

namespace ps::engine {

struct SubmitSync {
  std::span<const VkSemaphore> wait;
  std::span<const VkPipelineStageFlags> waitStages;  // one per wait semaphore
  std::span<const VkSemaphore> signal;
};

}  // namespace ps::engine
