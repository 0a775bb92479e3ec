#pragma once
// Every OpenXR entry point the runtime implements, declared from the headers' own
// PFN types so a signature cannot drift. Defined in the file of their concept;
// reached only through xrGetInstanceProcAddr (dispatch.cpp).
#include <type_traits>

#include "xr_headers.h"

namespace ps::sim::api {

#define PS_SIM_ENTRY(name) std::remove_pointer_t<PFN_##name> name;
#define PS_SIM_ENTRIES(X)                                                                                   \
  X(xrGetInstanceProcAddr) X(xrEnumerateInstanceExtensionProperties) X(xrEnumerateApiLayerProperties)       \
  X(xrCreateInstance) X(xrDestroyInstance) X(xrGetInstanceProperties) X(xrPollEvent) X(xrResultToString)    \
  X(xrStructureTypeToString) X(xrGetSystem) X(xrGetSystemProperties) X(xrEnumerateEnvironmentBlendModes)     \
  X(xrEnumerateViewConfigurations) X(xrGetViewConfigurationProperties) X(xrEnumerateViewConfigurationViews)  \
  X(xrStringToPath) X(xrPathToString)                                                                        \
  X(xrCreateSession) X(xrDestroySession) X(xrBeginSession) X(xrEndSession) X(xrRequestExitSession)           \
  X(xrEnumerateReferenceSpaces) X(xrCreateReferenceSpace) X(xrGetReferenceSpaceBoundsRect)                  \
  X(xrCreateActionSpace) X(xrLocateSpace) X(xrDestroySpace) X(xrLocateViews)                                 \
  X(xrEnumerateSwapchainFormats) X(xrCreateSwapchain) X(xrDestroySwapchain) X(xrEnumerateSwapchainImages)    \
  X(xrAcquireSwapchainImage) X(xrWaitSwapchainImage) X(xrReleaseSwapchainImage)                              \
  X(xrWaitFrame) X(xrBeginFrame) X(xrEndFrame)                                                               \
  X(xrCreateActionSet) X(xrDestroyActionSet) X(xrCreateAction) X(xrDestroyAction)                           \
  X(xrSuggestInteractionProfileBindings) X(xrAttachSessionActionSets) X(xrGetCurrentInteractionProfile)      \
  X(xrGetActionStateBoolean) X(xrGetActionStateFloat) X(xrGetActionStateVector2f) X(xrGetActionStatePose)   \
  X(xrSyncActions) X(xrEnumerateBoundSourcesForAction) X(xrGetInputSourceLocalizedName)                      \
  X(xrApplyHapticFeedback) X(xrStopHapticFeedback)                                                           \
  X(xrGetVulkanGraphicsRequirements2KHR) X(xrCreateVulkanInstanceKHR) X(xrCreateVulkanDeviceKHR)             \
  X(xrGetVulkanGraphicsDevice2KHR) X(xrConvertTimespecTimeToTimeKHR) X(xrConvertTimeToTimespecTimeKHR)

PS_SIM_ENTRIES(PS_SIM_ENTRY)

}  // namespace ps::sim::api
