#include "media/duck_envelope.h"

#include <algorithm>
#include <cmath>

namespace ps::media {

DuckEnvelope::DuckEnvelope(DuckOptions options)
    : duckedGain_(static_cast<float>(std::pow(10.0, std::min(options.depthDb, 0.0) / 20.0))),
      ratePerSecond_((1.0 - std::pow(10.0, std::min(options.depthDb, 0.0) / 20.0)) /
                     std::max(options.rampSeconds, 1e-3)) {}

float DuckEnvelope::advance(double nowSeconds, bool ducked) {
  // A long gap between calls (a stall) finishes the ramp in one step; OpenAL Soft still
  // spreads that step over its next mix update, so it is a fast fade, not a click.
  const double dt = started_ ? std::max(0.0, nowSeconds - last_) : 0.0;
  started_ = true;
  last_ = nowSeconds;
  const float target = ducked ? duckedGain_ : 1.0f;
  const auto step = static_cast<float>(ratePerSecond_ * dt);
  gain_ = gain_ > target ? std::max(target, gain_ - step) : std::min(target, gain_ + step);
  return gain_;
}

}  // namespace ps::media
