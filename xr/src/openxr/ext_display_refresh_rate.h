#pragma once
// XR_FB_display_refresh_rate (where offered): asks for the highest refresh rate the
// headset offers, since a 30 fps plate judders least at the highest multiple.
#include "extension.h"

namespace ps::xr::openxr {

class DisplayRefreshRate final : public Extension {
 public:
  const char* name() const override { return XR_FB_DISPLAY_REFRESH_RATE_EXTENSION_NAME; }
  void onInstanceCreated(XrInstance instance) override;
  // Requests the highest rate offered; logs and carries on when the runtime refuses.
  void requestHighest(XrSession session) const;

 private:
  PFN_xrEnumerateDisplayRefreshRatesFB enumerate_ = nullptr;
  PFN_xrRequestDisplayRefreshRateFB request_ = nullptr;
};

}  // namespace ps::xr::openxr
