#pragma once
// The listener of an output: the head's pose in stage space. Spatial sources
// (narration) are heard relative to it; set once per display frame.
#include <array>

#include "media/audio_output.h"
#include "media/audio_player.h"
#include "scenes/result.h"

namespace ps::media {

struct ListenerPose {
  std::array<float, 3> position{0.0f, 0.0f, 0.0f};  // metres, stage space (the head between the eyes)
  HeadOrientation orientation;
};

// AL_POSITION and AL_ORIENTATION of output's listener. Any thread.
Status setListener(const AudioOutput& output, const ListenerPose& pose);
// The output's master volume (AL_GAIN of its listener, linear, 0..1): everything it plays,
// the soundtrack and the narration alike, whatever ducking does between them. Any thread.
Status setListenerGain(const AudioOutput& output, float gain);

}  // namespace ps::media
