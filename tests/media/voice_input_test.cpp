// Recording a voice without a microphone: a fed input stamps its chunks on the caller's clock
// and the recorder gathers them; a sound file stands in for a microphone at the clock's pace;
// a take written as WAV decodes (FFmpeg) to the same samples; and a machine whose OpenAL has no
// capture device says "no microphone" instead of failing otherwise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <numbers>
#include <span>
#include <vector>

#include "media/audio_source.h"
#include "media/voice_capture.h"
#include "media/voice_file_input.h"
#include "media/voice_input.h"
#include "media/wav_file.h"
#include "process.h"
#include "tone.h"

namespace ps::media {
namespace {

namespace fs = std::filesystem;

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "voice_input" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Hands out what the test queued, stamped as a microphone would be: from the start at the rate.
class FedInput final : public VoiceInput {
 public:
  std::deque<std::vector<std::int16_t>> queued;
  bool failNext = false;
  int sampleRate() const override { return 1000; }
  std::string name() const override { return "fed"; }
  Status start(double now) override {
    start_ = now;
    heard_ = 0;
    return ok();
  }
  Result<VoiceChunk> take(double) override {
    if (failNext) return Error{"fed", "unplugged", ""};
    VoiceChunk c{start_ + static_cast<double>(heard_) / 1000, {}};
    if (!queued.empty()) {
      c.samples = std::move(queued.front());
      queued.pop_front();
    }
    heard_ += c.samples.size();
    return c;
  }
  void stop() override {}

 private:
  double start_ = 0;
  std::size_t heard_ = 0;
};

TEST(VoiceRecorder, GathersTheChunksOfATakeStampedFromItsStart) {
  FedInput in;
  VoiceRecorder rec(in);
  ASSERT_TRUE(rec.start(50.0).ok());
  EXPECT_TRUE(rec.recording());
  in.queued = {{1, 2, 3}, {}, {4, 5}};
  ASSERT_TRUE(rec.poll(50.1).ok());
  ASSERT_TRUE(rec.poll(50.2).ok());
  Result<VoiceTake> take = rec.stop(50.3);
  ASSERT_TRUE(take.ok());
  EXPECT_FALSE(rec.recording());
  EXPECT_EQ(take->samples, (std::vector<std::int16_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(take->sampleRate, 1000);
  EXPECT_DOUBLE_EQ(take->firstSampleSeconds, 50.0);
  EXPECT_DOUBLE_EQ(take->seconds(), 0.005);
}

TEST(VoiceRecorder, AFailingInputEndsTheTakeWithItsError) {
  FedInput in;
  VoiceRecorder rec(in);
  ASSERT_TRUE(rec.start(0).ok());
  in.failNext = true;
  const Status s = rec.poll(0.1);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().what, "unplugged");
  EXPECT_FALSE(rec.recording());
}

double toneHz(const std::vector<std::int16_t>& s, int rate) {
  return test::risingCrossingsHz(std::span<const std::int16_t>(s), rate);
}

TEST(VoiceFileInput, AFileIsHeardAtTheCallersPaceThenSilence) {
  const fs::path dir = testDir();
  const fs::path tone = dir / "tone.wav";
  const test::ProcessResult r = test::runShell("ffmpeg -v error -y -f lavfi -i sine=frequency=440:sample_rate=48000:duration=1 "
                                               "-ac 1 " + tone.string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  Result<std::unique_ptr<VoiceInput>> in = openVoiceFile(tone);
  ASSERT_TRUE(in.ok()) << in.error().message();
  VoiceInput& mic = **in;
  EXPECT_EQ(mic.sampleRate(), 48000);
  ASSERT_TRUE(mic.start(10.0).ok());
  Result<VoiceChunk> a = mic.take(10.5);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->samples.size(), 24000u);
  EXPECT_DOUBLE_EQ(a->firstSampleSeconds, 10.0);
  EXPECT_NEAR(toneHz(a->samples, 48000), 440.0, 2.0);
  // FFmpeg's sine source is at 1/8 of full scale; the mono file comes back at its level.
  EXPECT_NEAR(*std::max_element(a->samples.begin(), a->samples.end()), 32767 / 8, 100);
  EXPECT_TRUE(mic.take(10.5)->samples.empty()) << "nothing new at the same time";
  Result<VoiceChunk> b = mic.take(12.0);
  ASSERT_TRUE(b.ok());
  EXPECT_DOUBLE_EQ(b->firstSampleSeconds, 10.5);
  ASSERT_EQ(b->samples.size(), 72000u);
  EXPECT_NE(b->samples[100], 0) << "the file's second half";
  EXPECT_EQ(b->samples[30000], 0) << "after its end, silence";
  EXPECT_EQ(b->samples.back(), 0);
  mic.stop();
  EXPECT_TRUE(mic.take(13.0)->samples.empty()) << "stopped: nothing heard";
}

TEST(VoiceFileInput, AMissingFileIsAnErrorNamingIt) {
  const Result<std::unique_ptr<VoiceInput>> in = openVoiceFile(testDir() / "nothing.wav");
  ASSERT_FALSE(in.ok());
  EXPECT_NE(in.error().message().find("nothing.wav"), std::string::npos) << in.error().message();
}

TEST(WavFile, ATakeDecodesToTheSameSamples) {
  const fs::path file = testDir() / "take.wav";
  std::vector<std::int16_t> s(16000);
  for (std::size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<std::int16_t>(std::lround(20000 * std::sin(2 * std::numbers::pi * 250 * static_cast<double>(i) / 16000)));
  s[5] = -32768;
  s[6] = 32767;
  ASSERT_TRUE(writeWavAtomically(file, 16000, s).ok());
  EXPECT_EQ(fs::file_size(file), 44 + 2 * s.size());
  Result<AudioSource> src = AudioSource::open(file.string());
  ASSERT_TRUE(src.ok()) << src.error().message();
  EXPECT_EQ(src->info().sampleRate, 16000);
  EXPECT_EQ(src->info().codec, "pcm_s16le");
  std::vector<float> left;
  for (;;) {
    auto block = src->next();
    ASSERT_TRUE(block.ok());
    if (!*block) break;
    for (std::size_t i = 0; i < (*block)->samples.size(); i += 2) left.push_back((*block)->samples[i]);
  }
  ASSERT_EQ(left.size(), s.size());
  // A mono stream comes spread to both channels 3 dB down (FFmpeg's centre level).
  for (std::size_t i = 0; i < s.size(); ++i)
    ASSERT_NEAR(left[i] * std::numbers::sqrt2_v<float> * 32768.0f, s[i], 1.5f) << i;
}

// OpenAL Soft with only its null backend has no capture device: what CI and a headless box see.
TEST(Microphone, WithoutACaptureDeviceItSaysNoMicrophone) {
  ASSERT_EQ(setenv("ALSOFT_DRIVERS", "null", 1), 0);
  const Result<std::unique_ptr<VoiceInput>> mic = openMicrophone(48000);
  ASSERT_FALSE(mic.ok());
  EXPECT_EQ(mic.error().message().rfind("no microphone: alcCaptureOpenDevice", 0), 0u) << mic.error().message();
}

}  // namespace
}  // namespace ps::media
