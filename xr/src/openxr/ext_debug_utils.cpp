#include "ext_debug_utils.h"

#include <spdlog/spdlog.h>

namespace ps::xr::openxr {

namespace {

XrDebugUtilsMessengerCreateInfoEXT messengerInfo(PFN_xrDebugUtilsMessengerCallbackEXT callback, void* user) {
  auto info = xrStruct<XrDebugUtilsMessengerCreateInfoEXT>(XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
  info.messageSeverities = XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageTypes = XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                      XR_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_TYPE_CONFORMANCE_BIT_EXT;
  info.userCallback = callback;
  info.userData = user;
  return info;
}

}  // namespace

XrBool32 XRAPI_CALL DebugUtils::callback(XrDebugUtilsMessageSeverityFlagsEXT severity, XrDebugUtilsMessageTypeFlagsEXT,
                                         const XrDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  static_cast<DebugUtils*>(user)->messages_.fetch_add(1);
  const char* id = data->messageId != nullptr ? data->messageId : "";
  const char* fn = data->functionName != nullptr ? data->functionName : "";
  if ((severity & XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0)
    spdlog::error("openxr validation: {} {}: {}", id, fn, data->message);
  else
    spdlog::warn("openxr validation: {} {}: {}", id, fn, data->message);
  return XR_FALSE;
}

const void* DebugUtils::chainInstanceCreate(const void* next) {
  info_ = messengerInfo(&DebugUtils::callback, this);
  info_.next = next;
  return &info_;
}

void DebugUtils::onInstanceCreated(XrInstance instance) {
  auto create = load<PFN_xrCreateDebugUtilsMessengerEXT>(instance, "xrCreateDebugUtilsMessengerEXT");
  destroy_ = load<PFN_xrDestroyDebugUtilsMessengerEXT>(instance, "xrDestroyDebugUtilsMessengerEXT");
  XrDebugUtilsMessengerCreateInfoEXT info = messengerInfo(&DebugUtils::callback, this);
  PS_XR_CHECK(create(instance, &info, &messenger_));
}

void DebugUtils::onInstanceDestroying() {
  if (messenger_ != XR_NULL_HANDLE && destroy_ != nullptr) (void)destroy_(messenger_);
  messenger_ = XR_NULL_HANDLE;
}

}  // namespace ps::xr::openxr
