#pragma once
// A live feed's state at one display frame, as the headset's badge and the log tell it: live
// with its latency, or stalled.
#include <optional>

#include "media/live_feed.h"

namespace ps::player {

// The feed's state at one display frame, for the headset's badge and the log.
struct LiveReading {
  bool stalled = false;           // no new picture for stallAfter
  double sinceLastPicture = 0;    // seconds
  bool connected = true;          // false: reconnecting
  std::optional<double> latency;  // seconds from the picture's arrival to its display (receive to photon)
};

// Reads the feed's state for a frame displayed at displayTime (the feed's clock's seconds) that
// shows the picture which arrived at shownArrivedAt (empty: none yet). A picture older than
// stallAfter, or none since the start, is a stall.
LiveReading readLive(const media::LiveStatus& status, double displayTime, std::optional<double> shownArrivedAt,
                     double stallAfter);

}  // namespace ps::player
