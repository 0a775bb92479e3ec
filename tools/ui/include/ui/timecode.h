#pragma once
// Frames and SMPTE timecode on a shot's timeline (non-drop-frame).
// Shot time is seconds (double); the timeline's fps is an exact Rational, so a
// frame's start is frame * den / num with no drift over long shots.
#include <cstdint>
#include <string>

#include "scenes/rational.h"

namespace ps::ui {

// The rate a timecode counts frames at: fps rounded (24000/1001 -> 24, 30000/1001 -> 30).
int nominalFps(Rational fps);

// The frame whose interval [start, start + 1/fps) holds shotSeconds. A time a hair
// below a frame boundary (rounding in t = n * den / num) counts as that frame.
std::int64_t frameAt(double shotSeconds, Rational fps);
// The start of a frame, in shot seconds.
double frameStart(std::int64_t frame, Rational fps);
// The middle of a frame: the seek target that lands on it whatever the pts rounding.
double frameMiddle(std::int64_t frame, Rational fps);

struct Timecode {
  int hours = 0, minutes = 0, seconds = 0, frames = 0;
  bool negative = false;
  std::string text() const;  // "HH:MM:SS:FF" ("-" before it for a negative one)
  friend bool operator==(const Timecode&, const Timecode&) = default;
};

// The timecode of a frame counted at the nominal rate (frame 24 at 24000/1001 is 00:00:01:00).
Timecode timecodeOf(std::int64_t frame, Rational fps);

}  // namespace ps::ui
