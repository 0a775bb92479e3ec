#include "ext_user_presence.h"

#include <spdlog/spdlog.h>

#include "xr_check.h"

namespace ps::xr::openxr {

void UserPresence::querySystem(XrInstance instance, XrSystemId system) {
  auto presence = xrStruct<XrSystemUserPresencePropertiesEXT>(XR_TYPE_SYSTEM_USER_PRESENCE_PROPERTIES_EXT);
  auto props = xrStruct<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
  props.next = &presence;
  const XrResult result = xrGetSystemProperties(instance, system, &props);
  if (XR_SUCCEEDED(result)) {
    senses_ = presence.supportsUserPresence == XR_TRUE;
    return;
  }
  senses_ = false;
  if (result == XR_ERROR_VALIDATION_FAILURE) {
    // An API layer older than the extension (Debian's core validation layer) refuses the chained
    // structure it does not know: an expected condition, and presence comes from elsewhere.
    spdlog::info("openxr: user presence not queried (an API layer refused its properties); presence from visibility");
    return;
  }
  if (result == XR_ERROR_INSTANCE_LOST || result == XR_ERROR_RUNTIME_FAILURE)
    checkXr(result, "xrGetSystemProperties", __FILE__, __LINE__);  // throws: a loss is handled above
  spdlog::warn("openxr: no user presence (xrGetSystemProperties failed: {})", toString(result));
}

std::optional<bool> UserPresence::presentIn(const XrEventDataBuffer& event) {
  if (event.type != XR_TYPE_EVENT_DATA_USER_PRESENCE_CHANGED_EXT) return std::nullopt;
  return reinterpret_cast<const XrEventDataUserPresenceChangedEXT&>(event).isUserPresent == XR_TRUE;
}

}  // namespace ps::xr::openxr
