#include "media/narration_voice.h"

#include <algorithm>

#include "al_check.h"
#include "al_handles.h"
#include "log.h"
#include "media/audio_source.h"

namespace ps::media {

struct NarrationVoice::State {
  ALCcontext* context = nullptr;
  ALuint buffer = 0;
  ALuint source = 0;
  double durationSeconds = 0;

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    ThreadContext current(context);
    if (source != 0) {
      alSourceStop(source);
      alSourcei(source, AL_BUFFER, 0);  // a buffer attached to a source cannot be deleted
      alDeleteSources(1, &source);
    }
    if (buffer != 0) alDeleteBuffers(1, &buffer);
    if (Status st = alChecked("NarrationVoice teardown (alSourceStop, alDeleteSources, alDeleteBuffers)"); !st)
      log().warn("{}", st.error().message());
  }
};

namespace {

// The whole clip as mono float: the mean of the channels, or W for first-order ambisonics.
Result<std::vector<float>> decodeMono(const std::string& path, int& sampleRate) {
  Result<AudioSource> src = AudioSource::open(path);
  if (!src) return src.error();
  const AudioInfo& info = src->info();
  sampleRate = info.sampleRate;
  const auto channels = static_cast<std::size_t>(info.channels);
  std::vector<float> mono;
  for (;;) {
    Result<std::optional<AudioBlock>> block = src->next();
    if (!block) return block.error();
    if (!*block) break;
    const std::vector<float>& s = (*block)->samples;
    for (std::size_t i = 0; i + channels <= s.size(); i += channels) {
      if (info.layout == AudioLayout::AmbiX) {
        mono.push_back(s[i]);
      } else {
        float sum = 0;
        for (std::size_t c = 0; c < channels; ++c) sum += s[i + c];
        mono.push_back(sum / static_cast<float>(channels));
      }
    }
  }
  if (mono.empty()) return Error{"narration", path + ": the audio stream has no samples", "check the clip plays"};
  return mono;
}

}  // namespace

Result<NarrationVoice> NarrationVoice::open(AudioOutput& output, const std::string& path, VoiceOptions options) {
  int rate = 0;
  Result<std::vector<float>> mono = decodeMono(path, rate);
  if (!mono) return mono.error();
  auto s = std::make_unique<State>();
  s->context = output.handles().context.get();
  s->durationSeconds = static_cast<double>(mono->size()) / rate;
  ThreadContext current(s->context);
  if (Status st = PS_AL_CHECK(alGenBuffers(1, &s->buffer)); !st) return st.error();
  const auto bytes = static_cast<ALsizei>(mono->size() * sizeof(float));
  if (Status st = PS_AL_CHECK(alBufferData(s->buffer, AL_FORMAT_MONO_FLOAT32, mono->data(), bytes, rate)); !st)
    return st.error();
  if (Status st = PS_AL_CHECK(alGenSources(1, &s->source)); !st) return st.error();
  const ALuint id = s->source;
  // World-fixed: the position is in stage space and the listener carries the head pose.
  if (Status st = PS_AL_CHECK(alSourcei(id, AL_SOURCE_RELATIVE, AL_FALSE)); !st) return st.error();
  if (Status st = PS_AL_CHECK(alSourcef(id, AL_REFERENCE_DISTANCE, options.referenceDistanceM)); !st)
    return st.error();
  if (Status st = PS_AL_CHECK(alSourcef(id, AL_ROLLOFF_FACTOR, 1.0f)); !st) return st.error();
  if (Status st = PS_AL_CHECK(alSourcef(id, AL_GAIN, options.gain)); !st) return st.error();
  if (Status st = PS_AL_CHECK(alSourcei(id, AL_BUFFER, static_cast<ALint>(s->buffer))); !st) return st.error();
  log().info("narration {}: {:.2f} s mono at {} Hz", path, s->durationSeconds, rate);
  return NarrationVoice(std::move(s));
}

NarrationVoice::NarrationVoice(std::unique_ptr<State> s) : s_(std::move(s)) {}
NarrationVoice::NarrationVoice(NarrationVoice&&) noexcept = default;
NarrationVoice& NarrationVoice::operator=(NarrationVoice&&) noexcept = default;
NarrationVoice::~NarrationVoice() = default;

double NarrationVoice::durationSeconds() const { return s_->durationSeconds; }

Status NarrationVoice::setPosition(const scenes::Vec3& p) {
  ThreadContext current(s_->context);
  return PS_AL_CHECK(alSource3f(s_->source, AL_POSITION, static_cast<ALfloat>(p.x), static_cast<ALfloat>(p.y),
                                static_cast<ALfloat>(p.z)));
}

Status NarrationVoice::play() {
  ThreadContext current(s_->context);
  // alSourcePlay on a playing source restarts it from the beginning, as a new selection should.
  return PS_AL_CHECK(alSourcePlay(s_->source));
}

Status NarrationVoice::playFrom(double clipSeconds) {
  ThreadContext current(s_->context);
  // Rewound, a source takes its offset at the next play (a playing one would restart at 0).
  if (auto rewound = PS_AL_CHECK(alSourceRewind(s_->source)); !rewound) return rewound;
  const double at = std::clamp(clipSeconds, 0.0, std::max(0.0, durationSeconds() - 1e-3));
  if (auto placed = PS_AL_CHECK(alSourcef(s_->source, AL_SEC_OFFSET, static_cast<ALfloat>(at))); !placed) return placed;
  return PS_AL_CHECK(alSourcePlay(s_->source));
}

Status NarrationVoice::stop() {
  ThreadContext current(s_->context);
  return PS_AL_CHECK(alSourceStop(s_->source));
}

bool NarrationVoice::playing() const {
  ThreadContext current(s_->context);
  ALint state = AL_STOPPED;
  if (!PS_AL_CHECK(alGetSourcei(s_->source, AL_SOURCE_STATE, &state))) return false;
  return state == AL_PLAYING;
}

double NarrationVoice::offsetSeconds() const {
  ThreadContext current(s_->context);
  ALfloat seconds = 0;
  if (!PS_AL_CHECK(alGetSourcef(s_->source, AL_SEC_OFFSET, &seconds))) return 0;
  return seconds;
}

}  // namespace ps::media
