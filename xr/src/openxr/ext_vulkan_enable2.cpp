#include "ext_vulkan_enable2.h"

namespace ps::xr::openxr {

void VulkanEnable2::onInstanceCreated(XrInstance instance) {
  getGraphicsRequirements =
      load<PFN_xrGetVulkanGraphicsRequirements2KHR>(instance, "xrGetVulkanGraphicsRequirements2KHR");
  createVulkanInstance = load<PFN_xrCreateVulkanInstanceKHR>(instance, "xrCreateVulkanInstanceKHR");
  getGraphicsDevice = load<PFN_xrGetVulkanGraphicsDevice2KHR>(instance, "xrGetVulkanGraphicsDevice2KHR");
  createVulkanDevice = load<PFN_xrCreateVulkanDeviceKHR>(instance, "xrCreateVulkanDeviceKHR");
}

}  // namespace ps::xr::openxr
