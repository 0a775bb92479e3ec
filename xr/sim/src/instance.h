#pragma once
// XrInstance: enabled extensions, the script read at creation, events, paths and
// the suggested bindings. Instance-level entry points live in instance.cpp.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "event_queue.h"
#include "paths.h"
#include "runtime.h"
#include "script.h"
#include "xr_headers.h"

namespace ps::sim {

inline constexpr XrSystemId kSystemId = 0x5053;  // the one simulated headset

struct Instance {
  std::uint64_t id = 0;
  std::set<std::string> extensions;
  std::string applicationName;
  Script script;
  EventQueue events;
  PathTable paths;
  bool lost = false;  // after a scripted runtime_lost: only destroy and poll work
  std::uint64_t sessionId = 0;  // one session at a time

  // XR_KHR_vulkan_enable2 bookkeeping.
  bool graphicsRequirementsQueried = false;
  PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr = nullptr;  // the app's, from xrCreateVulkanInstanceKHR
  VkInstance vkInstance = VK_NULL_HANDLE;
  bool vkDebugUtils = false;  // the app enabled VK_EXT_debug_utils, so objects can be named

  // Suggested bindings per interaction profile: (action id, binding path).
  std::map<XrPath, std::vector<std::pair<std::uint64_t, XrPath>>> suggestions;

  bool enabled(const char* extension) const { return extensions.count(extension) != 0; }
};

// HANDLE_INVALID for an unknown handle, INSTANCE_LOST once lost unless allowLost.
XrResult findInstance(XrInstance handle, std::shared_ptr<Instance>& out, bool allowLost = false);
// An instance entry point's body, run guarded under the runtime lock with the instance found.
template <typename F>
XrResult withInstance(const char* call, XrInstance handle, bool allowLost, F&& body) {
  return guarded(call, [&] {
    auto lock = std::lock_guard(runtime().mutex);
    std::shared_ptr<Instance> instance;
    if (XrResult r = findInstance(handle, instance, allowLost); XR_FAILED(r)) return r;
    return static_cast<XrResult>(body(*instance));
  });
}

// Destroys an instance's sessions, action sets and their children.
void destroyInstanceChildren(Instance& instance);

}  // namespace ps::sim
