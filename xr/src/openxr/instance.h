#pragma once
// The OpenXR instance, its extensions and its head-mounted system. Owns the
// XrInstance: the extensions' own objects (the debug messenger) go first, then the
// instance. Move-only through unique_ptr (the debug messenger points at this object).
#include <memory>
#include <string>

#include "ext_composition_layer_depth.h"
#include "ext_convert_timespec.h"
#include "ext_debug_utils.h"
#include "ext_display_refresh_rate.h"
#include "ext_equirect2.h"
#include "ext_user_presence.h"
#include "ext_vulkan_enable2.h"
#include "scenes/result.h"
#include "xr_handle.h"

namespace ps::xr::openxr {

// Every extension this backend knows. Each is enabled only where the runtime offers it
// (vulkan, which is required, excepted).
struct Extensions {
  VulkanEnable2 vulkan;
  ConvertTimespecTime timespec;
  DisplayRefreshRate refreshRate;
  DebugUtils debugUtils;
  CompositionLayerEquirect2 equirect2;
  CompositionLayerDepth depth;
  UserPresence userPresence;

  template <typename F>
  void forEach(F&& f) {
    f(static_cast<Extension&>(vulkan));
    f(static_cast<Extension&>(timespec));
    f(static_cast<Extension&>(refreshRate));
    f(static_cast<Extension&>(debugUtils));
    f(static_cast<Extension&>(equirect2));
    f(static_cast<Extension&>(depth));
    f(static_cast<Extension&>(userPresence));
  }
};

class Instance {
 public:
  // An Error with a hint when no runtime is active, it refuses the instance, lacks a
  // required extension, or has no headset connected (XR_ERROR_FORM_FACTOR_UNAVAILABLE).
  static Result<std::unique_ptr<Instance>> create(const std::string& appName);
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
  ~Instance();

  XrInstance handle() const { return handle_.get(); }
  XrSystemId system() const { return system_; }
  const std::string& runtimeName() const { return runtimeName_; }
  Extensions& extensions() { return extensions_; }
  const Extensions& extensions() const { return extensions_; }

 private:
  Instance() = default;
  Extensions extensions_;
  InstanceHandle handle_;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  std::string runtimeName_;
};

}  // namespace ps::xr::openxr
