// AudioSource (exact seeks to the sample) and AudioPlayer's own streaming
// thread, on av_sync.mkv: a 5 ms click at the start of every second.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <vector>

#include "media/audio_output.h"
#include "media/audio_player.h"
#include "media/audio_source.h"
#include "test_media.h"

namespace ps::media::test {
namespace {

AudioSource openAudio(const std::string& name, const AudioOptions& options = {}) {
  Result<AudioSource> a = AudioSource::open(mediaFile(name), options);
  if (!a) throw std::runtime_error(a.error().message());
  return std::move(a).value();
}

// Sample frame (from shot 0) of the first loud sample from where the source stands.
std::int64_t firstLoudFrame(AudioSource& a) {
  for (;;) {
    Result<std::optional<AudioBlock>> b = a.next();
    if (!b || !b.value()) return -1;
    const std::vector<float>& s = b.value()->samples;
    for (std::size_t i = 0; i < s.size(); i += 2) {
      if (std::abs(s[i]) > 0.1f) return b.value()->firstFrame + static_cast<std::int64_t>(i / 2);
    }
  }
}

TEST(AudioSource, DescribesTheStream) {
  AudioSource a = openAudio("av_sync.mkv");
  EXPECT_EQ(a.info().codec, "flac");
  EXPECT_EQ(a.info().sampleRate, 48000);
  EXPECT_EQ(a.info().channels, 2);
  EXPECT_EQ(a.info().layout, AudioLayout::Stereo);
  AudioSource b = openAudio("ambix_left.wav");
  EXPECT_EQ(b.info().layout, AudioLayout::Stereo) << "a labelled 4.0 stream is not ambisonics unless said";
  AudioSource c = openAudio("ambix_left.wav", {.ambisonic = true});
  EXPECT_EQ(c.info().layout, AudioLayout::AmbiX);
  EXPECT_EQ(c.info().channels, 4);
}

TEST(AudioSource, SeekStartsAtTheExactSample) {
  AudioSource a = openAudio("av_sync.mkv");
  for (double t : {0.99, 5.5, 300.25, 2.0}) {
    ASSERT_TRUE(a.seek(t));
    Result<std::optional<AudioBlock>> b = a.next();
    ASSERT_TRUE(b && b.value());
    EXPECT_EQ(b.value()->firstFrame, std::llround(t * 48000)) << t;
    ASSERT_TRUE(a.seek(t));
    EXPECT_EQ(firstLoudFrame(a), static_cast<std::int64_t>(std::ceil(t)) * 48000) << t;
  }
}

TEST(AudioSource, NoAudioStreamIsAnErrorNamingTheFile) {
  Result<AudioSource> a = AudioSource::open(mediaFile("gop30_bf3.mp4"));
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message().find("gop30_bf3.mp4"), std::string::npos);
  EXPECT_NE(a.error().message().find("no audio stream"), std::string::npos);
}

TEST(AudioPlayer, ItsStreamingThreadKeepsTheSourceFed) {
  Result<AudioOutput> out = AudioOutput::openLoopback(48000);
  ASSERT_TRUE(out) << out.error().message();
  SteadyTimeSource time;
  auto p = AudioPlayer::create(*out, openAudio("av_sync.mkv"), time);  // its own thread pumps
  ASSERT_TRUE(p) << p.error().message();
  (*p)->seek(0.5);
  (*p)->play();
  // Render 3 s of mix as fast as the thread keeps up; a click must come out at
  // 1.0, 2.0 and 3.0 s of shot time. Underruns only delay; none may lose a click.
  std::vector<float> mix(2 * 256);
  int clicks = 0;
  bool loud = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (clicks < 3 && std::chrono::steady_clock::now() < deadline) {
    if (!(*p)->reading()) {
      std::this_thread::yield();  // priming or refilling: the thread's turn
      continue;
    }
    out->render(mix);
    for (std::size_t i = 0; i < mix.size(); i += 2) {
      const bool now = std::abs(mix[i]) > 0.1f;
      if (now && !loud) ++clicks;
      loud = now;
    }
  }
  EXPECT_EQ(clicks, 3);
}

}  // namespace
}  // namespace ps::media::test
