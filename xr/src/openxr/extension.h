#pragma once
// One OpenXR extension as a self-contained piece (the habit of Godot's
// modules/openxr/extensions): it names itself, says whether the backend cannot run
// without it, adds what it needs to the create calls and loads its own functions once
// the instance exists. The core asks only "is it enabled?" and calls the piece, so it
// does not grow with each extension.
#include <string>

#include "xr_check.h"
#include "xr_platform.h"

namespace ps::xr::openxr {

class Extension {
 public:
  virtual ~Extension() = default;
  Extension(const Extension&) = delete;
  Extension& operator=(const Extension&) = delete;

  virtual const char* name() const = 0;
  // Required extensions the runtime does not offer fail the instance with a hint.
  virtual bool required() const { return false; }
  // Links this extension's structs in front of xrCreateInstance's next chain.
  virtual const void* chainInstanceCreate(const void* next) { return next; }
  // Only when enabled, right after xrCreateInstance: load functions, create messengers.
  virtual void onInstanceCreated(XrInstance instance) { (void)instance; }
  // Only when enabled, right before xrDestroyInstance.
  virtual void onInstanceDestroying() {}

  bool enabled() const { return enabled_; }
  void setEnabled(bool enabled) { enabled_ = enabled; }

 protected:
  Extension() = default;

  // The extension's function `fn` of `instance`; throws XrCallError when the runtime lacks it.
  template <typename Pfn>
  static Pfn load(XrInstance instance, const char* fn) {
    PFN_xrVoidFunction f = nullptr;
    checkXr(xrGetInstanceProcAddr(instance, fn, &f), std::string("xrGetInstanceProcAddr(") + fn + ")", __FILE__,
            __LINE__);
    return reinterpret_cast<Pfn>(f);
  }

 private:
  bool enabled_ = false;
};

}  // namespace ps::xr::openxr
