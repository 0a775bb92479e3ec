#pragma once
// Playback paused while the display is hidden (also a lost runtime), resumed when it shows
// again if it was playing. Paused at once, as of the last frame shown: no update() may run
// until frames flow again, and the shot time must not run on meanwhile, however long it takes.
// Thread: the player loop's.
#include "media/player.h"

namespace ps::player {

class VisibilityPause {
 public:
  // The display hid. playing: whether playback was playing at the last update; lastShown:
  // the display time of the last frame shown (TimeSource seconds).
  void hidden(media::Player& player, bool playing, double lastShown);
  // The display shows again: plays on if it was playing when it hid.
  void shown(media::Player& player);

 private:
  bool resumeWhenShown_ = false;  // hidden while playing (also when hidden twice in a row)
};

}  // namespace ps::player
