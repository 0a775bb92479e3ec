#pragma once
// The system's microphone through OpenAL Soft's capture (alcCaptureOpenDevice): mono 16-bit at
// the rate asked for, polled from the caller's loop; the device holds a few seconds, so a loop
// that stalls longer loses what did not fit. Every ALC call is checked and named in its error.
#include <memory>

#include "media/voice_input.h"

namespace ps::media {

// The default capture device. Fails with "no microphone: ..." where there is none (CI, a
// headless box) or it refuses the format: the caller records nothing and carries on.
Result<std::unique_ptr<VoiceInput>> openMicrophone(int sampleRate = 48000);

}  // namespace ps::media
