// AmbiX through OpenAL Soft (loopback): a sound field with its source at the
// left, heard with the head facing forward, is louder in the left channel;
// with the head turned round (facing +Z) it is louder in the right.
#include <gtest/gtest.h>

#include <vector>

#include "media/audio_output.h"
#include "media/audio_player.h"
#include "test_media.h"

namespace ps::media::test {
namespace {

struct Energy {
  double left = 0;
  double right = 0;
};

Energy render(const HeadOrientation& head, const char* file = "ambix_left.wav",
              AudioOptions options = {.ambisonic = true}) {
  Result<AudioOutput> out = AudioOutput::openLoopback(48000);
  if (!out) throw std::runtime_error(out.error().message());
  Result<AudioSource> src = AudioSource::open(mediaFile(file), options);
  if (!src) throw std::runtime_error(src.error().message());
  EXPECT_EQ(src->info().layout, AudioLayout::AmbiX);
  SteppedTimeSource time;
  auto player = AudioPlayer::create(*out, std::move(src).value(), time, {.streamingThread = false});
  if (!player) throw std::runtime_error(player.error().message());
  AudioPlayer& p = **player;
  p.setHeadOrientation(head);
  p.play();
  Energy e;
  std::vector<float> mix(2 * 480);
  for (int pass = 0; pass < 50; ++pass) {
    p.pump();
    out->render(mix);
    for (std::size_t i = 0; i < mix.size(); i += 2) {
      e.left += mix[i] * mix[i];
      e.right += mix[i + 1] * mix[i + 1];
    }
  }
  return e;
}

TEST(Ambisonics, SourceAtTheLeftIsHeardLeftFacingForward) {
  const Energy e = render({.forward = {0, 0, -1}, .up = {0, 1, 0}});
  std::printf("facing -Z: left %.1f right %.1f\n", e.left, e.right);
  EXPECT_GT(e.left, 0.1);
  EXPECT_GT(e.left, 2.0 * e.right);
}

TEST(Ambisonics, TurningTheHeadRoundFlipsTheSides) {
  const Energy e = render({.forward = {0, 0, 1}, .up = {0, 1, 0}});
  std::printf("facing +Z: left %.1f right %.1f\n", e.left, e.right);
  EXPECT_GT(e.right, 0.1);
  EXPECT_GT(e.right, 2.0 * e.left);
}

TEST(Ambisonics, FacingTheSourceBalancesTheSides) {
  const Energy e = render({.forward = {-1, 0, 0}, .up = {0, 1, 0}});  // facing left, where the source is
  std::printf("facing -X: left %.1f right %.1f\n", e.left, e.right);
  EXPECT_GT(e.left + e.right, 0.1);
  EXPECT_NEAR(e.left / (e.left + e.right), 0.5, 0.1);
}

// The container's channel layout says it (Opus, mapping family 2: "ambisonic 1"), with no word
// from a manifest; turning the head round flips the sides as for the WAV said to be AmbiX.
TEST(Ambisonics, TheContainersAmbisonicLayoutIsRecognisedAndTurnsWithTheHead) {
  Result<AudioSource> src = AudioSource::open(mediaFile("ambix_left_opus.mp4"));
  ASSERT_TRUE(src) << src.error().message();
  EXPECT_EQ(src->info().layout, AudioLayout::AmbiX) << src->info().sourceLayout;
  EXPECT_EQ(src->info().channels, 4);
  EXPECT_FALSE(src->info().layoutGuessed);
  const Energy forward = render({.forward = {0, 0, -1}, .up = {0, 1, 0}}, "ambix_left_opus.mp4", {});
  const Energy round = render({.forward = {0, 0, 1}, .up = {0, 1, 0}}, "ambix_left_opus.mp4", {});
  std::printf("opus, facing -Z: left %.1f right %.1f; facing +Z: left %.1f right %.1f\n", forward.left, forward.right,
              round.left, round.right);
  EXPECT_GT(forward.left, 2.0 * forward.right);
  EXPECT_GT(round.right, 2.0 * round.left);
  // Said not to be ambisonics, the same track is downmixed: no longer turned by the head.
  Result<AudioSource> flat = AudioSource::open(mediaFile("ambix_left_opus.mp4"), {.ambisonic = false});
  ASSERT_TRUE(flat);
  EXPECT_EQ(flat->info().layout, AudioLayout::Stereo);
}

}  // namespace
}  // namespace ps::media::test
