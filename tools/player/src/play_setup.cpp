#include "player/play_setup.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "engine/view.h"

namespace ps::player {

xr::OffscreenDisplayOptions offscreenTour(const ShotPlayback& playback, const OffscreenTour& tour) {
  const double in = playback.inSeconds;
  const double span = std::max(playback.outSeconds.value_or(in + 10.0) - in, 1e-3);
  xr::OffscreenDisplayOptions off;
  off.width = tour.width;
  off.height = tour.height;
  off.eyes = playback.layout.stereo != StereoLayout::Mono ? 2 : 1;
  off.step = playback.frameSeconds;  // every video frame, no waiting on a clock
  const float hfov = tour.hfovDeg, vfov = tour.vfovDeg;
  off.view = [span, hfov, vfov](std::uint64_t, double t) {
    const float yaw = static_cast<float>(std::fmod(360.0 * t / span + 180.0, 360.0) - 180.0);
    return engine::viewFromV360({yaw, 0, 0, hfov, vfov});
  };
  const auto stillEvery = static_cast<std::uint64_t>(std::max(1.0, std::round(tour.stillsEverySeconds / playback.frameSeconds)));
  off.readBack = [stillEvery](std::uint64_t index) { return index % stillEvery == 0; };
  return off;
}

PlayerLoopOptions playOptions(const ShotPlayback& playback, const xr::DisplayCapabilities& can, bool offscreen,
                              const PlayChoices& choices) {
  PlayerLoopOptions options = playback.loopOptions();
  if (!offscreen && choices.timeline) options.timeline = playback.timeline;  // headset and window
  if (!choices.overlay) options.overlay.reset();
  if (options.overlay && options.overlay->filmFrame) options.overlay->filmFrame->visible = choices.filmFrame;
  // In a headset a gaze that rests on a marker opens it; a window has the mouse for that.
  options.gazeDwell = can.headTracked;
  // A shot can be edited: with a mouse and keys (a window) E turns the editor on; edit starts with it (headset
  // too). Without the overlay the picture stays clean: no editor unless asked for.
  if (!playback.shotFile.empty() && (choices.edit || (can.pointer && can.keyboard && choices.overlay)))
    options.editor = PlayerLoopOptions::Editor{playback.shotFile, choices.edit, choices.voiceInput};
  options.maxFrames = choices.maxFrames;
  // A script counts in display frames: starting paused puts its keys on known video frames.
  if (choices.scripted) options.autoplay = false;
  if (offscreen) {
    options.loop = false;  // offscreen plays the shot once
    options.decodeWait = std::chrono::seconds(10);
  }
  return options;
}

}  // namespace ps::player
