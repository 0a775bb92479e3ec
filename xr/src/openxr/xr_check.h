#pragma once
// The one checked-call helper for OpenXR. Every XrResult goes through PS_XR_CHECK:
// a failure is logged and thrown as XrCallError carrying the call's text and where it
// was made. Success codes (XR_SESSION_LOSS_PENDING, XR_FRAME_DISCARDED,
// XR_SESSION_NOT_FOCUSED, XR_EVENT_UNAVAILABLE, XR_TIMEOUT_EXPIRED, ...) are not
// failures: they are returned for the caller to act on.
#include <stdexcept>
#include <string>
#include <string_view>

#include "xr_platform.h"

namespace ps::xr::openxr {

class XrCallError : public std::runtime_error {
 public:
  XrCallError(XrResult result, const std::string& message) : std::runtime_error(message), result_(result) {}
  XrResult result() const { return result_; }
  // The runtime went away (instance or session lost): tear down and reconnect, not a bug.
  bool isLoss() const;

 private:
  XrResult result_;
};

// "XR_ERROR_SESSION_LOST", or the number for codes this header does not know.
std::string toString(XrResult result);

// Returns success codes; logs and throws XrCallError for failures.
XrResult checkXr(XrResult result, std::string_view call, const char* file, int line);

}  // namespace ps::xr::openxr

#define PS_XR_CHECK(call) ::ps::xr::openxr::checkXr((call), #call, __FILE__, __LINE__)
