#pragma once
// `play`'s walkthrough flags: --record-walkthrough NAME (with --walkthrough-mic, or
// --walkthrough-voice FILE and --walkthrough-voice-at S) records the director's walkthrough into the shot package;
// --tour NAME (with --tour-look-freely) plays one back as a guided tour. What they open, and the
// recording's last save after the loop.
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "player/player_loop.h"
#include "player/shot_playback.h"
#include "player/walkthrough_recorder.h"
#include "player/walkthrough_tour.h"
#include "scenes/result.h"

namespace ps::tools {

struct WalkthroughArgs {
  std::string record;
  std::string voice;
  bool mic = false;  // record the microphone (or --voice-input's file standing in for it)
  double voiceAt = 0;
  std::string tour;
  bool lookFreely = false;
  // The first walkthrough flag given (to refuse it where it does not apply); empty: none.
  std::optional<std::string> flag() const;
};

void addWalkthroughOptions(CLI::App& command, WalkthroughArgs& args);

class PlayWalkthrough {
 public:
  // The recorder or the tour the flags ask for, on this shot; the tour's overlay (its gaze glow)
  // unless `overlay` is false. A tour offscreen ends with its recording.
  // voiceInput: --voice-input's file, heard instead of the microphone (--walkthrough-mic).
  Status open(const WalkthroughArgs& args, const std::string& voiceInput, player::ShotPlayback& playback,
              xr::Display& display, bool offscreen, bool overlay, player::PlayerLoopOptions& options);
  player::LoopDirector* director();  // null: neither
  const player::WalkthroughTour* tour() const { return tour_.get(); }
  // The recording's last save (nothing to do for a tour).
  Status finish();

 private:
  std::unique_ptr<player::WalkthroughRecorder> recorder_;
  std::unique_ptr<player::WalkthroughTour> tour_;
};

// Copies a sound file recorded elsewhere into the package as walkthroughs/NAME.voice.EXT,
// atomically, after checking that it holds sound; the segment that plays it from `atSeconds`.
Result<scenes::VoiceSegment> copyVoiceIntoPackage(const std::filesystem::path& packageRoot, const std::string& name,
                                                  const std::filesystem::path& file, double atSeconds);

}  // namespace ps::tools
