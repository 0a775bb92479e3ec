#include "runtime_device_factory.h"

#include <spdlog/spdlog.h>

#include "engine/vk_check.h"

namespace ps::xr::openxr {

namespace {

// The engine needs Vulkan 1.3 (dynamic rendering).
constexpr XrVersion kEngineVulkan = XR_MAKE_VERSION(1, 3, 0);

}  // namespace

VkInstance RuntimeDeviceFactory::createInstance(const VkInstanceCreateInfo& info) {
  const VulkanEnable2& vk = instance_.extensions().vulkan;
  // The spec requires the requirements query before any other vulkan_enable2 call.
  auto requirements = xrStruct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
  PS_XR_CHECK(vk.getGraphicsRequirements(instance_.handle(), instance_.system(), &requirements));
  if (kEngineVulkan < requirements.minApiVersionSupported)
    throw XrCallError(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING,
                      "the OpenXR runtime needs Vulkan newer than the 1.3 PerfectShot renders with");
  if (XR_MAKE_VERSION(XR_VERSION_MAJOR(kEngineVulkan), XR_VERSION_MINOR(kEngineVulkan), 0) >
      requirements.maxApiVersionSupported)
    spdlog::info("openxr: runtime tested Vulkan up to {}.{}; rendering with 1.3",
                 XR_VERSION_MAJOR(requirements.maxApiVersionSupported),
                 XR_VERSION_MINOR(requirements.maxApiVersionSupported));

  auto create = xrStruct<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
  create.systemId = instance_.system();
  create.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  create.vulkanCreateInfo = &info;
  VkInstance out = VK_NULL_HANDLE;
  VkResult vkResult = VK_SUCCESS;
  PS_XR_CHECK(vk.createVulkanInstance(instance_.handle(), &create, &out, &vkResult));
  PS_VK_CHECK(vkResult);
  return out;
}

Result<VkPhysicalDevice> RuntimeDeviceFactory::choosePhysicalDevice(VkInstance instance) {
  auto info = xrStruct<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
  info.systemId = instance_.system();
  info.vulkanInstance = instance;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  PS_XR_CHECK(instance_.extensions().vulkan.getGraphicsDevice(instance_.handle(), &info, &physical));
  if (!engine::isUsablePhysicalDevice(physical))
    return Error{"xrGetVulkanGraphicsDevice2KHR", "the headset's GPU cannot run the renderer",
                 "it needs Vulkan 1.3 with dynamic rendering and a graphics queue; update the GPU driver"};
  return physical;
}

VkDevice RuntimeDeviceFactory::createDevice(VkPhysicalDevice physicalDevice, const VkDeviceCreateInfo& info) {
  auto create = xrStruct<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
  create.systemId = instance_.system();
  create.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  create.vulkanPhysicalDevice = physicalDevice;
  create.vulkanCreateInfo = &info;  // carries the engine's Vulkan 1.3 features chain
  VkDevice out = VK_NULL_HANDLE;
  VkResult vkResult = VK_SUCCESS;
  PS_XR_CHECK(instance_.extensions().vulkan.createVulkanDevice(instance_.handle(), &create, &out, &vkResult));
  PS_VK_CHECK(vkResult);
  return out;
}

}  // namespace ps::xr::openxr
