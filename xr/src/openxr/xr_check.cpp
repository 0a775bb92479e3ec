#include "xr_check.h"

#include <spdlog/spdlog.h>

#include <openxr/openxr_reflection.h>

namespace ps::xr::openxr {

std::string toString(XrResult result) {
#define PS_XR_RESULT_CASE(name, value) \
  case name:                           \
    return #name;
  switch (result) {
    XR_LIST_ENUM_XrResult(PS_XR_RESULT_CASE)
    default:
      return "XrResult(" + std::to_string(static_cast<int>(result)) + ")";
  }
#undef PS_XR_RESULT_CASE
}

bool XrCallError::isLoss() const {
  return result_ == XR_ERROR_SESSION_LOST || result_ == XR_ERROR_INSTANCE_LOST || result_ == XR_ERROR_RUNTIME_FAILURE;
}

XrResult checkXr(XrResult result, std::string_view call, const char* file, int line) {
  if (XR_SUCCEEDED(result)) {
    if (result != XR_SUCCESS) spdlog::debug("openxr: {} returned {}", call, toString(result));
    return result;
  }
  // Only the function name: the argument text adds nothing a reader of the log can use.
  const std::string_view name = call.substr(0, call.find('('));
  const std::string message = std::string(name) + " failed: " + toString(result) + " (" + file + ":" + std::to_string(line) + ")";
  if (result == XR_ERROR_SESSION_LOST || result == XR_ERROR_INSTANCE_LOST)
    spdlog::warn("openxr: {}", message);
  else
    spdlog::error("openxr: {}", message);
  throw XrCallError(result, message);
}

}  // namespace ps::xr::openxr
