#pragma once
// Where a track's own media time lies on the transport's shot time: a track
// begins at shot time `start`, showing its media time `offset` there, and runs
// at `rate` media seconds per shot second. Before its start and after its end
// (offset + its length) it has nothing to show, and says so.
// The plate is a track too (rate 1); by default the identity (start 0, offset 0):
// shot time is then its media time.
#include <optional>

namespace ps::media {

enum class TrackPlace { Before, Inside, After };

struct TrackTime {
  TrackPlace place = TrackPlace::Inside;
  double mediaSeconds = 0.0;  // the track's time at that shot time (also outside, for messages)
  bool inside() const { return place == TrackPlace::Inside; }
};

struct TrackTiming {
  double startSeconds = 0.0;                // shot seconds where the track begins
  double offsetSeconds = 0.0;               // the track's media seconds at startSeconds
  double rate = 1.0;                        // media seconds per shot second, > 0
  std::optional<double> mediaEndSeconds;    // media seconds where it ends (exclusive); absent: open

  // The track's media time at shot time t, and whether it has a picture there.
  TrackTime at(double shotSeconds) const;
  // The shot time at which the track shows its media time m.
  double shotSeconds(double mediaSeconds) const;
  // The shot time where the track ends (exclusive), if it does.
  std::optional<double> endShotSeconds() const;
};

}  // namespace ps::media
