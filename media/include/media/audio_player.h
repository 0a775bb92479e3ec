#pragma once
// The soundtrack, streamed through an OpenAL Soft source from an AudioSource,
// and the audio clock (what the device has actually played).
//
// Formats: stereo (mono spread, larger beds downmixed by the source) played
// head-locked on direct channels; first-order AmbiX converted to the FuMa
// B-Format OpenAL Soft 1.19 expects (AL_FORMAT_BFORMAT3D_FLOAT32) and kept
// world-fixed: the head pose sets the LISTENER orientation, the B-Format
// source keeps its default orientation, so turning the head turns the sound
// field the other way, as in the room.
// Rates other than 1x are resampled (AL_PITCH: pitch follows speed, like
// tape), so the audio clock stays the master at every rate.
//
// Threads: the control calls and reading() come from the player loop; the
// streaming side (pump(): unqueue played buffers, decode, queue) runs on the
// player's own thread, or, when AudioPlayerOptions::streamingThread is false,
// wherever the caller calls pump() (tests drive it between loopback renders).
// Decoding never happens under the lock the player loop takes.
#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "media/audio_output.h"
#include "media/audio_source.h"
#include "media/master_clock.h"
#include "media/time_source.h"
#include "scenes/result.h"

namespace ps::media {

struct AudioPlayerOptions {
  int buffers = 4;             // OpenAL buffers queued at most: the audio latency bound
  int bufferFrames = 1024;     // sample frames per buffer (21 ms at 48 kHz)
  bool streamingThread = true; // false: the caller calls pump()
};

// The head's orientation in the stage space (right-handed, +Y up, -Z forward):
// unit vectors.
struct HeadOrientation {
  std::array<float, 3> forward{0.0f, 0.0f, -1.0f};
  std::array<float, 3> up{0.0f, 1.0f, 0.0f};
};

class AudioPlayer final : public AudioClock {
 public:
  // output and time must outlive the player. Paused at shot time 0 until
  // seek/play. Fails when OpenAL refuses the source or buffers.
  static Result<std::unique_ptr<AudioPlayer>> create(AudioOutput& output, AudioSource source,
                                                     const TimeSource& time, AudioPlayerOptions options = {});
  ~AudioPlayer() override;
  AudioPlayer(const AudioPlayer&) = delete;
  AudioPlayer& operator=(const AudioPlayer&) = delete;

  const AudioInfo& info() const { return info_; }

  // Player loop thread; none of these waits for decoding.
  // Flushes what is queued; the next sample heard is frame round(t x rate) of
  // the soundtrack (shot seconds). Keeps playing or paused as before; while
  // playing, sound starts once the buffers are primed again.
  void seek(double shotSeconds);
  void play();
  void pause();
  void setRate(double rate);  // speed factor; 1 = normal
  void setHeadOrientation(const HeadOrientation& head);
  // Linear gain of the soundtrack (1 = as mixed); narration ducks it. OpenAL Soft
  // ramps a change over one mix update; callers step it in small increments.
  void setGain(float gain);

  // The shot time heard now; empty unless sound is coming out.
  std::optional<AudioClockReading> reading() const override;

  // Streaming side: unqueues what was played, decodes and queues up to the
  // buffer count, starts the source once primed. Only without the streaming
  // thread (else that thread calls it).
  void pump();

 private:
  struct Chunk {
    std::vector<float> samples;  // interleaved, in the format OpenAL is given
    int frames = 0;
  };
  AudioPlayer(AudioOutput& output, AudioSource source, const TimeSource& time, AudioPlayerOptions options);
  Status init();
  void streamLoop();
  // Pump-side helpers: fill one buffer's worth of samples starting at frame `at`.
  std::optional<Chunk> decodeChunk(std::int64_t& at);
  void startIfPrimed(bool afterUnqueue);  // mutex_ held

  const AudioOutput::Handles& out_;
  AudioSource source_;  // pump side only
  const AudioInfo info_;
  const TimeSource& time_;
  const AudioPlayerOptions options_;

  // Pump side only: decoded samples not yet in a buffer.
  std::vector<float> leftover_;
  std::int64_t leftoverFrame_ = 0;  // sample frame (from shot 0) of leftover_'s first sample
  bool sourceEnded_ = false;

  mutable std::mutex mutex_;  // AL calls on the source and everything below
  std::condition_variable wake_;
  unsigned source_id_ = 0;              // ALuint
  std::vector<unsigned> bufferIds_;     // ALuint, all of them
  std::deque<unsigned> freeBuffers_;
  std::deque<int> queuedFrames_;        // sample frames in each queued buffer, oldest first
  std::uint64_t generation_ = 0;        // bumped by each seek; stale decodes are dropped
  std::optional<double> seekTo_;        // shot seconds; for the pump
  std::int64_t playedFrames_ = 0;       // sample frames of the segment unqueued as played
  std::int64_t segmentStart_ = 0;       // sample frame (from shot 0) of the segment's first sample
  std::int64_t nextQueueFrame_ = 0;     // sample frame the next buffer starts at
  bool ended_ = false;                  // the source has nothing more after the queue
  bool wantPlaying_ = false;
  double rate_ = 1.0;
  bool stop_ = false;
  std::thread thread_;  // last
};

}  // namespace ps::media
