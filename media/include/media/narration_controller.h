#pragma once
// Spatial narration for one shot: selecting a marker plays its clip from where
// the marker stands, the soundtrack ducks while it speaks, and the caption of
// the moment is there for the card. ("Next marker" is scenes/marker_navigation.h:
// it needs no sound.) The player loop calls update() once per
// display frame with the head pose; the UI calls select().
//
// It shares the soundtrack's AudioOutput (one device, one context): one mix,
// one HRTF, one listener, so the voice and the soundtrack stay in step and the
// head pose is set once. A marker's clip is decoded when it is first selected (a
// short clip takes milliseconds; a shot may carry thousands of markers, which at
// start-up would cost seconds and a voice's memory each), and the most recently
// used maxOpenVoices stay open, so selecting one again starts at once. A clip that
// fails to open is an error of select() and that marker stays silent.
// Thread: the player loop's (all calls).
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/audio_output.h"
#include "media/audio_player.h"
#include "media/duck_envelope.h"
#include "media/listener.h"
#include "media/narration_voice.h"
#include "scenes/marker.h"
#include "scenes/result.h"

namespace ps::media {

struct NarrationOptions {
  DuckOptions duck;
  VoiceOptions voice;
  std::size_t maxOpenVoices = 8;  // decoded clips kept; the least recently selected closes first
};

class NarrationController {
 public:
  // output (and soundtrack, when not null) must outlive the controller.
  // soundtrack: the AudioPlayer to duck; null for a shot without sound.
  NarrationController(AudioOutput& output, std::vector<scenes::Marker> markers, AudioPlayer* soundtrack,
                      NarrationOptions options = {});
  ~NarrationController();
  NarrationController(const NarrationController&) = delete;
  NarrationController& operator=(const NarrationController&) = delete;

  // The markers as they are now (an editor's edits). Where only titles, texts or times changed
  // nothing else does; where a marker came or went, moved, or has another clip, what speaks
  // stops and the open clips close, to be opened afresh from the files named now.
  void setMarkers(std::vector<scenes::Marker> markers);

  // Plays markerId's narration from its start (stopping another that speaks).
  // Errors: no such marker, or it has no playable clip.
  Status select(std::string_view markerId);
  void stop();

  // Once per display frame: the listener to the head pose, the end of the
  // clip noticed, the soundtrack's gain one step along its ramp.
  // nowSeconds: any monotonic clock (the display's), for the ramp only.
  void update(double nowSeconds, const ListenerPose& head);

  // The marker speaking now (as of the last update), or empty.
  std::optional<std::string> speaking() const;
  // The captions showing at the clip's current playback time, lines joined
  // with '\n'; empty when silent or between cues.
  std::string caption() const;
  float soundtrackGain() const { return duck_.gain(); }
  // Clips decoded and open now (at most maxOpenVoices).
  std::size_t openVoices() const { return voices_.size(); }

 private:
  struct OpenVoice {
    std::size_t marker;  // index into markers_
    NarrationVoice voice;
  };
  // The open voice of markers_[marker], opened now when it is not (closing the least recently
  // used beyond the bound); moved to the front (most recent).
  Result<NarrationVoice*> voiceFor(std::size_t marker);
  NarrationVoice* speakingVoice();

  AudioOutput& output_;
  AudioPlayer* soundtrack_;
  NarrationOptions options_;
  std::vector<scenes::Marker> markers_;  // document order
  std::deque<OpenVoice> voices_;         // most recently selected first; at most options_.maxOpenVoices
  DuckEnvelope duck_;
  std::optional<std::size_t> speaking_;  // index into markers_; its voice is open
  float appliedGain_ = 1.0f;             // what the soundtrack was last given
};

}  // namespace ps::media
