#pragma once
// lint's check of what a shot says of a medium's soundtrack (media[].audio) against the file.
#include <optional>

#include "scenes/problem.h"
#include "scenes/shot.h"

namespace ps::tools {

// A medium said to carry AmbiX: a warning at its audio/ambisonic when the file has no
// soundtrack FFmpeg can decode, or one that is not 4 channels (it would play as stereo).
std::optional<scenes::Problem> checkSoundtrack(const scenes::MediaRef& m);

}  // namespace ps::tools
