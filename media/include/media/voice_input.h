#pragma once
// A voice coming in: a microphone (voice_capture.h), a file standing in for one
// (voice_file_input.h), or whatever a test feeds. Mono 16-bit samples at the input's rate,
// polled from the caller's loop (never blocking), each chunk stamped with when its first sample
// was heard on the caller's clock (the `now` handed in: a display's time, a SteppedTimeSource's).
// For a marker's voice note, a director's spoken walkthrough, anything that records speech.
// Thread: one at a time (the caller's loop).
#include <cstdint>
#include <string>
#include <vector>

#include "scenes/result.h"

namespace ps::media {

struct VoiceChunk {
  // Seconds on the caller's clock: when the first of `samples` was heard. Counted from start()
  // at the input's rate (the device's clock is not corrected against the caller's).
  double firstSampleSeconds = 0;
  std::vector<std::int16_t> samples;  // mono
};

class VoiceInput {
 public:
  virtual ~VoiceInput() = default;
  virtual int sampleRate() const = 0;  // Hz
  // What it is, for the log: the capture device's name, the file's path.
  virtual std::string name() const = 0;
  // Starts hearing at `nowSeconds` (the caller's clock); a start while started starts afresh,
  // dropping what was not taken.
  virtual Status start(double nowSeconds) = 0;
  // What was heard since the start or the last take, up to `nowSeconds`; empty samples when
  // nothing new. Fails when the device does (unplugged).
  virtual Result<VoiceChunk> take(double nowSeconds) = 0;
  // Stops hearing; what was not taken is dropped. Harmless when not started.
  virtual void stop() = 0;
};

// A whole recording: what a VoiceInput heard from start to stop.
struct VoiceTake {
  int sampleRate = 0;              // Hz
  double firstSampleSeconds = 0;   // on the caller's clock
  std::vector<std::int16_t> samples;  // mono
  double seconds() const { return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0.0; }
};

// Records a take from an input polled once per loop pass. Thread: the caller's loop.
class VoiceRecorder {
 public:
  explicit VoiceRecorder(VoiceInput& input) : input_(input) {}  // input must outlive it
  Status start(double nowSeconds);
  // What arrived since the last poll, added to the take; stops the take on a failure.
  Status poll(double nowSeconds);
  // The take so far, with what arrived up to `nowSeconds`; the input stops.
  Result<VoiceTake> stop(double nowSeconds);
  bool recording() const { return recording_; }
  const VoiceTake& take() const { return take_; }

 private:
  VoiceInput& input_;
  bool recording_ = false;
  VoiceTake take_;
};

}  // namespace ps::media
