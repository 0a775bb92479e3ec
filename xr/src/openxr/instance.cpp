#include "instance.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace ps::xr::openxr {

namespace {

std::vector<std::string> offeredExtensions() {
  std::uint32_t count = 0;
  PS_XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr));
  std::vector<XrExtensionProperties> props(count, xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  PS_XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()));
  std::vector<std::string> names;
  for (const auto& p : props) names.emplace_back(p.extensionName);
  return names;
}

const char* const kNoRuntimeHint =
    "is an OpenXR runtime (Monado, SteamVR, WiVRn) installed and active? For the simulated headset set "
    "XR_RUNTIME_JSON=<build>/xr/sim/perfectshot_sim.json";

}  // namespace

Instance::~Instance() {
  if (handle_) extensions_.forEach([](Extension& e) {
    if (e.enabled()) e.onInstanceDestroying();
  });
}

Result<std::unique_ptr<Instance>> Instance::create(const std::string& appName) {
  std::unique_ptr<Instance> self(new Instance());
  try {
    std::vector<std::string> offered;
    try {
      offered = offeredExtensions();
    } catch (const XrCallError& e) {
      return Error{"OpenXR", std::string("no runtime answered: ") + e.what(), kNoRuntimeHint};
    }
    std::vector<const char*> names;
    const void* next = nullptr;
    std::string missing;
    self->extensions_.forEach([&](Extension& e) {
      const bool has = std::find(offered.begin(), offered.end(), e.name()) != offered.end();
      e.setEnabled(has);
      if (has) {
        names.push_back(e.name());
        next = e.chainInstanceCreate(next);
      } else if (e.required()) {
        missing += (missing.empty() ? "" : ", ") + std::string(e.name());
      }
    });
    if (!missing.empty())
      return Error{"OpenXR", "the runtime does not offer " + missing, "PerfectShot renders with Vulkan through XR_KHR_vulkan_enable2"};

    auto info = xrStruct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
    info.next = next;
    std::strncpy(info.applicationInfo.applicationName, appName.c_str(), XR_MAX_APPLICATION_NAME_SIZE - 1);
    info.applicationInfo.applicationVersion = 1;
    std::strncpy(info.applicationInfo.engineName, "PerfectShot", XR_MAX_ENGINE_NAME_SIZE - 1);
    info.applicationInfo.engineVersion = 1;
    // The 1.0.20 loader and the runtimes of its time speak 1.0.
    info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    info.enabledExtensionCount = static_cast<std::uint32_t>(names.size());
    info.enabledExtensionNames = names.data();
    XrInstance handle = XR_NULL_HANDLE;
    if (const XrResult r = xrCreateInstance(&info, &handle); XR_FAILED(r))
      return Error{"xrCreateInstance", "the OpenXR runtime refused an instance: " + toString(r), kNoRuntimeHint};
    self->handle_ = InstanceHandle(handle);
    self->extensions_.forEach([&](Extension& e) {
      if (e.enabled()) e.onInstanceCreated(handle);
    });

    auto props = xrStruct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    PS_XR_CHECK(xrGetInstanceProperties(handle, &props));
    self->runtimeName_ = props.runtimeName;

    auto systemInfo = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
    systemInfo.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    if (const XrResult r = xrGetSystem(handle, &systemInfo, &self->system_); XR_FAILED(r))
      return Error{"xrGetSystem", "no headset: " + toString(r), "is the headset connected and switched on?"};
    if (self->extensions_.userPresence.enabled()) self->extensions_.userPresence.querySystem(handle, self->system_);
    std::string enabled;
    for (const char* n : names) enabled += std::string(" ") + n;
    spdlog::info("openxr: runtime \"{}\" {}.{}.{}, extensions:{}", self->runtimeName_,
                 XR_VERSION_MAJOR(props.runtimeVersion), XR_VERSION_MINOR(props.runtimeVersion),
                 XR_VERSION_PATCH(props.runtimeVersion), enabled);
  } catch (const XrCallError& e) {
    return Error{"OpenXR", e.what(), ""};
  }
  return self;
}

}  // namespace ps::xr::openxr
