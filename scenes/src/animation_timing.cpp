#include "scenes/animation_timing.h"

#include <cmath>

namespace ps::scenes {

double animationTime(const AnimationTiming& timing, double duration, double shotTime) {
  const double elapsed = shotTime > timing.start ? shotTime - timing.start : 0.0;
  double t = timing.offset + elapsed * timing.speed;
  if (timing.loop && duration > 0.0) {
    t = std::fmod(t, duration);
    if (t < 0.0) t += duration;
    if (t >= duration) t = 0.0;  // fmod of a value just under a multiple can round up
  }
  return t;
}

}  // namespace ps::scenes
