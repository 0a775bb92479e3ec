#include "player/soundtrack_options.h"

namespace ps::player {

media::AudioOptions soundtrackOptions(const scenes::MediaRef* medium) {
  media::AudioOptions options;
  if (medium != nullptr && medium->audio.ambisonic)
    options.ambisonic = *medium->audio.ambisonic == scenes::Ambisonics::AmbiX;
  return options;
}

}  // namespace ps::player
