#pragma once
// How a Device gets its Vulkan instance, physical device and logical device.
// A display backend may need to own these steps: OpenXR's XR_KHR_vulkan_enable2 creates the
// instance and device itself (xrCreateVulkanInstanceKHR, xrGetVulkanGraphicsDevice2KHR,
// xrCreateVulkanDeviceKHR), adding what the runtime needs to the create infos it is given.
// Device fills in what the engine needs (layers, extensions, features) and asks the factory.
#include <vulkan/vulkan.h>

#include "scenes/result.h"

namespace ps::engine {

class DeviceFactory {
 public:
  virtual ~DeviceFactory() = default;

  // Must create an instance with at least what `info` asks for. Throws VulkanError on failure.
  virtual VkInstance createInstance(const VkInstanceCreateInfo& info) = 0;
  // The physical device to render on; an Error (with a hint for the user) when none is usable.
  virtual Result<VkPhysicalDevice> choosePhysicalDevice(VkInstance instance) = 0;
  // Must create a device with at least what `info` asks for. Throws VulkanError on failure.
  virtual VkDevice createDevice(VkPhysicalDevice physicalDevice, const VkDeviceCreateInfo& info) = 0;

 protected:
  DeviceFactory() = default;
  DeviceFactory(const DeviceFactory&) = default;
  DeviceFactory& operator=(const DeviceFactory&) = default;
};

// Creates everything directly with the Vulkan loader; picks a discrete GPU, else an integrated
// one, else anything that has a graphics queue and Vulkan 1.3 (e.g. lavapipe).
class StandaloneDeviceFactory final : public DeviceFactory {
 public:
  VkInstance createInstance(const VkInstanceCreateInfo& info) override;
  Result<VkPhysicalDevice> choosePhysicalDevice(VkInstance instance) override;
  VkDevice createDevice(VkPhysicalDevice physicalDevice, const VkDeviceCreateInfo& info) override;
};

// True when the device can run the engine: a graphics queue, Vulkan 1.3 and dynamic rendering.
bool isUsablePhysicalDevice(VkPhysicalDevice physicalDevice);

}  // namespace ps::engine
