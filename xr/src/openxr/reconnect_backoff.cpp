#include "reconnect_backoff.h"

#include <algorithm>

namespace ps::xr::openxr {

ReconnectBackoff::ReconnectBackoff(double minSeconds, double maxSeconds)
    : min_(minSeconds), max_(std::max(minSeconds, maxSeconds)) {}

void ReconnectBackoff::lost(double now) {
  waiting_ = true;
  delay_ = min_;
  nextAttempt_ = now + delay_;
}

bool ReconnectBackoff::due(double now) const { return waiting_ && now >= nextAttempt_; }

void ReconnectBackoff::failed(double now) {
  waiting_ = true;
  delay_ = std::min(std::max(delay_, min_) * 2, max_);
  nextAttempt_ = now + delay_;
}

void ReconnectBackoff::connected() {
  waiting_ = false;
  delay_ = 0;
}

}  // namespace ps::xr::openxr
