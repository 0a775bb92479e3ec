#pragma once
// The application's Vulkan device as the runtime sees it: a function table loaded
// through the app's vkGetInstanceProcAddr, the queue from the graphics binding, and
// the runtime's own command pool and fence for work on that queue.
// Queue use happens only inside xrAcquire/ReleaseSwapchainImage and xrEndFrame,
// where the OpenXR Vulkan extensions let the runtime use the app's queue.
#include <cstdint>
#include <functional>
#include <string>

#include "xr_headers.h"

namespace ps::sim {

#define PS_SIM_VK_DEVICE_FUNCTIONS(X)                                                                       \
  X(GetDeviceQueue) X(CreateImage) X(DestroyImage) X(GetImageMemoryRequirements) X(AllocateMemory)           \
  X(FreeMemory) X(BindImageMemory) X(CreateBuffer) X(DestroyBuffer) X(GetBufferMemoryRequirements)          \
  X(BindBufferMemory) X(MapMemory) X(UnmapMemory) X(InvalidateMappedMemoryRanges) X(CreateCommandPool)        \
  X(DestroyCommandPool) X(AllocateCommandBuffers) X(FreeCommandBuffers) X(BeginCommandBuffer)                \
  X(EndCommandBuffer) X(ResetCommandBuffer) X(CmdPipelineBarrier) X(CmdCopyImageToBuffer) X(QueueSubmit)     \
  X(CreateFence) X(DestroyFence) X(WaitForFences) X(ResetFences)

struct VulkanFunctions {
  PFN_vkGetPhysicalDeviceMemoryProperties GetPhysicalDeviceMemoryProperties = nullptr;
  PFN_vkGetPhysicalDeviceFormatProperties GetPhysicalDeviceFormatProperties = nullptr;
  // Null unless the app enabled VK_EXT_debug_utils: layers hand out the pointer even when
  // the extension is off, and calling it then is a validation error.
  PFN_vkSetDebugUtilsObjectNameEXT SetDebugUtilsObjectNameEXT = nullptr;
#define PS_SIM_VK_MEMBER(name) PFN_vk##name name = nullptr;
  PS_SIM_VK_DEVICE_FUNCTIONS(PS_SIM_VK_MEMBER)
#undef PS_SIM_VK_MEMBER
};

// Throws std::runtime_error naming the call and the VkResult.
void vkCheck(VkResult result, const char* call);

class VulkanDevice {
 public:
  VulkanDevice(PFN_vkGetInstanceProcAddr getInstanceProcAddr, VkInstance instance, VkPhysicalDevice physicalDevice,
               VkDevice device, std::uint32_t queueFamily, std::uint32_t queueIndex, bool debugUtils);
  ~VulkanDevice();
  VulkanDevice(const VulkanDevice&) = delete;
  VulkanDevice& operator=(const VulkanDevice&) = delete;

  const VulkanFunctions& fn() const { return fn_; }
  VkDevice device() const { return device_; }
  VkPhysicalDevice physicalDevice() const { return physicalDevice_; }
  // Throws when no memory type has the bits and properties.
  std::uint32_t memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags props) const;
  bool supportsFormat(VkFormat format, VkFormatFeatureFlags features) const;
  // Records with the runtime's command buffer, submits to the app's queue, waits.
  void submitAndWait(const std::function<void(VkCommandBuffer)>& record, const char* what);
  void name(VkObjectType type, std::uint64_t handle, const std::string& name) const;

 private:
  VulkanFunctions fn_;
  VkPhysicalDevice physicalDevice_;
  VkDevice device_;
  VkQueue queue_ = VK_NULL_HANDLE;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
  VkPhysicalDeviceMemoryProperties memory_{};
};

}  // namespace ps::sim
