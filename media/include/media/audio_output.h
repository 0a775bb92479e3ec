#pragma once
// An OpenAL Soft output: a device and its context. The system's default output
// for playback, or OpenAL Soft's loopback device (ALC_SOFT_loopback), which
// mixes only when asked, into the caller's buffer: deterministic, faster than
// real time, and needing no sound card (tests, offline rendering).
// Move-only. Any thread: each AL call made for it selects its context for the
// calling thread only (ALC_EXT_thread_local_context), so two outputs can live
// in one process.
#include <memory>
#include <span>

#include "scenes/result.h"

namespace ps::media {

class AudioOutput {
 public:
  // The default output device. Fails with a hint when there is none (CI, a
  // headless kiosk box without sound): the caller plays without sound.
  // Asks for HRTF where ALC_SOFT_HRTF is offered (a headset's headphones: the
  // narration comes from where its marker stands); logs whether it is on.
  static Result<AudioOutput> openDefault();
  // The loopback device: stereo 32-bit float at sampleRate (Hz); HRTF only when
  // asked (tests of spatial narration), so plain mixes stay exact.
  static Result<AudioOutput> openLoopback(int sampleRate, bool hrtf = false);

  AudioOutput(AudioOutput&&) noexcept;
  AudioOutput& operator=(AudioOutput&&) noexcept;
  AudioOutput(const AudioOutput&) = delete;
  AudioOutput& operator=(const AudioOutput&) = delete;
  ~AudioOutput();

  int sampleRate() const;  // Hz, of the mix
  bool isLoopback() const;
  bool hrtfEnabled() const;  // OpenAL Soft renders binaurally (ALC_HRTF_STATUS_SOFT)

  // The gain of everything this output plays (its listener's: soundtrack and narration alike),
  // linear, 0..1: a venue's volume limit, over the soundtrack's own gain and narration's ducking.
  Status setMasterGain(float gain);
  float masterGain() const;

  // Loopback only: mixes the next out.size() / 2 sample frames (stereo,
  // interleaved L R, float) and advances every playing source by as much.
  void render(std::span<float> out);

  // For AudioPlayer (media/src): the device and context behind this output.
  struct Handles;
  const Handles& handles() const;

 private:
  explicit AudioOutput(std::unique_ptr<Handles> h);
  std::unique_ptr<Handles> h_;
};

}  // namespace ps::media
