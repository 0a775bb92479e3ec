#include "player/live_reading.h"

#include <algorithm>

namespace ps::player {

LiveReading readLive(const media::LiveStatus& status, double displayTime, std::optional<double> shownArrivedAt,
                     double stallAfter) {
  LiveReading r;
  r.connected = status.connected;
  if (!status.lastFrameAt) {
    r.stalled = true;
    return r;
  }
  r.sinceLastPicture = std::max(0.0, displayTime - *status.lastFrameAt);
  r.stalled = r.sinceLastPicture > stallAfter;
  if (shownArrivedAt && !r.stalled) r.latency = std::max(0.0, displayTime - *shownArrivedAt);
  return r;
}

}  // namespace ps::player
