#include "player/visibility_pause.h"

namespace ps::player {

void VisibilityPause::hidden(media::Player& player, bool playing, double lastShown) {
  resumeWhenShown_ = resumeWhenShown_ || playing;
  player.pause(lastShown);
}

void VisibilityPause::shown(media::Player& player) {
  if (!resumeWhenShown_) return;
  resumeWhenShown_ = false;
  player.play();
}

}  // namespace ps::player
