#pragma once
// Move-only owner of one OpenXR handle (XrInstance, XrSession, XrSpace, XrSwapchain,
// XrActionSet, ...): destroyed exactly once, with the destroy call named by the type.
// The destroy result is ignored on purpose: a lost runtime still lets handles go.
#include <utility>

#include "xr_platform.h"

namespace ps::xr::openxr {

template <typename Handle, XrResult(XRAPI_PTR* Destroy)(Handle)>
class XrHandle {
 public:
  XrHandle() = default;
  explicit XrHandle(Handle handle) : handle_(handle) {}
  XrHandle(XrHandle&& other) noexcept : handle_(std::exchange(other.handle_, XR_NULL_HANDLE)) {}
  XrHandle& operator=(XrHandle&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, XR_NULL_HANDLE);
    }
    return *this;
  }
  XrHandle(const XrHandle&) = delete;
  XrHandle& operator=(const XrHandle&) = delete;
  ~XrHandle() { reset(); }

  Handle get() const { return handle_; }
  explicit operator bool() const { return handle_ != XR_NULL_HANDLE; }
  void reset() {
    if (handle_ != XR_NULL_HANDLE) (void)Destroy(std::exchange(handle_, XR_NULL_HANDLE));
  }

 private:
  Handle handle_ = XR_NULL_HANDLE;
};

using InstanceHandle = XrHandle<XrInstance, xrDestroyInstance>;
using SessionHandle = XrHandle<XrSession, xrDestroySession>;
using SpaceHandle = XrHandle<XrSpace, xrDestroySpace>;
using SwapchainHandle = XrHandle<XrSwapchain, xrDestroySwapchain>;
using ActionSetHandle = XrHandle<XrActionSet, xrDestroyActionSet>;
using ActionHandle = XrHandle<XrAction, xrDestroyAction>;

}  // namespace ps::xr::openxr
