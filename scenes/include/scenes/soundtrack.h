#pragma once
// What a medium's soundtrack is, as the shot says it: today, whether a 4-channel track is
// first-order ambisonics (AmbiX: ACN channel order W Y Z X, SN3D), for files whose container
// does not say (AAC has no ambisonic channel layout). Shot: media[].audio.ambisonic.
#include <optional>
#include <string_view>

namespace ps::scenes {

enum class Ambisonics {
  None,   // "none": not ambisonics, whatever the channel count (played as stereo)
  AmbiX,  // "ambix": first-order AmbiX, 4 channels
};

std::optional<Ambisonics> parseAmbisonics(std::string_view name);
std::string_view toString(Ambisonics a);

struct Soundtrack {
  std::optional<Ambisonics> ambisonic;  // empty: the container's channel layout says
  friend bool operator==(const Soundtrack&, const Soundtrack&) = default;
};

}  // namespace ps::scenes
