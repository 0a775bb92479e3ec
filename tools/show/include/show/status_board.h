#pragma once
// The player's state as the show control reports it (HTTP JSON, OSC status): a snapshot the
// player loop publishes between frames and the network threads copy when asked. The loop
// never waits: when a reader holds the board, that frame's snapshot is skipped (the next one
// comes a frame later). Readers hold it only for a copy.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace ps::show {

// Several headsets in step (play --sync): this one's part.
struct SyncStatus {
  std::string role;                   // "lead" or "follow"
  std::uint64_t followers = 0;        // a leader's, announced or named
  std::optional<double> offsetMs;     // a follower's clock offset to the leader's, measured
  std::optional<double> roundTripMs;  // the round trip that measured it
  bool leaderLost = false;            // a follower hears no leader
  std::uint64_t seeks = 0;            // a follower's seeks to the leader's frame
  friend bool operator==(const SyncStatus&, const SyncStatus&) = default;
};

struct ShowStatus {
  std::string state = "starting";  // starting, playing, paused, attract, ended
  std::optional<std::string> episode;  // the episode's file; none in play mode
  std::string shot;                    // the shot (or video) playing
  double shotSeconds = 0;              // from the shot's start (its in point)
  double fps = 0;                      // display frames per second over the last second
  std::uint64_t frames = 0;            // display frames begun
  std::uint64_t lateFrames = 0;        // CPU work ended after the frame's display time
  std::uint64_t droppedFrames = 0;     // display slots missed
  std::optional<std::uint64_t> visitorsToday;  // none where no visits are counted (play mode)
  float volume = 1;
  std::optional<std::string> lastError;  // the player's last error
  std::optional<SyncStatus> sync;        // none where the headset plays alone
};

class StatusBoard {
 public:
  using Clock = std::chrono::steady_clock;
  StatusBoard() : started_(Clock::now()) {}

  // Player loop; false when skipped (a reader held the board).
  bool tryPublish(const ShowStatus& status);
  // Network threads: an error of their own (a malformed request), reported as the last error
  // when it is newer than the player's.
  void noteError(std::string error);

  // Network threads: the latest snapshot, with the network's last error if newer.
  ShowStatus read() const;
  // Seconds since the board was made (the show control's start).
  double uptimeSeconds() const;

 private:
  Clock::time_point started_;
  mutable std::mutex mutex_;
  ShowStatus status_;
  std::optional<std::string> networkError_;
  bool networkErrorNewer_ = false;
};

// The HTTP endpoint's body: state, episode, shot, shot_seconds, fps, frames, late_frames,
// dropped_frames, visitors_today, volume, uptime_seconds, last_error, sync (README.md lists them).
nlohmann::json statusJson(const ShowStatus& status, double uptimeSeconds);

}  // namespace ps::show
