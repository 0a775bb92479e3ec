#pragma once
// The checked-call helper for OpenAL (and ALC): after each call the error state
// is read, and a failure becomes an Error naming the call, e.g.
// "OpenAL: alBufferData: AL_INVALID_VALUE". OpenAL reports errors through a
// per-context flag, so the flag is cleared before each checked call.
#include <string>
#include <string_view>

#include <AL/al.h>
#include <AL/alc.h>

#include "scenes/result.h"

namespace ps::media {

// ok() when alGetError() says so, else the error (logged). Needs a current context.
Status alChecked(std::string_view call);
// Clears a stale error so the next alChecked sees only its own call.
void alClearError();
// An ALC error code's name, e.g. "ALC_INVALID_VALUE".
std::string alcErrorName(ALCenum e);
// The same for ALC calls, whose errors live on the device.
Status alcChecked(ALCdevice* device, std::string_view call);

// Runs an AL call and checks it: PS_AL_CHECK(alSourcePlay(source)) -> Status naming the call.
#define PS_AL_CHECK(call) (::ps::media::alClearError(), (call), ::ps::media::alChecked(#call))

}  // namespace ps::media
