#pragma once
// The show control in `perfectshot play`: between frames, the commands waiting are applied
// to the shot's player and answered, and the status is published (show/show_control.h).
// play, pause, seek (seconds from the shot's in point), volume (the output's master gain),
// recenter (the headset's view), next and previous (the shot's chapters). load and attract
// belong to kiosk mode and are refused here with a reply that says so.
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

 private:
  show::ShowReply apply(const show::ShowCommand& c, const media::PlayerState& state);
  show::ShowReply seekTo(const show::ShowCommand& c, double shotSeconds, const std::string& what);
  double shotEnd() const;
  void publish(const media::PlayerState& state, const player::PlayerLoopStats& stats);

  show::ShowControl& control_;
  player::ShotPlayback& shot_;
  xr::Display& display_;
  std::vector<show::ShowCommand> pending_;
  show::ShowStatus status_;
  // fps over about a second of display frames.
  double windowStart_ = -1;
  std::uint64_t windowFrames_ = 0;
};

}  // namespace ps::tools
