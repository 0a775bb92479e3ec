#pragma once
// XR_KHR_convert_timespec_time (where offered): XrTime <-> CLOCK_MONOTONIC, which is
// what std::chrono::steady_clock reads on Linux, so display times and the media clock agree.
#include "extension.h"

namespace ps::xr::openxr {

class ConvertTimespecTime final : public Extension {
 public:
  const char* name() const override { return XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME; }
  void onInstanceCreated(XrInstance instance) override;

  PFN_xrConvertTimeToTimespecTimeKHR toTimespec = nullptr;
  PFN_xrConvertTimespecTimeToTimeKHR fromTimespec = nullptr;
};

}  // namespace ps::xr::openxr
