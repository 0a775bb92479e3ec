#pragma once
// The live feed's sound (LiveFeed::takeSound) through an OpenAL Soft source, kept on the
// picture shown. The picture is shown as soon as it decodes, so the sound is the one that moves:
// the player loop says which picture it shows and when (follow), and the sound is started in
// step with it, nudged in pitch as the clocks drift and started again in step when far off
// (live_sound_sync.h).
//
// Sound that arrives after its picture's time (a sender that sends it late, a muxer that packs it
// in large packets) cannot be in step without holding the picture back, which a live view never
// does: how late it comes is measured for a second before it first plays, and it plays that much
// late (said once; more than a second late, it is not played).
//
// Stereo, head-locked (direct channels): a camera's microphones are not a point in the scene.
// The output's gain (a venue's limit) applies.
//
// Threads: follow(), silence() and status() come from the player loop; the streaming side
// (pump(): take the feed's sound, unqueue what was played, measure, queue) runs on a thread of
// its own, or, with LiveSoundOptions::streamingThread false, wherever the caller calls it (tests
// drive it between loopback renders).
#include <cstdint>
#include <memory>
#include <optional>

#include "media/audio_output.h"
#include "media/live_feed.h"
#include "media/live_sound_sync.h"
#include "media/time_source.h"
#include "scenes/result.h"

namespace ps::media {

struct LiveSoundOptions {
  int buffers = 4;              // OpenAL buffers queued at most
  int bufferFrames = 960;       // sample frames per buffer (20 ms)
  bool streamingThread = true;  // false: the caller calls pump()
  LiveSoundSyncOptions sync;
};

struct LiveSoundStatus {
  bool sounding = false;                // the source plays
  std::optional<double> offsetSeconds;  // smoothed: heard minus the picture's time; > 0 early
  double pitch = 1.0;                   // the drift correction in force
  double lateSeconds = 0;               // played this much after its picture (it arrives late)
  std::uint64_t starts = 0;             // started in step (the first time, and each resync)
  std::uint64_t resyncs = 0;            // of the starts: found too far off while playing
  std::uint64_t underruns = 0;          // ran dry (no sound came: a stall, a feed without sound)
};

class LiveSound {
 public:
  // output, feed and time must outlive it; time is the one the display times given to follow()
  // are on. Silent until follow(). Fails when OpenAL refuses the source or its buffers.
  static Result<std::unique_ptr<LiveSound>> create(AudioOutput& output, LiveFeed& feed, const TimeSource& time,
                                                   LiveSoundOptions options = {});
  ~LiveSound();
  LiveSound(const LiveSound&) = delete;
  LiveSound& operator=(const LiveSound&) = delete;

  // The picture at feed time pictureSeconds is seen at displayTime, and the ones after it follow
  // at their own pace: the sound at pictureSeconds is to be heard then. Call it when a new
  // picture is shown.
  void follow(double pictureSeconds, double displayTime);
  // No sound (paused, or the feed's past shown): what is queued stops, and what arrives meanwhile
  // is dropped; follow() starts it again in step.
  void silence();
  LiveSoundStatus status() const;
  // Where the feed's past plays its own sound: the same output, on the same clock.
  AudioOutput& output() const;
  const TimeSource& time() const;

  // The streaming side; only without the streaming thread (else that thread calls it).
  void pump();

 private:
  struct State;
  explicit LiveSound(std::unique_ptr<State> state);
  void streamLoop();
  std::unique_ptr<State> s_;
};

}  // namespace ps::media
