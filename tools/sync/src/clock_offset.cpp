#include "sync/clock_offset.h"

#include <algorithm>
#include <cmath>

namespace ps::sync {

namespace {

// What two clock reads of different machines may disagree by in a delay that is really 0.
constexpr double kResolutionSeconds = 1e-4;

}  // namespace

bool ClockOffset::add(const RoundTrip& r) {
  for (double v : {r.sent, r.received, r.answered, r.back})
    if (!std::isfinite(v)) return false;
  if (r.back < r.sent || r.answered < r.received) return false;
  const double delay = (r.back - r.sent) - (r.answered - r.received);
  if (delay < -kResolutionSeconds) return false;
  samples_.push_back({((r.received - r.sent) + (r.answered - r.back)) / 2.0, std::max(0.0, delay)});
  while (samples_.size() > window_) samples_.pop_front();
  return true;
}

std::optional<OffsetEstimate> ClockOffset::estimate() const {
  if (samples_.empty()) return std::nullopt;
  const auto best = std::min_element(samples_.begin(), samples_.end(),
                                     [](const Sample& a, const Sample& b) { return a.delay < b.delay; });
  return OffsetEstimate{best->offset, best->delay, samples_.size()};
}

}  // namespace ps::sync
