#pragma once
// The show control in `perfectshot play`: between frames, the commands waiting are applied
// to the shot's player and answered, and the status is published (show/show_control.h).
// play, pause, seek (seconds from the shot's in point), volume (the output's master gain),
// recenter (the headset's view), next and previous (the shot's chapters). load and attract
// belong to kiosk mode and are refused here with a reply that says so.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "player/player_loop.h"
#include "player/shot_playback.h"
#include "show/show_control.h"
#include "xr/display.h"

namespace ps::tools {

class PlayShow {
 public:
  // All must outlive this.
  PlayShow(show::ShowControl& control, player::ShotPlayback& shot, xr::Display& display, std::string shotName);
  // The loop's betweenFrames.
  void betweenFrames(const media::PlayerState& state, const player::PlayerLoopStats& stats);

  // Where more than a shot plays (an episode, the kiosk): a command of this kind goes to
  // `handler` instead of the shot's own answer (next/previous between items, load, attract).
  using Handler = std::function<show::ShowReply(const show::ShowCommand&, const media::PlayerState&)>;
  void handle(show::CommandKind kind, Handler handler);
  // What the status reports beside the shot: the episode, the shot now playing, visitors.
  void setEpisode(std::optional<std::string> episode) { status_.episode = std::move(episode); }
  void setShot(std::string shot) { status_.shot = std::move(shot); }
  void setVisitorsToday(std::optional<std::uint64_t> visitors) { status_.visitorsToday = visitors; }
  // Where the headset plays in step with others: asked for at each status.
  void setSync(std::function<show::SyncStatus()> sync) { sync_ = std::move(sync); }

 private:
  show::ShowReply apply(const show::ShowCommand& c, const media::PlayerState& state);
  show::ShowReply seekTo(const show::ShowCommand& c, double shotSeconds, const std::string& what);
  double shotEnd() const;
  void publish(const media::PlayerState& state, const player::PlayerLoopStats& stats);

  show::ShowControl& control_;
  player::ShotPlayback& shot_;
  xr::Display& display_;
  std::array<Handler, show::kCommandKinds> handlers_;  // by CommandKind; empty: the shot's own answer
  std::vector<show::ShowCommand> pending_;
  show::ShowStatus status_;
  std::function<show::SyncStatus()> sync_;
  // fps over about a second of display frames.
  double windowStart_ = -1;
  std::uint64_t windowFrames_ = 0;
};

}  // namespace ps::tools
