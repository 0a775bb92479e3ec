#pragma once
// XrTime (runtime nanoseconds) to seconds on std::chrono::steady_clock, the clock the
// media player and the audio clock read. Exact through XR_KHR_convert_timespec_time
// where the runtime offers it; otherwise the offset is estimated from xrWaitFrame's
// predictions (the display time of a frame is at least one period after the wait returns),
// keeping the smallest offset seen so a late wakeup never moves the clock forward.
#include <optional>

#include "instance.h"

namespace ps::xr::openxr {

class XrClock {
 public:
  explicit XrClock(const Instance& instance) : instance_(instance) {}

  // Seconds on the steady clock.
  double toSteady(XrTime time) const;
  // Feeds the estimate when there is no conversion extension; call right after xrWaitFrame.
  void observeWait(XrTime predictedDisplayTime, XrDuration period, double steadyNow);
  bool exact() const { return instance_.extensions().timespec.enabled(); }

 private:
  const Instance& instance_;
  std::optional<double> offset_;  // seconds: steady = xr * 1e-9 + offset_
};

// std::chrono::steady_clock now, in seconds.
double steadyNow();

}  // namespace ps::xr::openxr
