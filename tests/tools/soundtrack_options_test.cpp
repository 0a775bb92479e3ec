// The plate's soundtrack is opened as the shot says (media[].audio.ambisonic), else as its
// container says.
#include <gtest/gtest.h>

#include "player/soundtrack_options.h"

namespace ps::player {
namespace {

TEST(SoundtrackOptions, TheShotsWordOnAmbisonicsReachesTheSoundtrack) {
  EXPECT_FALSE(soundtrackOptions(nullptr).ambisonic) << "a bare video: the container says";
  scenes::MediaRef plate;
  EXPECT_FALSE(soundtrackOptions(&plate).ambisonic) << "the shot says nothing: the container says";
  plate.audio.ambisonic = scenes::Ambisonics::AmbiX;
  EXPECT_EQ(soundtrackOptions(&plate).ambisonic, true);
  plate.audio.ambisonic = scenes::Ambisonics::None;
  EXPECT_EQ(soundtrackOptions(&plate).ambisonic, false);
}

}  // namespace
}  // namespace ps::player
