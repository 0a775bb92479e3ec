#include "player/tour_clock.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ps::player {

namespace {

// A viewer's move is a shot time this far from the director's at least (a quarter second, or
// three frames where they are longer): less is the drift of seeks landing at other speeds.
constexpr double kLeastMoveSeconds = 0.25;
constexpr int kMoveFrames = 3;

}  // namespace

TourClock::TourClock(const scenes::Walkthrough& w, double frameSeconds)
    : w_(w), tolerance_(std::max(kLeastMoveSeconds, kMoveFrames * frameSeconds)) {}

std::size_t TourClock::firstAfter(double t) const {
  return static_cast<std::size_t>(
      std::upper_bound(w_.events.begin(), w_.events.end(), t,
                       [](double v, const scenes::WalkthroughEvent& e) { return v < e.t; }) -
      w_.events.begin());
}

TourClock::Tick TourClock::advance(double now) {
  if (lastNow_ && !held_ && !landing_) recording_ += std::max(0.0, now - *lastNow_);
  lastNow_ = now;
  recording_ = std::min(recording_, w_.durationSeconds);
  const std::size_t from = next_;
  next_ = std::max(next_, firstAfter(recording_));
  applied_ = next_ > from;
  Tick tick;
  tick.recordingSeconds = recording_;
  tick.due = std::span<const scenes::WalkthroughEvent>(w_.events).subspan(from, next_ - from);
  tick.ended = recording_ >= w_.durationSeconds;
  tick.jumped = jumped_;
  if (jumped_) tick.rate = scenes::timelineStateAt(w_, recording_).rate;
  jumped_ = false;
  return tick;
}

void TourClock::shown(bool playing, bool seeking, double shotSeconds) {
  landing_ = seeking;
  // Once over, the tour leaves the timeline to the viewer.
  if (seeking || applied_ || recording_ >= w_.durationSeconds) return;  // else the state is the events' own
  const std::optional<scenes::WalkthroughSample> at = scenes::sampleAt(w_, recording_);
  const double directors = at ? at->shotSeconds : scenes::timelineStateAt(w_, recording_).shotSeconds;
  if (std::abs(shotSeconds - directors) > tolerance_) jumpTo(shotSeconds);
  held_ = scenes::timelineStateAt(w_, recording_).playing && !playing;
}

void TourClock::jumpTo(double shotSeconds) {
  // The sample showing the nearest shot time; of those as near, the one nearest in the recording.
  double best = std::numeric_limits<double>::infinity();
  double to = recording_;
  for (const scenes::WalkthroughSample& s : w_.samples) {
    const double off = std::abs(s.shotSeconds - shotSeconds);
    if (off < best - 1e-9 || (off <= best + 1e-9 && std::abs(s.t - recording_) < std::abs(to - recording_))) {
      best = std::min(best, off);
      to = s.t;
    }
  }
  recording_ = to;
  next_ = firstAfter(recording_);
  jumped_ = true;
}

void applyTimelineEvent(const scenes::WalkthroughEvent& e, media::Transport& transport, double shownSeconds) {
  const bool away = std::abs(shownSeconds - e.shotSeconds) > 0.5 * transport.frameSeconds();
  switch (e.action) {
    case scenes::TimelineAction::Play:
      if (away) transport.seek(e.shotSeconds);
      transport.play();
      break;
    case scenes::TimelineAction::Pause:
      transport.pause();
      if (away) transport.seek(e.shotSeconds);
      break;
    case scenes::TimelineAction::Seek:
      if (away) transport.seek(e.shotSeconds);  // one to the frame shown would only hold it while it lands
      break;
    case scenes::TimelineAction::Step:
      // The recorded frame itself: the same place whatever frame the viewer's player was on.
      transport.pause();
      transport.seek(e.shotSeconds);
      break;
    case scenes::TimelineAction::Rate: transport.setRate(e.rate); break;
  }
}

}  // namespace ps::player
