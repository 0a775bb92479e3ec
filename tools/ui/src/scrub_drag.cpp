#include "ui/scrub_drag.h"

#include <algorithm>

namespace ps::ui {

std::optional<double> ScrubDrag::cursor() const {
  if (state_ != State::Dragging) return std::nullopt;
  return x_;
}

ScrubRequest ScrubDrag::seekTo(double x, bool always) {
  x_ = std::clamp(x, 0.0, 1.0);
  const std::int64_t frame = range_.frameAtFraction(x_);
  ScrubRequest r;
  // Live: only when the frame changes, so a hand held still costs no decode work.
  if (always || requested_ != frame) {
    r.seekTo = range_.seekTargetAt(x_);
    r.frame = frame;
    requested_ = frame;
  }
  return r;
}

ScrubRequest ScrubDrag::update(const PointerSample& pointer, bool playing) {
  switch (state_) {
    case State::Idle:
      if (!pointer.down) return {};
      if (!pointer.overGrab || !pointer.x) {
        state_ = State::Ignoring;
        return {};
      }
      state_ = State::Dragging;
      requested_.reset();
      {
        ScrubRequest r = seekTo(*pointer.x, true);
        r.pause = playing;
        return r;
      }
    case State::Dragging: {
      // A ray that slips off the panel keeps the last position: the hand shakes.
      const double x = pointer.x.value_or(x_);
      if (pointer.down) return seekTo(x, false);
      state_ = State::Idle;
      // The release always asks again: the last live seek may have been merged away.
      ScrubRequest r = seekTo(x, true);
      r.landed = true;
      requested_.reset();
      return r;
    }
    case State::Ignoring:
      if (!pointer.down) state_ = State::Idle;
      return {};
  }
  return {};
}

}  // namespace ps::ui
