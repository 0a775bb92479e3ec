#include "vulkan_device.h"

#include <stdexcept>
#include <string>

namespace ps::sim {

namespace {

std::string resultName(VkResult r) {
  switch (r) {
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_MEMORY_MAP_FAILED: return "VK_ERROR_MEMORY_MAP_FAILED";
    case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_FORMAT_NOT_SUPPORTED: return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    case VK_TIMEOUT: return "VK_TIMEOUT";
    default: return "VkResult " + std::to_string(static_cast<int>(r));
  }
}

}  // namespace

void vkCheck(VkResult result, const char* call) {
  if (result != VK_SUCCESS) throw std::runtime_error(std::string(call) + " failed: " + resultName(result));
}

VulkanDevice::VulkanDevice(PFN_vkGetInstanceProcAddr gipa, VkInstance instance, VkPhysicalDevice physicalDevice,
                           VkDevice device, std::uint32_t queueFamily, std::uint32_t queueIndex, bool debugUtils)
    : physicalDevice_(physicalDevice), device_(device) {
  auto gdpa = reinterpret_cast<PFN_vkGetDeviceProcAddr>(gipa(instance, "vkGetDeviceProcAddr"));
  fn_.GetPhysicalDeviceMemoryProperties = reinterpret_cast<PFN_vkGetPhysicalDeviceMemoryProperties>(
      gipa(instance, "vkGetPhysicalDeviceMemoryProperties"));
  fn_.GetPhysicalDeviceFormatProperties = reinterpret_cast<PFN_vkGetPhysicalDeviceFormatProperties>(
      gipa(instance, "vkGetPhysicalDeviceFormatProperties"));
  if (gdpa == nullptr || fn_.GetPhysicalDeviceMemoryProperties == nullptr ||
      fn_.GetPhysicalDeviceFormatProperties == nullptr)
    throw std::runtime_error("vkGetInstanceProcAddr returned null for core instance functions");
#define PS_SIM_VK_LOAD(name)                                                                      \
  fn_.name = reinterpret_cast<PFN_vk##name>(gdpa(device, "vk" #name));                            \
  if (fn_.name == nullptr) throw std::runtime_error("vkGetDeviceProcAddr returned null for vk" #name);
  PS_SIM_VK_DEVICE_FUNCTIONS(PS_SIM_VK_LOAD)
#undef PS_SIM_VK_LOAD
  if (debugUtils)
    fn_.SetDebugUtilsObjectNameEXT = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(gdpa(device, "vkSetDebugUtilsObjectNameEXT"));
  fn_.GetPhysicalDeviceMemoryProperties(physicalDevice, &memory_);
  fn_.GetDeviceQueue(device, queueFamily, queueIndex, &queue_);

  auto poolInfo = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  poolInfo.queueFamilyIndex = queueFamily;
  vkCheck(fn_.CreateCommandPool(device, &poolInfo, nullptr, &pool_), "vkCreateCommandPool");
  name(VK_OBJECT_TYPE_COMMAND_POOL, reinterpret_cast<std::uint64_t>(pool_), "perfectshot-sim command pool");
  auto alloc = vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  auto fenceInfo = vkStruct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
  try {
    vkCheck(fn_.AllocateCommandBuffers(device, &alloc, &cmd_), "vkAllocateCommandBuffers");
    vkCheck(fn_.CreateFence(device, &fenceInfo, nullptr, &fence_), "vkCreateFence");
  } catch (...) {
    fn_.DestroyCommandPool(device, pool_, nullptr);
    throw;
  }
  name(VK_OBJECT_TYPE_FENCE, reinterpret_cast<std::uint64_t>(fence_), "perfectshot-sim fence");
}

VulkanDevice::~VulkanDevice() {
  // submitAndWait leaves nothing in flight, so the pool can go at once.
  fn_.DestroyFence(device_, fence_, nullptr);
  fn_.DestroyCommandPool(device_, pool_, nullptr);
}

std::uint32_t VulkanDevice::memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags props) const {
  for (std::uint32_t i = 0; i < memory_.memoryTypeCount; ++i)
    if ((typeBits & (1u << i)) != 0 && (memory_.memoryTypes[i].propertyFlags & props) == props) return i;
  throw std::runtime_error("no Vulkan memory type with the properties the runtime needs");
}

bool VulkanDevice::supportsFormat(VkFormat format, VkFormatFeatureFlags features) const {
  VkFormatProperties props{};
  fn_.GetPhysicalDeviceFormatProperties(physicalDevice_, format, &props);
  return (props.optimalTilingFeatures & features) == features;
}

void VulkanDevice::submitAndWait(const std::function<void(VkCommandBuffer)>& record, const char* what) {
  vkCheck(fn_.ResetCommandBuffer(cmd_, 0), "vkResetCommandBuffer");
  auto begin = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkCheck(fn_.BeginCommandBuffer(cmd_, &begin), "vkBeginCommandBuffer");
  record(cmd_);
  vkCheck(fn_.EndCommandBuffer(cmd_), "vkEndCommandBuffer");
  auto submit = vkStruct<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd_;
  vkCheck(fn_.ResetFences(device_, 1, &fence_), "vkResetFences");
  vkCheck(fn_.QueueSubmit(queue_, 1, &submit, fence_), (std::string("vkQueueSubmit (") + what + ")").c_str());
  vkCheck(fn_.WaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX), "vkWaitForFences");
}

void VulkanDevice::name(VkObjectType type, std::uint64_t handle, const std::string& text) const {
  if (fn_.SetDebugUtilsObjectNameEXT == nullptr) return;
  auto info = vkStruct<VkDebugUtilsObjectNameInfoEXT>(VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT);
  info.objectType = type;
  info.objectHandle = handle;
  info.pObjectName = text.c_str();
  fn_.SetDebugUtilsObjectNameEXT(device_, &info);
}

}  // namespace ps::sim
