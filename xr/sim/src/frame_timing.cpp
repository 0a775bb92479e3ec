#include "frame_timing.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace ps::sim {

std::int64_t SteadyClock::nowNs() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void SteadyClock::sleepUntilNs(std::int64_t t) const {
  std::this_thread::sleep_until(std::chrono::steady_clock::time_point(std::chrono::nanoseconds(t)));
}

FramePacer::Slot FramePacer::next(std::int64_t nowNs) {
  if (lastSlot_ < 0) {
    origin_ = nowNs;
    lastSlot_ = 0;
    return {nowNs, nowNs + period_};
  }
  if (lockstep_) {
    ++lastSlot_;
    return {nowNs, origin_ + (lastSlot_ + 1) * period_};
  }
  const std::int64_t since = nowNs - origin_;
  const std::int64_t due = (since + period_ - 1) / period_;  // first slot not in the past
  lastSlot_ = std::max(lastSlot_ + 1, due);
  const std::int64_t wake = origin_ + lastSlot_ * period_;
  return {wake, wake + period_};
}

}  // namespace ps::sim
