// XR_KHR_vulkan_enable2: the runtime creates the app's Vulkan instance and device
// through the app's vkGetInstanceProcAddr and picks the physical device.
#include <string_view>
#include <vector>

#include "api.h"
#include "instance.h"
#include "runtime.h"
#include "vulkan_device.h"

namespace ps::sim {
namespace {

int deviceRank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;  // lavapipe: fine for a simulator
    default: return 0;
  }
}

}  // namespace

namespace api {

XrResult xrGetVulkanGraphicsRequirements2KHR(XrInstance handle, XrSystemId systemId,
                                             XrGraphicsRequirementsVulkanKHR* requirements) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    if (requirements == nullptr || requirements->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR)
      return XR_ERROR_VALIDATION_FAILURE;
    requirements->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
    requirements->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
    instance.graphicsRequirementsQueried = true;
    return XR_SUCCESS;
  });
}

XrResult xrCreateVulkanInstanceKHR(XrInstance handle, const XrVulkanInstanceCreateInfoKHR* info,
                                   VkInstance* vulkanInstance, VkResult* vulkanResult) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (info == nullptr || vulkanInstance == nullptr || vulkanResult == nullptr ||
        info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR || info->pfnGetInstanceProcAddr == nullptr ||
        info->vulkanCreateInfo == nullptr || info->createFlags != 0)
      return XR_ERROR_VALIDATION_FAILURE;
    if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    auto create = reinterpret_cast<PFN_vkCreateInstance>(info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
    if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
    // The simulator needs no instance extensions of its own: the app's create info goes as is.
    *vulkanResult = create(info->vulkanCreateInfo, info->vulkanAllocator, vulkanInstance);
    if (*vulkanResult == VK_SUCCESS) {
      instance.vkGetInstanceProcAddr = info->pfnGetInstanceProcAddr;
      instance.vkInstance = *vulkanInstance;
      const VkInstanceCreateInfo& ci = *info->vulkanCreateInfo;
      instance.vkDebugUtils = false;
      for (std::uint32_t i = 0; i < ci.enabledExtensionCount; ++i)
        if (std::string_view(ci.ppEnabledExtensionNames[i]) == VK_EXT_DEBUG_UTILS_EXTENSION_NAME)
          instance.vkDebugUtils = true;
    } else {
      log().warn("xrCreateVulkanInstanceKHR: vkCreateInstance returned {}", static_cast<int>(*vulkanResult));
    }
    return XR_SUCCESS;
  });
}

XrResult xrGetVulkanGraphicsDevice2KHR(XrInstance handle, const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                       VkPhysicalDevice* physicalDevice) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (info == nullptr || physicalDevice == nullptr || info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR ||
        info->vulkanInstance == VK_NULL_HANDLE)
      return XR_ERROR_VALIDATION_FAILURE;
    if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    PFN_vkGetInstanceProcAddr gipa = instance.vkGetInstanceProcAddr ? instance.vkGetInstanceProcAddr : &vkGetInstanceProcAddr;
    auto enumerate = reinterpret_cast<PFN_vkEnumeratePhysicalDevices>(gipa(info->vulkanInstance, "vkEnumeratePhysicalDevices"));
    auto properties = reinterpret_cast<PFN_vkGetPhysicalDeviceProperties>(gipa(info->vulkanInstance, "vkGetPhysicalDeviceProperties"));
    if (enumerate == nullptr || properties == nullptr) return XR_ERROR_RUNTIME_FAILURE;
    std::uint32_t count = 0;
    vkCheck(enumerate(info->vulkanInstance, &count, nullptr), "vkEnumeratePhysicalDevices");
    std::vector<VkPhysicalDevice> devices(count);
    vkCheck(enumerate(info->vulkanInstance, &count, devices.data()), "vkEnumeratePhysicalDevices");
    VkPhysicalDevice best = VK_NULL_HANDLE;
    int bestRank = -1;
    for (VkPhysicalDevice d : devices) {
      VkPhysicalDeviceProperties p{};
      properties(d, &p);
      if (deviceRank(p.deviceType) > bestRank) {
        bestRank = deviceRank(p.deviceType);
        best = d;
      }
    }
    if (best == VK_NULL_HANDLE) {
      log().error("xrGetVulkanGraphicsDevice2KHR: the Vulkan instance has no physical device (is Mesa's lavapipe installed?)");
      return XR_ERROR_RUNTIME_FAILURE;
    }
    instance.vkInstance = info->vulkanInstance;
    *physicalDevice = best;
    return XR_SUCCESS;
  });
}

XrResult xrCreateVulkanDeviceKHR(XrInstance handle, const XrVulkanDeviceCreateInfoKHR* info, VkDevice* device,
                                 VkResult* vulkanResult) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (info == nullptr || device == nullptr || vulkanResult == nullptr ||
        info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR || info->pfnGetInstanceProcAddr == nullptr ||
        info->vulkanCreateInfo == nullptr || info->vulkanPhysicalDevice == VK_NULL_HANDLE || info->createFlags != 0)
      return XR_ERROR_VALIDATION_FAILURE;
    if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    if (instance.vkInstance == VK_NULL_HANDLE) {
      log().error("xrCreateVulkanDeviceKHR: call xrGetVulkanGraphicsDevice2KHR first");
      return XR_ERROR_VALIDATION_FAILURE;
    }
    auto create = reinterpret_cast<PFN_vkCreateDevice>(info->pfnGetInstanceProcAddr(instance.vkInstance, "vkCreateDevice"));
    if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
    *vulkanResult = create(info->vulkanPhysicalDevice, info->vulkanCreateInfo, info->vulkanAllocator, device);
    if (*vulkanResult != VK_SUCCESS)
      log().warn("xrCreateVulkanDeviceKHR: vkCreateDevice returned {}", static_cast<int>(*vulkanResult));
    else if (instance.vkGetInstanceProcAddr == nullptr)
      instance.vkGetInstanceProcAddr = info->pfnGetInstanceProcAddr;
    return XR_SUCCESS;
  });
}

}  // namespace api
}  // namespace ps::sim
