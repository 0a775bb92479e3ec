#pragma once
// XR_KHR_vulkan_enable2 (required): the runtime creates the Vulkan instance and device
// with what it needs added, and names the physical device the headset is on.
#include "extension.h"

namespace ps::xr::openxr {

class VulkanEnable2 final : public Extension {
 public:
  const char* name() const override { return XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME; }
  bool required() const override { return true; }
  void onInstanceCreated(XrInstance instance) override;

  PFN_xrGetVulkanGraphicsRequirements2KHR getGraphicsRequirements = nullptr;
  PFN_xrCreateVulkanInstanceKHR createVulkanInstance = nullptr;
  PFN_xrGetVulkanGraphicsDevice2KHR getGraphicsDevice = nullptr;
  PFN_xrCreateVulkanDeviceKHR createVulkanDevice = nullptr;
};

}  // namespace ps::xr::openxr
