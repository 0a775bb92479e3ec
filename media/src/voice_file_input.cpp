#include "media/voice_file_input.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "media/audio_source.h"

namespace ps::media {

namespace {

class VoiceFile final : public VoiceInput {
 public:
  VoiceFile(std::string name, int sampleRate, std::vector<std::int16_t> samples)
      : name_(std::move(name)), rate_(sampleRate), samples_(std::move(samples)) {}

  int sampleRate() const override { return rate_; }
  std::string name() const override { return name_; }

  Status start(double nowSeconds) override {
    started_ = true;
    startSeconds_ = nowSeconds;
    heard_ = 0;
    return ok();
  }

  Result<VoiceChunk> take(double nowSeconds) override {
    VoiceChunk chunk;
    chunk.firstSampleSeconds = startSeconds_ + static_cast<double>(heard_) / rate_;
    if (!started_) return chunk;
    // Everything heard by now, at the file's rate: the caller's clock paces the file.
    const double due = std::floor(std::max(0.0, nowSeconds - startSeconds_) * rate_ + 1e-3);
    const auto upTo = static_cast<std::size_t>(due);
    if (upTo <= heard_) return chunk;
    chunk.samples.assign(upTo - heard_, 0);  // past the file's end: a quiet room
    if (heard_ < samples_.size()) {
      const std::size_t n = std::min(upTo, samples_.size()) - heard_;
      std::copy_n(samples_.begin() + static_cast<std::ptrdiff_t>(heard_), n, chunk.samples.begin());
    }
    heard_ = upTo;
    return chunk;
  }

  void stop() override { started_ = false; }

 private:
  std::string name_;
  int rate_;
  std::vector<std::int16_t> samples_;
  bool started_ = false;
  double startSeconds_ = 0;
  std::size_t heard_ = 0;
};

}  // namespace

Result<std::unique_ptr<VoiceInput>> openVoiceFile(const std::filesystem::path& file) {
  Result<AudioSource> source = AudioSource::open(file.string());
  if (!source) return source.error();
  const AudioInfo& info = source->info();
  if (info.layout != AudioLayout::Stereo || info.channels != 2)
    return Error{file.string(), "a voice is mono or stereo; this is an ambisonic bed", "give a mono or stereo file"};
  // A mono stream comes spread to both channels 3 dB down (FFmpeg's centre level): their mean
  // times the square root of two gives it back as it was; a stereo pair's mean is its mix.
  const float gain = info.sourceChannels == 1 ? std::numbers::sqrt2_v<float> : 1.0f;
  std::vector<std::int16_t> mono;
  for (;;) {
    Result<std::optional<AudioBlock>> block = source->next();
    if (!block) return block.error();
    if (!*block) break;
    const std::vector<float>& s = (*block)->samples;
    for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
      const float v = std::clamp(gain * 0.5f * (s[i] + s[i + 1]), -1.0f, 1.0f);
      mono.push_back(static_cast<std::int16_t>(std::lround(v * 32767.0f)));
    }
  }
  if (mono.empty()) return Error{file.string(), "the audio stream holds no samples", ""};
  return std::unique_ptr<VoiceInput>(std::make_unique<VoiceFile>(file.string(), info.sampleRate, std::move(mono)));
}

}  // namespace ps::media
