// xrGetInstanceProcAddr: name to entry point, with extension functions handed out
// only to instances that enabled the extension.
#include <cstring>
#include <string_view>

#include "api.h"
#include "instance.h"
#include "runtime.h"

namespace ps::sim {
namespace {

struct Entry {
  const char* name;
  PFN_xrVoidFunction fn;
  const char* extension;  // nullptr for core
};

const char* extensionOf(std::string_view name) {
  if (name.ends_with("KHR")) {
    if (name.find("Timespec") != std::string_view::npos) return XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME;
    return XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
  }
  return nullptr;
}

#define PS_SIM_TABLE_ROW(name) Entry{#name, reinterpret_cast<PFN_xrVoidFunction>(&api::name), extensionOf(#name)},
const Entry kEntries[] = {PS_SIM_ENTRIES(PS_SIM_TABLE_ROW)};
#undef PS_SIM_TABLE_ROW

const Entry* lookup(std::string_view name) {
  for (const Entry& e : kEntries)
    if (name == e.name) return &e;
  return nullptr;
}

}  // namespace

namespace api {

XrResult xrGetInstanceProcAddr(XrInstance handle, const char* name, PFN_xrVoidFunction* function) {
  return guarded(__func__, [&] {
    if (function == nullptr || name == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    *function = nullptr;
    const std::string_view n(name);
    if (handle == XR_NULL_HANDLE) {
      // Only these may be fetched before an instance exists.
      if (n != "xrEnumerateInstanceExtensionProperties" && n != "xrEnumerateApiLayerProperties" &&
          n != "xrCreateInstance")
        return XR_ERROR_HANDLE_INVALID;
      *function = lookup(n)->fn;
      return XR_SUCCESS;
    }
    auto lock = std::lock_guard(runtime().mutex);
    std::shared_ptr<Instance> instance;
    if (XrResult r = findInstance(handle, instance, true); XR_FAILED(r)) return r;
    const Entry* e = lookup(n);
    if (e == nullptr || (e->extension != nullptr && !instance->enabled(e->extension)))
      return XR_ERROR_FUNCTION_UNSUPPORTED;
    *function = e->fn;
    return XR_SUCCESS;
  });
}

}  // namespace api
}  // namespace ps::sim
