#pragma once
// How long a shot without a plate plays when its timeline names no out (a bare glTF set, or a
// shot of sets only): until the last of its sets ends.
#include <vector>

#include "player/shot_sets.h"
#include "player/shot_splats.h"

namespace ps::player {

// What a shot of still sets plays for (and loops over): long enough to look round.
inline constexpr double kStillSetsSeconds = 5.0;

// The shot time where the latest of the sets ends: a set's animation that does not loop at the
// end of its keys (on shot time, by its start, offset and speed), a mesh sequence at its last
// frame. in + kStillSetsSeconds where none ends after in (still sets, looping animations only).
// A splat sequence ends at its last frame, as a mesh sequence does; still splats never end.
double setsEndSeconds(const std::vector<PlacedSet>& sets, double inSeconds,
                      const std::vector<PlacedSplats>& splats = {});

}  // namespace ps::player
