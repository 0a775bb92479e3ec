#include "media/track_timing.h"

namespace ps::media {

TrackTime TrackTiming::at(double shot) const {
  TrackTime t;
  t.mediaSeconds = offsetSeconds + (shot - startSeconds) * rate;
  if (shot < startSeconds)
    t.place = TrackPlace::Before;
  else if (mediaEndSeconds && t.mediaSeconds >= *mediaEndSeconds)
    t.place = TrackPlace::After;
  return t;
}

double TrackTiming::shotSeconds(double media) const { return startSeconds + (media - offsetSeconds) / rate; }

std::optional<double> TrackTiming::endShotSeconds() const {
  if (!mediaEndSeconds) return std::nullopt;
  return shotSeconds(*mediaEndSeconds);
}

}  // namespace ps::media
