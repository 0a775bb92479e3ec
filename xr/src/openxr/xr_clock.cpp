#include "xr_clock.h"

#include <algorithm>
#include <chrono>

namespace ps::xr::openxr {

double steadyNow() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double XrClock::toSteady(XrTime time) const {
  const ConvertTimespecTime& ext = instance_.extensions().timespec;
  if (ext.enabled()) {
    timespec ts{};
    PS_XR_CHECK(ext.toTimespec(instance_.handle(), time, &ts));
    // libstdc++'s steady_clock is CLOCK_MONOTONIC, the clock the extension speaks.
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  return static_cast<double>(time) * 1e-9 + offset_.value_or(0.0);
}

void XrClock::observeWait(XrTime predictedDisplayTime, XrDuration period, double steadyNowSeconds) {
  if (exact()) return;
  const double offset = steadyNowSeconds + static_cast<double>(period) * 1e-9 - static_cast<double>(predictedDisplayTime) * 1e-9;
  offset_ = offset_ ? std::min(*offset_, offset) : offset;
}

}  // namespace ps::xr::openxr
