#include "ui/scrubber_model.h"

#include <algorithm>

#include "ui/timecode.h"

namespace ps::ui {

TimelineRange TimelineRange::of(const scenes::Timeline& timeline, double mediaSeconds) {
  TimelineRange r;
  r.in = timeline.in;
  r.out = timeline.out.value_or(mediaSeconds);
  r.fps = timeline.fps.valid() ? timeline.fps : Rational{30, 1};
  // A degenerate range would divide by zero in fractionOf; one frame is the least a bar spans.
  if (r.out <= r.in) r.out = r.in + frameStart(1, r.fps);
  return r;
}

std::int64_t TimelineRange::firstFrame() const { return frameAt(in, fps); }

std::int64_t TimelineRange::lastFrame() const {
  // The frame holding a time just before `out`: out itself belongs to the next one.
  const std::int64_t atOut = frameAt(out, fps);
  return std::max(firstFrame(), frameStart(atOut, fps) < out - 1e-9 ? atOut : atOut - 1);
}

double TimelineRange::fractionOf(double shotSeconds) const {
  return std::clamp((shotSeconds - in) / duration(), 0.0, 1.0);
}

std::int64_t TimelineRange::frameAtFraction(double x) const {
  const double t = in + std::clamp(x, 0.0, 1.0) * duration();
  return std::clamp(frameAt(t, fps), firstFrame(), lastFrame());
}

double TimelineRange::seekTargetAt(double x) const { return frameMiddle(frameAtFraction(x), fps); }

BarContent barContent(const media::PlayerState& state, const TimelineRange& range,
                      const std::vector<scenes::Chapter>& chapters, const std::vector<scenes::Marker>& markers) {
  BarContent bar;
  bar.playing = state.playing;
  bar.seeking = state.seeking;
  bar.playhead = range.fractionOf(state.positionSeconds);
  bar.frame = frameAt(state.positionSeconds, range.fps);
  bar.timecode = timecodeOf(bar.frame, range.fps).text();
  // A loop over the whole bar (the player's default: in to out) is not worth a mark.
  if (state.loop && (state.loop->inSeconds > range.in + 1e-6 || state.loop->outSeconds < range.out - 1e-6))
    bar.loop = std::pair{range.fractionOf(state.loop->inSeconds), range.fractionOf(state.loop->outSeconds)};
  const auto inside = [&](double t) { return t >= range.in && t < range.out; };
  for (const scenes::Chapter& c : chapters)
    if (inside(c.t)) bar.chapters.push_back({range.fractionOf(c.t), c.title});
  std::sort(bar.chapters.begin(), bar.chapters.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
  for (const scenes::Marker& m : markers)
    if (inside(m.tIn)) bar.markerTicks.push_back(range.fractionOf(m.tIn));
  std::sort(bar.markerTicks.begin(), bar.markerTicks.end());
  return bar;
}

}  // namespace ps::ui
