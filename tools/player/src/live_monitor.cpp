#include "player/live_monitor.h"

#include <algorithm>

#include <glm/gtc/quaternion.hpp>
#include <spdlog/spdlog.h>

#include "xr/head_position.h"

namespace ps::player {

namespace {

// The badge's words change at most this often, so a number can be read.
constexpr double kBadgeRefreshSeconds = 0.5;
constexpr float kBadgeDistanceM = 1.5f;
constexpr float kBadgeDropM = 0.35f;

}  // namespace

LiveMonitor::LiveMonitor(double stallAfter) : stallAfter_(stallAfter) {}

ui::LiveBadge LiveMonitor::onShown(const media::LiveStatus& status, std::optional<Shown> shown, double displayTime,
                                   const std::vector<xr::EyeTarget>& eyes) {
  const LiveReading reading =
      readLive(status, displayTime, shown ? std::optional<double>(shown->arrivedAt) : std::nullopt, stallAfter_);
  if (reading.stalled && !stalledSince_) {
    stalledSince_ = status.lastFrameAt.value_or(displayTime);
    if (shown) {
      ++stalls_;
      spdlog::info("live: stalled: no picture for {:.1f} s; holding the last one{}", reading.sinceLastPicture,
                   reading.connected ? "" : " while reconnecting");
    }
  }
  const bool newPicture = shown && shown->index != lastIndex_;
  if (stalledSince_ && newPicture) ++picturesSinceStall_;
  // One straggler (the last picture a connection flushes as it ends) is not the feed back.
  if (!reading.stalled && stalledSince_ && picturesSinceStall_ >= 2) {
    if (lastIndex_ >= 0) spdlog::info("live: pictures again after {:.1f} s without", displayTime - *stalledSince_);
    stalledSince_.reset();
    picturesSinceStall_ = 0;
  }
  if (newPicture) {
    lastIndex_ = shown->index;
    if (reading.latency) {
      latency_.add(*reading.latency);
      recent_.push_back(*reading.latency);
    }
  }
  if (displayTime - refreshedAt_ >= kBadgeRefreshSeconds && !recent_.empty()) {
    std::nth_element(recent_.begin(), recent_.begin() + static_cast<std::ptrdiff_t>(recent_.size() / 2), recent_.end());
    shownLatency_ = recent_[recent_.size() / 2];
    recent_.clear();
    refreshedAt_ = displayTime;
  }

  ui::LiveBadge badge;
  badge.stalled = stalledSince_.has_value();
  badge.heldSeconds = reading.sinceLastPicture;
  badge.reconnecting = !reading.connected;
  if (!badge.stalled) badge.latency = shownLatency_;
  // Tenths of a second, so the words (and the geometry) change only when the number does.
  badge.heldSeconds = std::floor(badge.heldSeconds * 10.0) / 10.0;
  if (!eyes.empty()) {
    const glm::vec3 forward = eyes.front().view.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    badge.anchor = xr::headPosition(eyes) + kBadgeDistanceM * forward - glm::vec3(0.0f, kBadgeDropM, 0.0f);
  }
  return badge;
}

}  // namespace ps::player
