#pragma once
// How a medium's soundtrack is opened: the shot's word on what it is (media[].audio), else
// what the container's channel layout says.
#include "media/audio_source.h"
#include "scenes/shot.h"

namespace ps::player {

// medium: the shot's entry for the file played; null for a bare video.
media::AudioOptions soundtrackOptions(const scenes::MediaRef* medium);

}  // namespace ps::player
