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

Energy render(const HeadOrientation& head) {
  Result<AudioOutput> out = AudioOutput::openLoopback(48000);
  if (!out) throw std::runtime_error(out.error().message());
  Result<AudioSource> src = AudioSource::open(mediaFile("ambix_left.wav"), {.ambisonic = true});
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

}  // namespace
}  // namespace ps::media::test
