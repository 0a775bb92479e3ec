#pragma once
// Drives the simulated runtime through the real OpenXR loader (XR_RUNTIME_JSON is set
// by CTest): an XrInstance with XR_KHR_vulkan_enable2, a Vulkan instance and device
// made through the runtime (with the Khronos validation layer, whose messages are
// counted), a session and helpers for the frame loop and events.
#include <gtest/gtest.h>

#define XR_USE_GRAPHICS_API_VULKAN
#include "xr_headers.h"  // the runtime's own struct helpers

#include <string>
#include <vector>

namespace ps::test::xr {

#define XR_EXPECT(call) EXPECT_EQ((call), XR_SUCCESS) << #call
#define XR_ASSERT(call) ASSERT_EQ((call), XR_SUCCESS) << #call

using ps::sim::vkStruct;
using ps::sim::xrStruct;

// Writes text to a fresh file under the test's temp dir; returns its path.
std::string writeTempFile(const std::string& name, const std::string& text);
// Points PERFECTSHOT_SIM_SCRIPT at a script (empty: none) before an instance is made.
void useScript(const std::string& json);

// xrCreateInstance through the loader with the given extensions; the result is returned.
XrResult createInstance(const std::vector<const char*>& extensions, XrInstance& out);

// Vulkan extensions the app asks the runtime for, beyond the debug utils the harness enables.
struct VulkanExtensions {
  std::vector<const char*> instance;
  std::vector<const char*> device;
};

class SimSession {
 public:
  // Instance (XR_KHR_vulkan_enable2 and `extraExtensions`), system, Vulkan (with `vulkan`'s
  // extensions), session; fails the test on error.
  explicit SimSession(const std::vector<const char*>& extraExtensions = {}, const VulkanExtensions& vulkan = {});
  ~SimSession();
  SimSession(const SimSession&) = delete;
  SimSession& operator=(const SimSession&) = delete;

  // All session state changes queued now, in order; other events are kept in others.
  std::vector<XrSessionState> pollStates();
  // Begins the session once READY arrived.
  void begin();
  // One xrWaitFrame/xrBeginFrame/xrEndFrame with the given layers.
  XrFrameState frame(const std::vector<const XrCompositionLayerBaseHeader*>& layers = {});
  XrPath path(const char* text);
  XrSpace referenceSpace(XrReferenceSpaceType type);
  void destroy();  // tears everything down now (idempotent)

  XrInstance instance = XR_NULL_HANDLE;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  XrSession session = XR_NULL_HANDLE;
  VkInstance vkInstance = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  std::uint32_t queueFamily = 0;
  std::vector<XrEventDataBuffer> others;
  XrResult lastWaitResult = XR_SUCCESS;
  int validationMessages = 0;  // Vulkan validation warnings and errors

 private:
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  std::vector<XrSpace> spaces_;
};

// A swapchain of the session and its images.
struct TestSwapchain {
  XrSwapchain handle = XR_NULL_HANDLE;
  std::vector<VkImage> images;
};
TestSwapchain makeSwapchain(SimSession& s, VkFormat format, std::uint32_t w, std::uint32_t h,
                            XrSwapchainUsageFlags usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT |
                                                          XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT);

// Records commands on the given queue and waits for them (for the test's own clears).
class OneShot {
 public:
  OneShot(VkDevice device, VkQueue queue, std::uint32_t family);
  ~OneShot();
  VkCommandBuffer begin();
  void submitAndWait();

 private:
  VkDevice device_;
  VkQueue queue_;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
};

}  // namespace ps::test::xr
