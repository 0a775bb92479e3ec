#include "media/live_sound_sync.h"

#include <algorithm>
#include <cmath>

namespace ps::media {

std::optional<double> LiveSoundSync::update(double offsetSeconds, double at) {
  if (!smoothed_) {
    offset_ = offsetSeconds;
    smoothed_ = true;
  } else {
    const double alpha = 1.0 - std::exp(-std::max(0.0, at - at_) / options_.smoothingSeconds);
    offset_ += alpha * (offsetSeconds - offset_);
  }
  at_ = at;
  if (std::abs(offset_) > options_.resyncBeyondSeconds || std::abs(offsetSeconds) > 2 * options_.resyncBeyondSeconds)
    return std::nullopt;
  const double beyond = std::abs(offset_) - options_.deadBandSeconds;
  if (beyond <= 0) return 1.0;
  const double change = std::min(beyond / options_.gainSeconds, options_.mostPitchChange);
  return offset_ > 0 ? 1.0 - change : 1.0 + change;
}

}  // namespace ps::media
