#pragma once
// XR_EXT_debug_utils (where offered, e.g. by the core validation layer): the runtime's and
// layers' messages go to spdlog, and warnings and errors are counted so tests can insist on none.
#include <atomic>
#include <cstdint>

#include "extension.h"

namespace ps::xr::openxr {

class DebugUtils final : public Extension {
 public:
  const char* name() const override { return XR_EXT_DEBUG_UTILS_EXTENSION_NAME; }
  // Also chained into xrCreateInstance, so messages about instance creation are caught.
  const void* chainInstanceCreate(const void* next) override;
  void onInstanceCreated(XrInstance instance) override;
  void onInstanceDestroying() override;

  std::uint64_t messageCount() const { return messages_.load(); }

 private:
  static XrBool32 XRAPI_CALL callback(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                      XrDebugUtilsMessageTypeFlagsEXT types,
                                      const XrDebugUtilsMessengerCallbackDataEXT* data, void* user);
  XrDebugUtilsMessengerCreateInfoEXT info_{};
  PFN_xrDestroyDebugUtilsMessengerEXT destroy_ = nullptr;
  XrDebugUtilsMessengerEXT messenger_ = XR_NULL_HANDLE;
  std::atomic<std::uint64_t> messages_{0};
};

}  // namespace ps::xr::openxr
