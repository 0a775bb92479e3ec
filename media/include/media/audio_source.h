#pragma once
// A soundtrack: the best audio stream of a file (the shot's video file or a
// separate one), demuxed, decoded and converted to interleaved 32-bit float
// on the caller's thread. One thread at a time; AudioPlayer runs one on its
// streaming side.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenes/result.h"

namespace ps::media {

// What the samples handed out are.
enum class AudioLayout {
  Stereo,  // 2 channels, L R. Mono is spread to both, 3+ channel beds downmixed.
  AmbiX,   // first-order ambisonics as in the file: 4 channels, ACN order (W Y Z X), SN3D
};

struct AudioOptions {
  // Container time (seconds) that is shot time 0. For a soundtrack in the
  // shot's video file: the first video frame's time (StreamInfo::startPts x
  // timeBase), so both streams share one time axis. 0 for a separate file.
  double originSeconds = 0.0;
  // Whether a 4-channel stream is AmbiX; the shot manifest says. When empty,
  // FFmpeg's ambisonic channel order says, and a 4-channel stream with no
  // channel layout is guessed to be AmbiX (logged).
  std::optional<bool> ambisonic;
  // FFmpeg's complaints while seeking go to the debug log: a live feed's kept segments (an
  // ffconcat list of NUT files) hold sound that starts a little after their first picture, and
  // NUT's search for a time before it says it failed before it lands.
  bool quietSeeks = false;
};

struct AudioInfo {
  std::string url;
  std::string codec;      // FFmpeg decoder name, e.g. "aac"
  int streamIndex = -1;   // in the container
  int sampleRate = 0;     // Hz; samples keep the stream's rate
  int channels = 0;       // per sample frame in the samples handed out: 2 or 4
  AudioLayout layout = AudioLayout::Stereo;
  bool layoutGuessed = false;     // AmbiX assumed from 4 unlabelled channels
  std::string sourceLayout;       // FFmpeg's description of the stream's channels, e.g. "5.1"
  int sourceChannels = 0;         // in the stream, before the conversion to `channels`
  double durationSeconds = 0.0;   // seconds; 0 when unknown
};

// Decoded samples, contiguous in time.
struct AudioBlock {
  std::int64_t firstFrame = 0;  // sample frames from shot time 0, at info().sampleRate
  std::vector<float> samples;   // interleaved, info().channels per sample frame
};

class AudioSource {
 public:
  // Opens the best audio stream of url. Errors name the file: missing, not
  // media, no audio stream, no decoder.
  static Result<AudioSource> open(const std::string& url, const AudioOptions& options = {});

  AudioSource(AudioSource&&) noexcept;
  AudioSource& operator=(AudioSource&&) noexcept;
  AudioSource(const AudioSource&) = delete;
  AudioSource& operator=(const AudioSource&) = delete;
  ~AudioSource();

  const AudioInfo& info() const;

  // The next decoded samples; std::nullopt at the end. After seek(t) the first
  // block starts exactly at sample frame round(t x sampleRate) (or later, when
  // the stream starts after t: the caller fills the gap with silence).
  Result<std::optional<AudioBlock>> next();

  // Positions the stream so the next block starts at shot time t (seconds).
  Status seek(double seconds);

 private:
  struct State;
  explicit AudioSource(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace ps::media
