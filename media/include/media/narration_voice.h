#pragma once
// One narration clip as a point source: decoded whole to mono at open (clips
// are short: a minute is 11 MB at 48 kHz), so starting it in the frame loop
// never waits on disk or decode. Played once from a position in stage space,
// attenuated with distance (inverse, clamped at the reference distance) and
// rendered through the output's HRTF when it has one.
// Move-only; the output must outlive it. Any thread, one at a time.
#include <memory>
#include <string>

#include "media/audio_output.h"
#include "scenes/result.h"
#include "scenes/space.h"

namespace ps::media {

struct VoiceOptions {
  float referenceDistanceM = 1.0f;  // full level up to here; half at twice as far
  float gain = 1.0f;                // linear
};

class NarrationVoice {
 public:
  // Decodes the best audio stream of path; several channels are averaged to
  // mono (OpenAL positions mono sources only). Errors name the file.
  static Result<NarrationVoice> open(AudioOutput& output, const std::string& path, VoiceOptions options = {});

  NarrationVoice(NarrationVoice&&) noexcept;
  NarrationVoice& operator=(NarrationVoice&&) noexcept;
  NarrationVoice(const NarrationVoice&) = delete;
  NarrationVoice& operator=(const NarrationVoice&) = delete;
  ~NarrationVoice();

  double durationSeconds() const;
  Status setPosition(const scenes::Vec3& position);  // metres, stage space
  Status play();   // from the start, also when already playing
  Status playFrom(double clipSeconds);  // from that far into the clip (clamped to it)
  Status stop();
  bool playing() const;     // false once the clip has been mixed to its end
  double offsetSeconds() const;  // clip seconds mixed so far; 0 when stopped

 private:
  struct State;
  explicit NarrationVoice(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace ps::media
