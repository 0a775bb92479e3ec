#pragma once
// XR_EXT_user_presence (where offered): the headset's own sensor says when someone puts it on
// or takes it off, apart from the session's state (a runtime may keep a session focused on an
// empty headset, or unfocus it for a system menu on a worn one). A kiosk counts its visitors by it.
#include <optional>

#include "extension.h"
#include "xr_user_presence.h"

namespace ps::xr::openxr {

class UserPresence final : public Extension {
 public:
  const char* name() const override { return XR_EXT_USER_PRESENCE_EXTENSION_NAME; }
  // Asks the system whether it senses presence (XrSystemUserPresencePropertiesEXT); only when enabled.
  void querySystem(XrInstance instance, XrSystemId system);
  // Enabled and the system senses presence: its events will come.
  bool senses() const { return enabled() && senses_; }
  // The reading an event carries; empty for any other event.
  static std::optional<bool> presentIn(const XrEventDataBuffer& event);

 private:
  bool senses_ = false;
};

}  // namespace ps::xr::openxr
