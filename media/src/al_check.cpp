#include "al_check.h"

#include <string>

#include "log.h"

namespace ps::media {

namespace {
std::string alErrorName(ALenum e) {
  switch (e) {
    case AL_INVALID_NAME: return "AL_INVALID_NAME";
    case AL_INVALID_ENUM: return "AL_INVALID_ENUM";
    case AL_INVALID_VALUE: return "AL_INVALID_VALUE";
    case AL_INVALID_OPERATION: return "AL_INVALID_OPERATION";
    case AL_OUT_OF_MEMORY: return "AL_OUT_OF_MEMORY";
    default: return "AL error " + std::to_string(e);
  }
}
}  // namespace

std::string alcErrorName(ALCenum e) {
  switch (e) {
    case ALC_INVALID_DEVICE: return "ALC_INVALID_DEVICE";
    case ALC_INVALID_CONTEXT: return "ALC_INVALID_CONTEXT";
    case ALC_INVALID_ENUM: return "ALC_INVALID_ENUM";
    case ALC_INVALID_VALUE: return "ALC_INVALID_VALUE";
    case ALC_OUT_OF_MEMORY: return "ALC_OUT_OF_MEMORY";
    default: return "ALC error " + std::to_string(e);
  }
}

void alClearError() { static_cast<void>(alGetError()); }

Status alChecked(std::string_view call) {
  const ALenum e = alGetError();
  if (e == AL_NO_ERROR) return ok();
  Error err{"OpenAL", std::string(call) + ": " + alErrorName(e), ""};
  log().error("{}", err.message());
  return err;
}

Status alcChecked(ALCdevice* device, std::string_view call) {
  const ALCenum e = alcGetError(device);
  if (e == ALC_NO_ERROR) return ok();
  Error err{"OpenAL", std::string(call) + ": " + alcErrorName(e), ""};
  log().error("{}", err.message());
  return err;
}

}  // namespace ps::media
