#include "show/status_board.h"

#include <nlohmann/json.hpp>

namespace ps::show {

bool StatusBoard::tryPublish(const ShowStatus& status) {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return false;
  if (status.lastError != status_.lastError && status.lastError) networkErrorNewer_ = false;
  status_ = status;
  return true;
}

void StatusBoard::noteError(std::string error) {
  std::lock_guard lock(mutex_);
  networkError_ = std::move(error);
  networkErrorNewer_ = true;
}

ShowStatus StatusBoard::read() const {
  std::lock_guard lock(mutex_);
  ShowStatus s = status_;
  if (networkErrorNewer_) s.lastError = networkError_;
  return s;
}

double StatusBoard::uptimeSeconds() const {
  return std::chrono::duration<double>(Clock::now() - started_).count();
}

nlohmann::json statusJson(const ShowStatus& s, double uptimeSeconds) {
  const auto optional = [](const auto& v) -> nlohmann::json { return v ? nlohmann::json(*v) : nlohmann::json(); };
  return {{"state", s.state},
          {"episode", optional(s.episode)},
          {"shot", s.shot},
          {"shot_seconds", s.shotSeconds},
          {"fps", s.fps},
          {"frames", s.frames},
          {"late_frames", s.lateFrames},
          {"dropped_frames", s.droppedFrames},
          {"visitors_today", optional(s.visitorsToday)},
          {"volume", s.volume},
          {"uptime_seconds", uptimeSeconds},
          {"last_error", optional(s.lastError)},
          {"sync", s.sync ? nlohmann::json{{"role", s.sync->role},
                                           {"followers", s.sync->followers},
                                           {"offset_ms", optional(s.sync->offsetMs)},
                                           {"round_trip_ms", optional(s.sync->roundTripMs)},
                                           {"leader_lost", s.sync->leaderLost},
                                           {"seeks", s.sync->seeks}}
                          : nlohmann::json()}};
}

}  // namespace ps::show
