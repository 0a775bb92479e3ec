#include "media/audio_output.h"

#include <stdexcept>

#include "al_check.h"
#include "al_handles.h"
#include "log.h"

namespace ps::media {

namespace {

Error noExtension(const char* name) {
  Error e{"OpenAL", std::string("the OpenAL implementation lacks ") + name, "install OpenAL Soft 1.19 or later"};
  log().error("{}", e.message());
  return e;
}

// Whether OpenAL Soft mixes through an HRTF, logged with its reason and data set.
bool hrtfStatus(ALCdevice* d) {
  if (alcIsExtensionPresent(d, "ALC_SOFT_HRTF") != ALC_TRUE) {
    log().info("audio: HRTF off (the device lacks ALC_SOFT_HRTF)");
    return false;
  }
  ALCint status = ALC_HRTF_DISABLED_SOFT;
  alcGetIntegerv(d, ALC_HRTF_STATUS_SOFT, 1, &status);
  if (Status st = alcChecked(d, "alcGetIntegerv(ALC_HRTF_STATUS_SOFT)"); !st) return false;
  const bool on = status == ALC_HRTF_ENABLED_SOFT || status == ALC_HRTF_REQUIRED_SOFT ||
                  status == ALC_HRTF_HEADPHONES_DETECTED_SOFT;
  if (on) {
    const ALCchar* name = alcGetString(d, ALC_HRTF_SPECIFIER_SOFT);
    log().info("audio: HRTF on ({})", name != nullptr ? name : "unnamed data set");
  } else {
    log().info("audio: HRTF off (ALC_HRTF_STATUS_SOFT {:#x}: {})", status,
               status == ALC_HRTF_UNSUPPORTED_FORMAT_SOFT ? "the output is not stereo"
               : status == ALC_HRTF_DENIED_SOFT           ? "denied by the configuration"
                                                          : "not requested or no data set");
  }
  return on;
}

Result<AudioOutput::Handles> createContext(ALCdevicePtr device, const ALCint* attributes, bool loopback) {
  AudioOutput::Handles h;
  h.loopback = loopback;
  ALCdevice* d = device.get();
  if (alcIsExtensionPresent(d, "ALC_EXT_thread_local_context") != ALC_TRUE) {
    return noExtension("ALC_EXT_thread_local_context");
  }
  h.context.reset(alcCreateContext(d, attributes));
  if (!h.context) {
    Status st = alcChecked(d, "alcCreateContext");
    return st ? Error{"OpenAL", "alcCreateContext failed", ""} : st.error();
  }
  h.device = std::move(device);
  ALCint rate = 0;
  alcGetIntegerv(d, ALC_FREQUENCY, 1, &rate);
  if (Status st = alcChecked(d, "alcGetIntegerv(ALC_FREQUENCY)"); !st) return st.error();
  h.sampleRate = rate;
  h.hrtf = hrtfStatus(d);
  ThreadContext current(h.context.get());
  for (const char* ext : {"AL_SOFT_source_latency", "AL_EXT_FLOAT32", "AL_EXT_BFORMAT", "AL_SOFT_direct_channels"}) {
    if (alIsExtensionPresent(ext) != AL_TRUE) return noExtension(ext);
  }
  return h;
}

}  // namespace

Result<AudioOutput> AudioOutput::openDefault() {
  ALCdevicePtr device(alcOpenDevice(nullptr));
  if (!device) {
    Error e{"OpenAL", "no audio output device (alcOpenDevice)", "playing without sound; the picture keeps its own clock"};
    log().warn("{}", e.message());
    return e;
  }
  // HRTF: the listener wears headphones (a headset); asked for only where the
  // extension exists, since an unknown attribute would fail the context.
  const bool canHrtf = alcIsExtensionPresent(device.get(), "ALC_SOFT_HRTF") == ALC_TRUE;
  const ALCint hrtfAttributes[] = {ALC_HRTF_SOFT, ALC_TRUE, 0};
  Result<Handles> h = createContext(std::move(device), canHrtf ? hrtfAttributes : nullptr, false);
  if (!h) return h.error();
  const char* name = alcGetString(h->device.get(), ALC_ALL_DEVICES_SPECIFIER);
  log().info("audio output: {} at {} Hz", name != nullptr ? name : "default device", h->sampleRate);
  return AudioOutput(std::make_unique<Handles>(std::move(h).value()));
}

Result<AudioOutput> AudioOutput::openLoopback(int sampleRate, bool hrtf) {
  if (alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback") != ALC_TRUE) return noExtension("ALC_SOFT_loopback");
  ALCdevicePtr device(alcLoopbackOpenDeviceSOFT(nullptr));
  if (!device) {
    Status st = alcChecked(nullptr, "alcLoopbackOpenDeviceSOFT");
    return st ? Error{"OpenAL", "alcLoopbackOpenDeviceSOFT failed", ""} : st.error();
  }
  if (alcIsRenderFormatSupportedSOFT(device.get(), sampleRate, ALC_STEREO_SOFT, ALC_FLOAT_SOFT) != ALC_TRUE) {
    Error e{"OpenAL", fmt::format("alcIsRenderFormatSupportedSOFT: stereo float at {} Hz is not supported", sampleRate),
            ""};
    log().error("{}", e.message());
    return e;
  }
  if (hrtf && alcIsExtensionPresent(device.get(), "ALC_SOFT_HRTF") != ALC_TRUE) return noExtension("ALC_SOFT_HRTF");
  const ALCint attributes[] = {ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT, ALC_FORMAT_TYPE_SOFT, ALC_FLOAT_SOFT,
                               ALC_FREQUENCY, sampleRate, ALC_HRTF_SOFT, hrtf ? ALC_TRUE : ALC_FALSE, 0};
  Result<Handles> h = createContext(std::move(device), attributes, true);
  if (!h) return h.error();
  return AudioOutput(std::make_unique<Handles>(std::move(h).value()));
}

AudioOutput::AudioOutput(std::unique_ptr<Handles> h) : h_(std::move(h)) {}
AudioOutput::AudioOutput(AudioOutput&&) noexcept = default;
AudioOutput& AudioOutput::operator=(AudioOutput&&) noexcept = default;
AudioOutput::~AudioOutput() = default;

int AudioOutput::sampleRate() const { return h_->sampleRate; }
bool AudioOutput::isLoopback() const { return h_->loopback; }
bool AudioOutput::hrtfEnabled() const { return h_->hrtf; }
const AudioOutput::Handles& AudioOutput::handles() const { return *h_; }

Status AudioOutput::setMasterGain(float gain) {
  ThreadContext current(h_->context.get());
  return PS_AL_CHECK(alListenerf(AL_GAIN, gain));
}

float AudioOutput::masterGain() const {
  ThreadContext current(h_->context.get());
  ALfloat gain = 1.0f;
  alGetListenerf(AL_GAIN, &gain);
  return gain;
}

void AudioOutput::render(std::span<float> out) {
  if (!h_->loopback) throw std::logic_error("AudioOutput::render: not a loopback device");
  alcRenderSamplesSOFT(h_->device.get(), out.data(), static_cast<ALCsizei>(out.size() / 2));
  if (Status st = alcChecked(h_->device.get(), "alcRenderSamplesSOFT"); !st) throw std::runtime_error(st.error().message());
}

}  // namespace ps::media
