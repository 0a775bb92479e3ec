#pragma once
// The show control in `perfectshot kiosk`: between the frames of whichever loop runs (the
// attract loop, the shot, an episode's item), the commands waiting are carried out on the kiosk
// and answered, and the kiosk's status is published (show/show_control.h):
//   play, pause  the programme playing now (the attract loop or the visit's);
//   seek         the visit's programme, seconds from its beginning (an episode's timeline);
//   next, previous  the visit's episode items;
//   attract      back to the attract loop (a visit under way ends);
//   recenter     the view turned to where the wearer faces now;
//   volume       the output's gain, at most the config's volume limit;
//   load         another episode or shot: the kiosk starts again on it (the display too).
// The status: state (starting, attract or visit), the episode, the shot or card shown and
// seconds into it, visitors today, the last error. Thread: the player loop's.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/kiosk_director.h"
#include "kiosk/programme.h"
#include "player/player_loop.h"
#include "show/show_control.h"

namespace ps::tools {

class KioskShow {
 public:
  // All must outlive this. episode: the episode's file (none: a shot kiosk).
  KioskShow(show::ShowControl& control, kiosk::KioskDirector& director, kiosk::Programme& attract,
            kiosk::Programme& programme, std::optional<std::string> episode);

  // The loop's betweenFrames (every loop the kiosk runs).
  void betweenFrames(const media::PlayerState& state, const player::PlayerLoopStats& stats);
  // Sets the output's gain (already limited); a refusal says why (empty: done). Empty: no sound.
  std::function<std::optional<std::string>(float gain)> setVolume;
  float volumeLimit = 1;
  // A load asked for: the kiosk's loops end and it starts again on this input.
  const std::optional<std::string>& loadRequested() const { return load_; }

 private:
  show::ShowReply apply(const show::ShowCommand& c, const media::PlayerState& state);
  kiosk::Programme* active();
  bool visiting() const;
  void publish(const media::PlayerState& state, const player::PlayerLoopStats& stats);

  show::ShowControl& control_;
  kiosk::KioskDirector& director_;
  kiosk::Programme& attract_;
  kiosk::Programme& programme_;
  std::vector<show::ShowCommand> pending_;
  show::ShowStatus status_;
  std::optional<std::string> load_;
  // fps over about a second of display frames; frames of the loops before this one.
  double windowStart_ = -1;
  std::uint64_t windowFrames_ = 0;
  std::uint64_t lastLoopFrames_ = 0;
  std::uint64_t framesBefore_ = 0, lateBefore_ = 0, missedBefore_ = 0;
  std::uint64_t lastLate_ = 0, lastMissed_ = 0;
};

}  // namespace ps::tools
