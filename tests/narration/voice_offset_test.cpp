// A voice started part-way into its clip (NarrationVoice::playFrom, what a guided tour does when
// its director's voice resumes after a scrub or a pause): it plays from there to the clip's end,
// on the loopback device (deterministic, no sound card).
#include <vector>

#include "media/narration_voice.h"
#include "narration_fixture.h"

namespace ps::narration::test {
namespace {

// 10 ms mixes until the voice stops; how many it took.
int mixesUntilSilent(media::AudioOutput& out, media::NarrationVoice& voice) {
  std::vector<float> mix(2 * kRate / 100);
  int passes = 0;
  while (voice.playing() && passes < 1000) {
    out.render(mix);
    ++passes;
  }
  return passes;
}

TEST(VoiceOffset, PlaysFromThePointAskedToTheEnd) {
  auto out = media::AudioOutput::openLoopback(kRate);
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto voice = media::NarrationVoice::open(*out, (packageDir() / "narration" / "left.wav").string());
  ASSERT_TRUE(voice.ok()) << voice.error().message();
  const double length = voice->durationSeconds();
  ASSERT_GT(length, 1.0);
  ASSERT_TRUE(voice->playFrom(1.0).ok());
  std::vector<float> mix(2 * kRate / 100);
  out->render(mix);
  EXPECT_NEAR(voice->offsetSeconds(), 1.01, 0.005);
  EXPECT_NEAR(mixesUntilSilent(*out, *voice), (length - 1.01) * 100, 2);
  // From the start again, the whole clip.
  ASSERT_TRUE(voice->playFrom(0).ok());
  EXPECT_NEAR(mixesUntilSilent(*out, *voice), length * 100, 2);
  // Past the end: clamped inside the clip, it stops at once.
  ASSERT_TRUE(voice->playFrom(length + 5).ok());
  EXPECT_LE(mixesUntilSilent(*out, *voice), 1);
}

}  // namespace
}  // namespace ps::narration::test
