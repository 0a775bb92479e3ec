#include "media/voice_capture.h"

#include <spdlog/fmt/fmt.h>

#include "al_check.h"
#include "log.h"

namespace ps::media {

namespace {

struct CaptureDeleter {
  void operator()(ALCdevice* d) const { alcCaptureCloseDevice(d); }
};
using CaptureDevicePtr = std::unique_ptr<ALCdevice, CaptureDeleter>;

class Microphone final : public VoiceInput {
 public:
  Microphone(CaptureDevicePtr device, int sampleRate, std::string name)
      : device_(std::move(device)), rate_(sampleRate), name_(std::move(name)) {}
  ~Microphone() override { stop(); }
  Microphone(const Microphone&) = delete;
  Microphone& operator=(const Microphone&) = delete;

  int sampleRate() const override { return rate_; }
  std::string name() const override { return name_; }

  Status start(double nowSeconds) override {
    stop();
    alcCaptureStart(device_.get());
    if (Status s = alcChecked(device_.get(), "alcCaptureStart"); !s) return s;
    started_ = true;
    // What the device held from before is not this recording's.
    if (Result<VoiceChunk> stale = take(nowSeconds); !stale) return stale.error();
    startSeconds_ = nowSeconds;
    heard_ = 0;
    return ok();
  }

  Result<VoiceChunk> take(double) override {
    VoiceChunk chunk;
    chunk.firstSampleSeconds = startSeconds_ + static_cast<double>(heard_) / rate_;
    if (!started_) return chunk;
    ALCint available = 0;
    alcGetIntegerv(device_.get(), ALC_CAPTURE_SAMPLES, 1, &available);
    if (Status s = alcChecked(device_.get(), "alcGetIntegerv(ALC_CAPTURE_SAMPLES)"); !s) return s.error();
    if (available <= 0) return chunk;
    chunk.samples.resize(static_cast<std::size_t>(available));
    alcCaptureSamples(device_.get(), chunk.samples.data(), available);
    if (Status s = alcChecked(device_.get(), "alcCaptureSamples"); !s) return s.error();
    heard_ += chunk.samples.size();
    return chunk;
  }

  void stop() override {
    if (!started_) return;
    started_ = false;
    alcCaptureStop(device_.get());
    static_cast<void>(alcChecked(device_.get(), "alcCaptureStop"));  // logged; nothing else to do
  }

 private:
  CaptureDevicePtr device_;
  int rate_;
  std::string name_;
  bool started_ = false;
  double startSeconds_ = 0;
  std::size_t heard_ = 0;  // samples taken since the start
};

}  // namespace

Result<std::unique_ptr<VoiceInput>> openMicrophone(int sampleRate) {
  if (sampleRate <= 0) return Error{"microphone", "a sample rate above 0 is needed", ""};
  // A few seconds of room: the loop polls every frame, and a stall of a second loses nothing.
  const ALCsizei buffer = sampleRate * 4;
  static_cast<void>(alcGetError(nullptr));
  CaptureDevicePtr device(alcCaptureOpenDevice(nullptr, static_cast<ALCuint>(sampleRate), AL_FORMAT_MONO16, buffer));
  if (!device) {
    const ALCenum e = alcGetError(nullptr);
    return Error{"no microphone",
                 fmt::format("alcCaptureOpenDevice(default device, {} Hz, mono 16-bit) failed{}", sampleRate,
                             e == ALC_NO_ERROR ? "" : ": " + alcErrorName(e)),
                 "connect one, or give --voice-input FILE to record from a sound file"};
  }
  const ALCchar* specifier = alcGetString(device.get(), ALC_CAPTURE_DEVICE_SPECIFIER);
  if (Status s = alcChecked(device.get(), "alcGetString(ALC_CAPTURE_DEVICE_SPECIFIER)"); !s) return s.error();
  std::string name = specifier != nullptr ? specifier : "the default capture device";
  log().info("microphone: {} at {} Hz", name, sampleRate);
  return std::unique_ptr<VoiceInput>(std::make_unique<Microphone>(std::move(device), sampleRate, std::move(name)));
}

}  // namespace ps::media
