#include "ext_user_presence.h"

#include <spdlog/spdlog.h>

namespace ps::xr::openxr {

void UserPresence::querySystem(XrInstance instance, XrSystemId system) {
  auto presence = xrStruct<XrSystemUserPresencePropertiesEXT>(XR_TYPE_SYSTEM_USER_PRESENCE_PROPERTIES_EXT);
  auto props = xrStruct<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
  props.next = &presence;
  try {
    PS_XR_CHECK(xrGetSystemProperties(instance, system, &props));
    senses_ = presence.supportsUserPresence == XR_TRUE;
  } catch (const XrCallError& e) {
    if (e.isLoss()) throw;
    spdlog::warn("openxr: no user presence ({})", e.what());
    senses_ = false;
  }
}

std::optional<bool> UserPresence::presentIn(const XrEventDataBuffer& event) {
  if (event.type != XR_TYPE_EVENT_DATA_USER_PRESENCE_CHANGED_EXT) return std::nullopt;
  return reinterpret_cast<const XrEventDataUserPresenceChangedEXT&>(event).isUserPresent == XR_TRUE;
}

}  // namespace ps::xr::openxr
