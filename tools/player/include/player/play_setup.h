#pragma once
// How a shot is played on a display (what `perfectshot play` asks for):
// - offscreen: every video frame (display frames stepped at the video's rate, no waiting on a
//   clock), the head turning once around over the shot, each eye read back every so many
//   seconds of shot time; the shot played once, waiting for each frame;
// - headset and window: the timeline scrubber; a headset's gaze resting on a marker opens it
//   (a window has the mouse for that); the marker editor where there is a shot file and a
//   mouse and keys (or asked for).
#include <cstdint>
#include <filesystem>
#include <optional>

#include "player/player_loop.h"
#include "player/shot_playback.h"
#include "xr/display.h"
#include "xr/offscreen_display.h"

namespace ps::player {

struct OffscreenTour {
  std::uint32_t width = 960, height = 540;  // pixels per eye
  float hfovDeg = 100, vfovDeg = 62;
  double stillsEverySeconds = 1.0;  // of shot time between read-backs
};

// The offscreen display's options for touring `playback`: one eye for mono, two for stereo.
xr::OffscreenDisplayOptions offscreenTour(const ShotPlayback& playback, const OffscreenTour& tour);

struct PlayChoices {
  bool timeline = true;   // the scrubber (headset and window)
  bool overlay = true;    // markers and the film frame over the views
  bool filmFrame = true;  // the film frame shown at the start (toggled while playing)
  bool edit = false;      // start in the marker editor (needs a shot file)
  std::optional<std::filesystem::path> voiceInput;  // the editor's microphone: a sound file; empty: the system's
  bool scripted = false;  // input comes from a script counting display frames: start paused
  std::uint64_t maxFrames = 0;  // 0: no limit
};

// The loop's options for playing `playback` on a display that can do `can`; offscreen: the
// offscreen display (which plays the shot once). The caller adds what is its own (quit
// requests, UI claims, what to do after each frame).
PlayerLoopOptions playOptions(const ShotPlayback& playback, const xr::DisplayCapabilities& can, bool offscreen,
                              const PlayChoices& choices);

}  // namespace ps::player
