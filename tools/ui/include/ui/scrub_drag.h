#pragma once
// The scrub gesture on the timeline bar, as a state machine fed once per frame with
// where the pointer is (controller ray or mouse) and whether it is pressed:
//   idle --press on the bar or the playhead--> dragging (pauses playback; seeks to the frame under the pointer)
//   dragging --move--> a seek each time the frame under the pointer changes (media::Player merges them)
//   dragging --release--> one last seek to the exact frame under the pointer; playback stays paused there
//   idle --press elsewhere--> ignored until released (dragging onto the bar does not grab it)
// Pure logic: the caller turns requests into Player calls.
#include <cstdint>
#include <optional>

#include "ui/scrubber_model.h"

namespace ps::ui {

struct PointerSample {
  // Bar fraction under the pointer, unclamped; empty when the pointer is not on the
  // panel at all (ray misses it, mouse outside the window).
  std::optional<double> x;
  bool overGrab = false;  // on the bar's grab band or on the playhead handle
  bool down = false;      // trigger / mouse button held
};

struct ScrubRequest {
  std::optional<double> seekTo;       // shot seconds: the middle of `frame`
  std::optional<std::int64_t> frame;  // the frame seekTo lands on
  bool pause = false;                 // the grab wants playback paused
  bool landed = false;                // the release: seekTo is the final frame
};

class ScrubDrag {
 public:
  explicit ScrubDrag(TimelineRange range) : range_(range) {}

  void setRange(TimelineRange range) { range_ = range; }
  ScrubRequest update(const PointerSample& pointer, bool playing);

  bool dragging() const { return state_ == State::Dragging; }
  // While dragging: the bar fraction of the pointer, clamped to the bar (for the
  // preview and the live playhead).
  std::optional<double> cursor() const;
  // While dragging: the frame last asked for.
  std::optional<std::int64_t> requestedFrame() const { return requested_; }

 private:
  enum class State { Idle, Dragging, Ignoring };
  ScrubRequest seekTo(double x, bool always);

  TimelineRange range_;
  State state_ = State::Idle;
  double x_ = 0;  // last known pointer fraction while dragging, clamped
  std::optional<std::int64_t> requested_;
};

}  // namespace ps::ui
