#include "lint_soundtrack.h"

#include "media/audio_source.h"
#include "scenes/printable.h"

namespace ps::tools {

std::optional<scenes::Problem> checkSoundtrack(const scenes::MediaRef& m) {
  if (m.audio.ambisonic != scenes::Ambisonics::AmbiX || m.path.empty()) return std::nullopt;
  const std::string pointer = m.pointer + "/audio/ambisonic";
  auto source = media::AudioSource::open(m.path.string(), {.ambisonic = true});
  if (!source)
    return scenes::Problem{pointer, "said to be AmbiX, but " + scenes::quote(m.src) + " has no soundtrack FFmpeg can decode",
                           scenes::Severity::Warning};
  if (source->info().layout != media::AudioLayout::AmbiX)
    return scenes::Problem{pointer,
                           "first-order AmbiX needs 4 channels, but the soundtrack of " + scenes::quote(m.src) + " is " +
                               source->info().sourceLayout + "; it plays as stereo",
                           scenes::Severity::Warning};
  return std::nullopt;
}

}  // namespace ps::tools
