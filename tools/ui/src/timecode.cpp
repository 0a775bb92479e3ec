#include "ui/timecode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ps::ui {

namespace {
// Rates that do not say (0/0) count as 30 fps, as the player does.
Rational orDefault(Rational fps) { return fps.valid() ? fps : Rational{30, 1}; }
}  // namespace

int nominalFps(Rational fps) {
  const Rational r = orDefault(fps);
  return std::max(1, static_cast<int>(std::lround(r.toDouble())));
}

std::int64_t frameAt(double shotSeconds, Rational fps) {
  const Rational r = orDefault(fps);
  // 1e-6 frame of slack: n * den / num computed in double may come out just below n.
  const double frames = shotSeconds * static_cast<double>(r.num) / static_cast<double>(r.den);
  return static_cast<std::int64_t>(std::floor(frames + 1e-6));
}

double frameStart(std::int64_t frame, Rational fps) {
  const Rational r = orDefault(fps);
  return static_cast<double>(frame) * static_cast<double>(r.den) / static_cast<double>(r.num);
}

double frameMiddle(std::int64_t frame, Rational fps) {
  return (frameStart(frame, fps) + frameStart(frame + 1, fps)) / 2;
}

std::string Timecode::text() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%02d:%02d:%02d:%02d", negative ? "-" : "", hours, minutes, seconds, frames);
  return buf;
}

Timecode timecodeOf(std::int64_t frame, Rational fps) {
  const std::int64_t perSecond = nominalFps(fps);
  Timecode tc;
  tc.negative = frame < 0;
  const std::int64_t f = std::llabs(frame);
  tc.frames = static_cast<int>(f % perSecond);
  const std::int64_t totalSeconds = f / perSecond;
  tc.seconds = static_cast<int>(totalSeconds % 60);
  tc.minutes = static_cast<int>((totalSeconds / 60) % 60);
  tc.hours = static_cast<int>(totalSeconds / 3600);
  return tc;
}

}  // namespace ps::ui
