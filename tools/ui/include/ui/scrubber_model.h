#pragma once
// What the timeline bar shows, computed from the player's state and the shot's
// timeline: pure data, no drawing, so it is unit-tested and the same for the window
// and the headset. Positions along the bar are fractions: 0 at the timeline's in
// point, 1 at its out point.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/player.h"
#include "scenes/rational.h"
#include "scenes/shot.h"

namespace ps::ui {

// The stretch of shot time the bar spans and how it counts frames.
struct TimelineRange {
  double in = 0;    // shot seconds at the bar's left end
  double out = 0;   // shot seconds at its right end (exclusive); > in
  Rational fps{30, 1};

  // From the shot's timeline; `mediaSeconds` stands in for an absent out point.
  static TimelineRange of(const scenes::Timeline& timeline, double mediaSeconds);

  double duration() const { return out - in; }
  std::int64_t firstFrame() const;  // the frame that holds `in`
  std::int64_t lastFrame() const;   // the last frame that starts before `out`
  // The bar fraction of a shot time, clamped to [0, 1].
  double fractionOf(double shotSeconds) const;
  // The frame under a bar fraction (clamped to the bar), and its seek target.
  std::int64_t frameAtFraction(double x) const;
  double seekTargetAt(double x) const;  // the middle of frameAtFraction(x), shot seconds
};

struct ChapterMark {
  double x = 0;  // bar fraction
  std::string title;
};

struct BarContent {
  bool playing = false;
  bool seeking = false;
  double playhead = 0;       // bar fraction of the position
  std::int64_t frame = 0;    // frame number of the position (the timeline's fps)
  std::string timecode;      // of that frame, HH:MM:SS:FF
  std::optional<std::pair<double, double>> loop;  // bar fractions of the loop region, unless it is the whole bar
  std::vector<ChapterMark> chapters;              // in time order, inside the bar
  std::vector<double> markerTicks;                // bar fraction of each marker's t_in, inside the bar
};

// Chapters and markers outside the bar's range are left out (a shot trimmed by in/out).
BarContent barContent(const media::PlayerState& state, const TimelineRange& range,
                      const std::vector<scenes::Chapter>& chapters, const std::vector<scenes::Marker>& markers);

}  // namespace ps::ui
