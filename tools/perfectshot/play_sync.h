#pragma once
// Several headsets in step in `perfectshot play`: between frames, a leader publishes where its
// playback is (tools/sync's SyncLeader sends it), and a follower moves its own playback to the
// leader's frame (follow.h): the same play state, rate and loop, a seek where it is more than
// half a frame off and a nudge of its rate where it is less. A seek takes a few frames to land while the leader plays on, so a
// follower aims that far ahead, by the lag its last seeks landed with.
// Shot time is compared at display times: each side's steady display time is put on its wall
// clock, which the OS keeps in step between machines and the round trips measure the rest of.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "player/player_loop.h"
#include "player/shot_playback.h"
#include "scenes/result.h"
#include "show/status_board.h"
#include "sync/sync_follower.h"
#include "sync/sync_leader.h"

namespace ps::tools {

struct SyncArgs {
  std::string mode;          // "", "lead" or "follow"
  std::string bind = "127.0.0.1";
  int port = 0;              // the leader's (0: one the OS picks, printed) or the follower's own
  std::string leader;        // a follower's "host:port"
  std::vector<std::string> followers;  // a leader sends to these from the start
  std::string group = "perfectshot";
  double clockOffsetSeconds = 0;  // a test hook: this machine's wall clock moved by that much
  // A test hook: a follower drops every packet it receives while this file exists, as a lost
  // network would.
  std::string dropWhile;
};

// --sync lead|follow, --sync-port, --sync-leader, --sync-follower, --sync-bind, --sync-group.
void addSyncOptions(CLI::App& cmd, SyncArgs& args);
// The id headsets agree on: a shot package's folder name (of its shot.json), else the file's name.
std::string shotIdOf(const std::string& input);

class PlaySync {
 public:
  // Starts leading or following the shot (its id: the package's folder name, or the file's).
  static Result<std::unique_ptr<PlaySync>> start(const SyncArgs& args, player::ShotPlayback& shot,
                                                 const std::string& shotId);
  ~PlaySync();
  PlaySync(const PlaySync&) = delete;
  PlaySync& operator=(const PlaySync&) = delete;

  // The loop's betweenFrames.
  void betweenFrames(const media::PlayerState& state, const player::PlayerLoopStats& stats);
  // A follower: what the leader points at and has open, shown by this headset's loop.
  using LeaderView = std::function<void(std::optional<engine::Ray> pointer, const std::optional<std::string>& openMarker)>;
  void showLeaderWith(LeaderView view) { leaderView_ = std::move(view); }
  // One line on what the sync did, for the end of the run.
  std::string summary() const;
  // This headset's part, for the show control's status.
  show::SyncStatus status() const;

 private:
  PlaySync(player::ShotPlayback& shot, double fps);
  void lead(const media::PlayerState& state, const player::PlayerLoopStats& stats);
  void follow(const media::PlayerState& state, const player::PlayerLoopStats& stats);
  double wallAt(double steadySeconds) const;

  player::ShotPlayback& shot_;
  double fps_;
  double clockOffset_ = 0;
  std::unique_ptr<sync::SyncLeader> leader_;
  std::unique_ptr<sync::SyncFollower> follower_;
  // A follower's.
  double seekLag_ = 0;                 // how far behind its seeks have landed
  bool seekInFlight_ = false;         // judged by the frame after it lands
  std::uint64_t seeks_ = 0;
  std::uint64_t nudgedFrames_ = 0;
  bool following_ = false;
  bool lostSaid_ = false;
  bool offsetWarned_ = false;
  LeaderView leaderView_;
  std::optional<std::string> leaderMarker_;  // the leader's open marker last shown
};

}  // namespace ps::tools
