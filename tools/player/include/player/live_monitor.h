#pragma once
// The player loop's watch over a live feed (media::Player's live mode), once per display frame:
// when the pictures stop it says so (the log, once as the stall starts and once as it ends) and
// the headset's badge turns into a stall warning; while they flow it measures each new picture's
// latency from its arrival to its display (receive to photon) for the badge and the summary.
#include <cstdint>
#include <optional>
#include <vector>

#include "media/live_feed.h"
#include "player/frame_time_histogram.h"
#include "player/live_reading.h"
#include "ui/live_badge.h"
#include "xr/display.h"

namespace ps::player {

class LiveMonitor {
 public:
  // A picture older than stallAfter seconds is a stall.
  explicit LiveMonitor(double stallAfter);

  // The picture a frame shows: its index and when it arrived (the feed's clock).
  struct Shown {
    std::int64_t index = 0;
    double arrivedAt = 0;
  };
  // The frame displayed at displayTime shows `shown` (empty: nothing yet) while the feed's status
  // is `status`; eyes place the badge 1.5 m ahead of the head, a little below the line of sight.
  ui::LiveBadge onShown(const media::LiveStatus& status, std::optional<Shown> shown, double displayTime,
                        const std::vector<xr::EyeTarget>& eyes);

  const FrameTimeHistogram& latency() const { return latency_; }  // per new picture, seconds
  std::uint64_t stalls() const { return stalls_; }
  double stallAfter() const { return stallAfter_; }

 private:
  double stallAfter_;
  FrameTimeHistogram latency_;
  std::uint64_t stalls_ = 0;
  std::optional<double> stalledSince_;      // while stalled: the arrival of the last picture before it
  int picturesSinceStall_ = 0;              // new pictures while stalled
  std::int64_t lastIndex_ = -1;             // the picture shown last frame
  std::vector<double> recent_;              // latencies since the badge's last refresh
  std::optional<double> shownLatency_;      // what the badge says
  double refreshedAt_ = -1e9;
};

}  // namespace ps::player
