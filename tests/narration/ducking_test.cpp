// The soundtrack ducks while a narration speaks and comes back after, measured
// in OpenAL Soft's rendered output: the soundtrack is a 200 Hz tone, the
// narration has nothing below 600 Hz, so the 200 Hz level is the soundtrack's.
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "media/audio_player.h"
#include "media/audio_source.h"
#include "media/narration_controller.h"
#include "media/time_source.h"
#include "narration_fixture.h"

namespace ps::narration::test {
namespace {

constexpr int kWindow = kRate / 50;  // 20 ms: four whole periods of 200 Hz

// Amplitude of the 200 Hz component of one window of the left channel (a single-bin DFT).
double toneAmplitude(const std::vector<float>& stereo) {
  double re = 0, im = 0;
  for (int i = 0; i < kWindow; ++i) {
    const double phase = 2 * std::numbers::pi * 200.0 * i / kRate;
    re += stereo[static_cast<std::size_t>(2 * i)] * std::cos(phase);
    im += stereo[static_cast<std::size_t>(2 * i)] * std::sin(phase);
  }
  return 2 * std::hypot(re, im) / kWindow;
}

double db(double ratio) { return 20 * std::log10(ratio); }

TEST(Ducking, SoundtrackDropsWhileNarrationSpeaksAndRecoversAfter) {
  const scenes::Shot shot = loadTestShot();
  media::AudioOutput out = openBinauralLoopback();
  Result<media::AudioSource> src = media::AudioSource::open((shot.root / "plate.mkv").string());
  ASSERT_TRUE(src) << src.error().message();
  media::SteppedTimeSource time;
  auto soundtrack = media::AudioPlayer::create(out, std::move(src).value(), time, {.streamingThread = false});
  ASSERT_TRUE(soundtrack) << soundtrack.error().message();
  media::AudioPlayer& player = **soundtrack;
  media::NarrationController narration(out, shot.markers, &player);
  player.play();

  // One 20 ms window per pass: pump, mix, one update (as a display frame would).
  std::vector<float> mix(2 * kWindow);
  std::vector<double> level;  // 200 Hz amplitude per window
  double t = 0;
  auto pass = [&] {
    player.pump();
    out.render(mix);
    time.advance(0.02);
    t += 0.02;
    narration.update(t, facingForward());
    level.push_back(toneAmplitude(mix));
  };
  for (int i = 0; i < 25; ++i) pass();  // 0.5 s: primed and steady
  const std::size_t selectedAt = level.size();
  ASSERT_TRUE(narration.select("right"));
  std::size_t endedAt = 0;
  for (int i = 0; i < 125; ++i) {  // 2.5 s: the 1.5 s clip and the recovery
    pass();
    if (endedAt == 0 && !narration.speaking()) endedAt = level.size();
  }
  ASSERT_GT(endedAt, 0u) << "the narration never ended";

  auto mean = [&](std::size_t from, std::size_t to) {
    double s = 0;
    for (std::size_t i = from; i < to; ++i) s += level[i];
    return s / static_cast<double>(to - from);
  };
  const double before = mean(selectedAt - 10, selectedAt);
  const double ducked = mean(selectedAt + 15, endedAt - 1);     // 0.3 s in: the ramp is done
  const double after = mean(endedAt + 15, level.size());        // 0.3 s after the end
  std::printf("200 Hz: before %.4f, ducked %.4f (%+.1f dB), after %.4f (%+.1f dB)\n", before, ducked,
              db(ducked / before), after, db(after / before));
  EXPECT_NEAR(before, 0.5, 0.05);  // the soundtrack plays at its level (direct channels, unity gain)
  EXPECT_NEAR(db(ducked / before), -12.0, 1.0);
  EXPECT_NEAR(db(after / before), 0.0, 0.5);

  // Ramped, not switched: no window drops or rises by more than a 200 ms ramp allows
  // in 20 ms (a tenth of the 0.25 -> 1 gain span, plus a window's smoothing).
  for (std::size_t i = selectedAt - 5; i < level.size(); ++i) {
    EXPECT_LT(std::abs(level[i] - level[i - 1]), 0.2 * before) << "a step at window " << i;
  }
  // And the ramp takes its time: half way down after 100 ms, not already at the bottom.
  EXPECT_GT(level[selectedAt + 2], ducked + 0.3 * (before - ducked));
}

TEST(Ducking, NoSoundtrackIsFine) {
  media::AudioOutput out = openBinauralLoopback();
  media::NarrationController narration(out, loadTestShot().markers, nullptr);
  ASSERT_TRUE(narration.select("left"));
  narration.update(0.0, facingForward());
  narration.update(0.1, facingForward());
  EXPECT_LT(narration.soundtrackGain(), 1.0f);  // the envelope runs; nothing to apply it to
}

}  // namespace
}  // namespace ps::narration::test
