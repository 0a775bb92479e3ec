// Instance-level entry points: extensions, instance, system, view configuration,
// paths, events and the enum-to-string helpers.
#include "instance.h"

#include <openxr/openxr_reflection.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string_view>

#include "actions.h"
#include "api.h"
#include "runtime.h"
#include "session.h"
#include "user_presence.h"

namespace ps::sim {
namespace {

struct Extension {
  const char* name;
  std::uint32_t version;
};
constexpr std::array kExtensions{
    Extension{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION},
    Extension{XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME, XR_KHR_convert_timespec_time_SPEC_VERSION},
    Extension{XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME, XR_KHR_composition_layer_equirect2_SPEC_VERSION},
    Extension{XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME, XR_KHR_composition_layer_depth_SPEC_VERSION},
    Extension{XR_EXT_USER_PRESENCE_EXTENSION_NAME, XR_EXT_user_presence_SPEC_VERSION},
};

// PERFECTSHOT_SIM_HIDE_EXTENSIONS (comma-separated names): a runtime without them, so an app's
// fallbacks can be tested.
bool hidden(std::string_view name) {
  const char* env = std::getenv("PERFECTSHOT_SIM_HIDE_EXTENSIONS");
  if (env == nullptr) return false;
  std::string_view list(env);
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    if (list.substr(0, comma) == name) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool knownExtension(std::string_view name) {
  for (const auto& e : kExtensions)
    if (name == e.name) return !hidden(name);
  return false;
}

template <std::size_t N>
void copyName(char (&dst)[N], std::string_view src) {
  const std::size_t n = std::min(src.size(), N - 1);
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

// Script from PERFECTSHOT_SIM_SCRIPT, capture overridden by the capture variables.
ps::Result<Script> scriptFromEnvironment() {
  Script script;
  if (const char* path = std::getenv("PERFECTSHOT_SIM_SCRIPT"); path != nullptr && *path != '\0') {
    auto loaded = loadScript(path);
    if (!loaded) return loaded.error();
    script = std::move(loaded).value();
    log().info("script {}: {} events, refresh {} Hz", path, script.events.size(), script.display.refreshHz);
  }
  if (const char* dir = std::getenv("PERFECTSHOT_SIM_CAPTURE_DIR"); dir != nullptr && *dir != '\0')
    script.capture.dir = dir;
  if (const char* frames = std::getenv("PERFECTSHOT_SIM_CAPTURE_FRAMES"); frames != nullptr) {
    script.capture.frames.clear();
    std::stringstream list(frames);
    std::string item;
    while (std::getline(list, item, ',')) {
      char* end = nullptr;
      const unsigned long long n = std::strtoull(item.c_str(), &end, 10);
      if (item.empty() || *end != '\0')
        return ps::Error{"PERFECTSHOT_SIM_CAPTURE_FRAMES", "\"" + item + "\" is not a frame number",
                         "give comma-separated frame numbers, e.g. 10,20"};
      script.capture.frames.push_back(n);
    }
  }
  return script;
}

}  // namespace

XrResult findInstance(XrInstance handle, std::shared_ptr<Instance>& out, bool allowLost) {
  out = runtime().instances.find(toId(handle));
  if (!out) return XR_ERROR_HANDLE_INVALID;
  if (out->lost && !allowLost) return XR_ERROR_INSTANCE_LOST;
  return XR_SUCCESS;
}

void destroyInstanceChildren(Instance& instance) {
  Runtime& rt = runtime();
  if (auto session = rt.sessions.find(instance.sessionId)) destroySession(*session);
  std::vector<std::uint64_t> sets;
  rt.actionSets.forEach([&](const ActionSet& s) {
    if (s.instanceId == instance.id) sets.push_back(s.id);
  });
  for (auto id : sets) destroyActionSet(id);
}

namespace api {

XrResult xrEnumerateInstanceExtensionProperties(const char* layerName, uint32_t capacity, uint32_t* count,
                                                XrExtensionProperties* props) {
  return guarded(__func__, [&] {
    if (layerName != nullptr && *layerName != '\0') return XR_ERROR_API_LAYER_NOT_PRESENT;
    std::vector<Extension> offered;
    for (const Extension& e : kExtensions)
      if (!hidden(e.name)) offered.push_back(e);
    return fillArray(capacity, count, props, offered, [](XrExtensionProperties& p, const Extension& e) {
      copyName(p.extensionName, e.name);
      p.extensionVersion = e.version;
    });
  });
}

XrResult xrEnumerateApiLayerProperties(uint32_t capacity, uint32_t* count, XrApiLayerProperties* props) {
  static constexpr std::array<int, 0> kNone{};
  return fillArray(capacity, count, props, kNone, [](XrApiLayerProperties&, int) {});
}

XrResult xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* out) {
  return guarded(__func__, [&] {
    if (info == nullptr || out == nullptr || info->type != XR_TYPE_INSTANCE_CREATE_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    if (XR_VERSION_MAJOR(info->applicationInfo.apiVersion) != 1) return XR_ERROR_API_VERSION_UNSUPPORTED;
    if (info->applicationInfo.applicationName[0] == '\0') return XR_ERROR_NAME_INVALID;
    if (info->enabledExtensionCount > 0 && info->enabledExtensionNames == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    auto instance = std::make_shared<Instance>();
    for (std::uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
      const char* name = info->enabledExtensionNames[i];
      if (name == nullptr) return XR_ERROR_VALIDATION_FAILURE;
      if (!knownExtension(name)) {
        log().warn("xrCreateInstance: extension {} is not offered", name);
        return XR_ERROR_EXTENSION_NOT_PRESENT;
      }
      instance->extensions.insert(name);
    }
    {
      auto lock = std::lock_guard(runtime().mutex);
      if (away(runtime().clock.nowNs())) {
        log().info("xrCreateInstance: the runtime is away (scripted outage)");
        return XR_ERROR_RUNTIME_UNAVAILABLE;
      }
    }
    auto script = scriptFromEnvironment();
    if (!script) {
      log().error("xrCreateInstance: {}", script.error().message());
      return XR_ERROR_INITIALIZATION_FAILED;
    }
    instance->script = std::move(script).value();
    instance->applicationName = std::string(info->applicationInfo.applicationName,
                                            strnlen(info->applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE));
    auto lock = std::lock_guard(runtime().mutex);
    instance->id = runtime().newId();
    runtime().instances.add(instance->id, instance);
    *out = toHandle<XrInstance>(instance->id);
    log().info("instance {:#x} created for \"{}\"", instance->id, instance->applicationName);
    return XR_SUCCESS;
  });
}

XrResult xrDestroyInstance(XrInstance handle) {
  return withInstance(__func__, handle, true, [&](Instance& instance) {
    destroyInstanceChildren(instance);
    runtime().instances.erase(instance.id);
    log().info("instance {:#x} destroyed", instance.id);
    return XR_SUCCESS;
  });
}

XrResult xrGetInstanceProperties(XrInstance handle, XrInstanceProperties* props) {
  return withInstance(__func__, handle, false, [&](Instance&) {
    if (props == nullptr || props->type != XR_TYPE_INSTANCE_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    props->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
    copyName(props->runtimeName, "PerfectShot simulated headset");
    return XR_SUCCESS;
  });
}

XrResult xrPollEvent(XrInstance handle, XrEventDataBuffer* event) {
  return withInstance(__func__, handle, true, [&](Instance& instance) {
    if (event == nullptr || event->type != XR_TYPE_EVENT_DATA_BUFFER) return XR_ERROR_VALIDATION_FAILURE;
    return instance.events.poll(*event);
  });
}

XrResult xrResultToString(XrInstance handle, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  return withInstance(__func__, handle, true, [&](Instance&) {
    if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::string name;
#define PS_SIM_RESULT_CASE(n, v) \
  case v: name = #n; break;
    switch (value) {
      XR_LIST_ENUM_XrResult(PS_SIM_RESULT_CASE) default:
        name = (value >= 0 ? "XR_UNKNOWN_SUCCESS_" : "XR_UNKNOWN_FAILURE_") + std::to_string(value);
    }
#undef PS_SIM_RESULT_CASE
    std::strncpy(buffer, name.c_str(), XR_MAX_RESULT_STRING_SIZE - 1);
    buffer[XR_MAX_RESULT_STRING_SIZE - 1] = '\0';
    return XR_SUCCESS;
  });
}

XrResult xrStructureTypeToString(XrInstance handle, XrStructureType value,
                                 char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  return withInstance(__func__, handle, true, [&](Instance&) {
    if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::string name;
#define PS_SIM_TYPE_CASE(n, v) \
  case v: name = #n; break;
    switch (value) {
      XR_LIST_ENUM_XrStructureType(PS_SIM_TYPE_CASE) default:
        name = "XR_UNKNOWN_STRUCTURE_TYPE_" + std::to_string(value);
    }
#undef PS_SIM_TYPE_CASE
    std::strncpy(buffer, name.c_str(), XR_MAX_STRUCTURE_NAME_SIZE - 1);
    buffer[XR_MAX_STRUCTURE_NAME_SIZE - 1] = '\0';
    return XR_SUCCESS;
  });
}

XrResult xrGetSystem(XrInstance handle, const XrSystemGetInfo* info, XrSystemId* systemId) {
  return withInstance(__func__, handle, false, [&](Instance&) {
    if (info == nullptr || systemId == nullptr || info->type != XR_TYPE_SYSTEM_GET_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    if (info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
    if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) return XR_ERROR_VALIDATION_FAILURE;
    *systemId = kSystemId;
    return XR_SUCCESS;
  });
}

XrResult xrGetSystemProperties(XrInstance handle, XrSystemId systemId, XrSystemProperties* props) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    if (props == nullptr || props->type != XR_TYPE_SYSTEM_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    props->systemId = kSystemId;
    props->vendorId = 0x5053;
    copyName(props->systemName, "PerfectShot simulated headset");
    props->graphicsProperties = {4096, 4096, 16};
    props->trackingProperties = {XR_TRUE, XR_TRUE};
    for (auto* next = static_cast<XrBaseOutStructure*>(props->next); next != nullptr; next = next->next)
      if (next->type == XR_TYPE_SYSTEM_USER_PRESENCE_PROPERTIES_EXT) {
        if (!instance.enabled(XR_EXT_USER_PRESENCE_EXTENSION_NAME)) return XR_ERROR_VALIDATION_FAILURE;
        reinterpret_cast<XrSystemUserPresencePropertiesEXT*>(next)->supportsUserPresence = XR_TRUE;
      }
    return XR_SUCCESS;
  });
}

XrResult xrEnumerateEnvironmentBlendModes(XrInstance handle, XrSystemId systemId, XrViewConfigurationType type,
                                          uint32_t capacity, uint32_t* count, XrEnvironmentBlendMode* modes) {
  return withInstance(__func__, handle, false, [&](Instance&) {
    if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    static constexpr std::array kModes{XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
    return fillArray(capacity, count, modes, kModes, [](auto& o, auto m) { o = m; });
  });
}

XrResult xrEnumerateViewConfigurations(XrInstance handle, XrSystemId systemId, uint32_t capacity, uint32_t* count,
                                       XrViewConfigurationType* types) {
  return withInstance(__func__, handle, false, [&](Instance&) {
    if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    static constexpr std::array kTypes{XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    return fillArray(capacity, count, types, kTypes, [](auto& o, auto t) { o = t; });
  });
}

XrResult xrGetViewConfigurationProperties(XrInstance handle, XrSystemId systemId, XrViewConfigurationType type,
                                          XrViewConfigurationProperties* props) {
  return withInstance(__func__, handle, false, [&](Instance&) {
    if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    if (props == nullptr || props->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    props->viewConfigurationType = type;
    props->fovMutable = XR_FALSE;
    return XR_SUCCESS;
  });
}

XrResult xrEnumerateViewConfigurationViews(XrInstance handle, XrSystemId systemId, XrViewConfigurationType type,
                                           uint32_t capacity, uint32_t* count, XrViewConfigurationView* views) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    const DisplayConfig& d = instance.script.display;
    const std::array<int, 2> eyes{0, 1};
    if (views != nullptr && capacity >= 2)
      for (std::uint32_t i = 0; i < 2; ++i)
        if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    return fillArray(capacity, count, views, eyes, [&](XrViewConfigurationView& v, int) {
      v.recommendedImageRectWidth = d.width;
      v.recommendedImageRectHeight = d.height;
      v.maxImageRectWidth = std::max(4096u, d.width);
      v.maxImageRectHeight = std::max(4096u, d.height);
      v.recommendedSwapchainSampleCount = 1;
      v.maxSwapchainSampleCount = 4;
    });
  });
}

XrResult xrStringToPath(XrInstance handle, const char* text, XrPath* path) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (path == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    return instance.paths.intern(text, *path);
  });
}

XrResult xrPathToString(XrInstance handle, XrPath path, uint32_t capacity, uint32_t* count, char* buffer) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    const std::string* s = instance.paths.find(path);
    if (s == nullptr) return XR_ERROR_PATH_INVALID;
    return fillString(capacity, count, buffer, *s);
  });
}

XrResult xrConvertTimespecTimeToTimeKHR(XrInstance handle, const struct timespec* ts, XrTime* time) {
  return withInstance(__func__, handle, false, [&](Instance&) {
    if (ts == nullptr || time == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    // XrTime here is CLOCK_MONOTONIC in nanoseconds, so the conversion is exact.
    *time = static_cast<XrTime>(ts->tv_sec) * 1'000'000'000 + ts->tv_nsec;
    return *time > 0 ? XR_SUCCESS : XR_ERROR_TIME_INVALID;
  });
}

XrResult xrConvertTimeToTimespecTimeKHR(XrInstance handle, XrTime time, struct timespec* ts) {
  return withInstance(__func__, handle, false, [&](Instance&) {
    if (ts == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (time <= 0) return XR_ERROR_TIME_INVALID;
    ts->tv_sec = time / 1'000'000'000;
    ts->tv_nsec = time % 1'000'000'000;
    return XR_SUCCESS;
  });
}

}  // namespace api
}  // namespace ps::sim
