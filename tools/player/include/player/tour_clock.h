#pragma once
// The clock of a guided tour (a director's walkthrough played back): which moment of the
// recording a display time shows, and which of its timeline events are due, so that the shot's
// transport does what the director's did, when. Pure logic on given times (no clock read), so a
// test steps display times and checks the shot times the transport lands on.
// - The recording runs with display time from the first call.
// - While the recording plays but the viewer has paused the player, the recording waits.
// - While a seek lands (the player shows the frame before it) the recording waits, so the
//   shot time and the director's view stay together.
// - A viewer who moves the playhead elsewhere (a scrub on the timeline) moves the recording to
//   the moment the director watched that shot time (the nearest one to where it was); events
//   before it are not applied again, and the director's rate there is set.
// - At its end the recording holds, and the timeline is the viewer's.
// Thread: the player loop's.
#include <cstddef>
#include <optional>
#include <span>

#include "media/transport.h"
#include "scenes/walkthrough.h"

namespace ps::player {

class TourClock {
 public:
  // `w` must outlive the clock. frameSeconds: one shot frame (the tolerance of "moved elsewhere").
  TourClock(const scenes::Walkthrough& w, double frameSeconds);

  struct Tick {
    double recordingSeconds = 0;
    std::span<const scenes::WalkthroughEvent> due;  // to apply now, in order
    bool ended = false;   // the recording's end is reached (held there)
    bool jumped = false;  // the recording moved since the last tick (a viewer's scrub)
    std::optional<double> rate;  // after a jump: the director's rate there, to set
  };
  // Before the player's update at display time `now` (seconds, non-decreasing).
  Tick advance(double now);
  // What the player showed at `now` after that update.
  void shown(bool playing, bool seeking, double shotSeconds);
  double recordingSeconds() const { return recording_; }
  bool waiting() const { return held_ || landing_; }

 private:
  std::size_t firstAfter(double t) const;  // the first event after recording time t
  void jumpTo(double shotSeconds);

  const scenes::Walkthrough& w_;
  double tolerance_;
  std::optional<double> lastNow_;
  double recording_ = 0;
  std::size_t next_ = 0;  // the first event not applied yet
  bool applied_ = false;  // events were due at the last tick
  bool held_ = false;     // the viewer paused a stretch the director played
  bool landing_ = false;  // a seek lands
  bool jumped_ = false;
};

// An event as the transport (the player's) applies it: play, pause and seek at the recorded shot
// time (seeking only when `shownSeconds` is more than half a frame away from it), a step to the
// recorded frame (paused), a rate.
void applyTimelineEvent(const scenes::WalkthroughEvent& e, media::Transport& transport, double shownSeconds);

}  // namespace ps::player
