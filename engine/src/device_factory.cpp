#include "engine/device_factory.h"

#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "engine/vk_check.h"
#include "vk_util.h"

namespace ps::engine {

namespace {

int preference(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 1;
    default: return 0;  // CPU (lavapipe) and other
  }
}

}  // namespace

bool isUsablePhysicalDevice(VkPhysicalDevice physicalDevice) {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(physicalDevice, &properties);
  if (properties.apiVersion < VK_API_VERSION_1_3) return false;
  VkPhysicalDeviceVulkan13Features features13{};
  features13.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES;
  VkPhysicalDeviceFeatures2 features{};
  features.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  features.pNext = &features13;
  vkGetPhysicalDeviceFeatures2(physicalDevice, &features);
  return features13.dynamicRendering == VK_TRUE && findGraphicsQueueFamily(physicalDevice).has_value();
}

VkInstance StandaloneDeviceFactory::createInstance(const VkInstanceCreateInfo& info) {
  VkInstance instance = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateInstance(&info, nullptr, &instance));
  return instance;
}

Result<VkPhysicalDevice> StandaloneDeviceFactory::choosePhysicalDevice(VkInstance instance) {
  const auto devices = enumerate<VkPhysicalDevice>(
      "vkEnumeratePhysicalDevices",
      [&](std::uint32_t* n, VkPhysicalDevice* out) { return vkEnumeratePhysicalDevices(instance, n, out); });
  VkPhysicalDevice best = VK_NULL_HANDLE;
  int bestScore = -1;
  std::string rejected;
  for (VkPhysicalDevice candidate : devices) {
    VkPhysicalDeviceProperties properties{};
    vkGetPhysicalDeviceProperties(candidate, &properties);
    if (!isUsablePhysicalDevice(candidate)) {
      rejected += std::string(rejected.empty() ? "" : ", ") + properties.deviceName;
      continue;
    }
    if (const int score = preference(properties.deviceType); score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best == VK_NULL_HANDLE) {
    return Error{"Vulkan", "no usable Vulkan device" + (rejected.empty() ? std::string() : " (rejected: " + rejected + ")"),
                 "install a Vulkan 1.3 driver with dynamic rendering, e.g. Mesa's lavapipe (mesa-vulkan-drivers)"};
  }
  VkPhysicalDeviceProperties chosen{};
  vkGetPhysicalDeviceProperties(best, &chosen);
  spdlog::info("Vulkan device: {}", chosen.deviceName);
  return best;
}

VkDevice StandaloneDeviceFactory::createDevice(VkPhysicalDevice physicalDevice, const VkDeviceCreateInfo& info) {
  VkDevice device = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateDevice(physicalDevice, &info, nullptr, &device));
  return device;
}

}  // namespace ps::engine
