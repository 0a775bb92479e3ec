#pragma once
// engine::DeviceFactory through XR_KHR_vulkan_enable2: the runtime creates the Vulkan
// instance and device (adding what its compositor needs) and names the physical device
// the headset is on; the engine's version and features are checked against
// xrGetVulkanGraphicsRequirements2KHR first.
#include "engine/device_factory.h"
#include "instance.h"

namespace ps::xr::openxr {

class RuntimeDeviceFactory final : public engine::DeviceFactory {
 public:
  explicit RuntimeDeviceFactory(Instance& instance) : instance_(instance) {}

  VkInstance createInstance(const VkInstanceCreateInfo& info) override;
  Result<VkPhysicalDevice> choosePhysicalDevice(VkInstance instance) override;
  VkDevice createDevice(VkPhysicalDevice physicalDevice, const VkDeviceCreateInfo& info) override;

 private:
  Instance& instance_;
};

}  // namespace ps::xr::openxr
