#pragma once
// The playback controller the player loop drives: play, pause, rate, a loop
// region, frame steps and exact seeks over one video (and its soundtrack),
// paced by the master clock.
//
// Requests (play, seek, step, ...) are recorded and take effect at the next
// update(), merged: of many seeks in one pass only the last is decoded, steps
// add up, so a fast scrub never piles up decode work. update() never waits
// for decoding (unless asked to, for offline rendering and tests); while a
// seek lands it keeps showing the previous frame and holds the clock.
//
// Prefetch both ways: the decoder keeps decodeAhead frames ready after the
// playhead, and the last keepBehind frames shown are kept, so a step either
// way costs nothing within them; a step back beyond them is one exact seek
// (of the nominal frame duration: exact for constant frame rate).
// Memory: (decodeAhead + keepBehind + 2) decoded pictures plus the audio
// queue; nothing grows with time.
//
// One thread: the player loop. Not copyable or movable (the decode and audio
// threads refer to it).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "media/audio_player.h"
#include "media/decoded_frame.h"
#include "media/master_clock.h"
#include "media/playback_decoder.h"
#include "media/video_source.h"
#include "scenes/result.h"

namespace ps::media {

struct PlayerOptions {
  std::size_t decodeAhead = 8;  // frames decoded ahead of the playhead (the decoder's queue)
  std::size_t keepBehind = 16;  // frames shown and kept for stepping back
};

struct LoopRegion {
  double inSeconds = 0.0;   // shot seconds, first presented
  double outSeconds = 0.0;  // shot seconds, exclusive: reaching it wraps to inSeconds
};

struct PlayerState {
  bool playing = false;          // play is in effect (also while a seek lands)
  double rate = 1.0;             // speed factor, 0.25..2
  double positionSeconds = 0.0;  // shot seconds presented at the display time given to update()
  std::int64_t frameIndex = -1;  // display index of the frame shown; -1 before the first arrives
  bool seeking = false;          // a seek is being decoded; the frame shown is the one before it
  bool atEnd = false;            // stopped on the last frame (no loop region)
  std::optional<LoopRegion> loop;
  std::uint64_t loopWraps = 0;   // times playback went from out back to in
  ClockMaster clock = ClockMaster::Monotonic;
  std::optional<Error> error;    // the latest decode error; playback carries on where it can
};

struct PlayerFrame {
  // The frame to show now; null before the first frame. Owned by the player,
  // valid until the next update(); clone() it to keep it longer.
  const DecodedFrame* frame = nullptr;
  PlayerState state;
};

class Player {
 public:
  static constexpr double kMinRate = 0.25;
  static constexpr double kMaxRate = 2.0;

  // audio may be null (no soundtrack, no device): the clock is then monotonic.
  // Starts paused on the first frame.
  Player(VideoSource video, std::unique_ptr<AudioPlayer> audio, PlayerOptions options = {});
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  const StreamInfo& info() const { return decoder_.info(); }
  AudioPlayer* audio() { return audio_.get(); }  // for the head orientation; may be null

  // Requests, applied at the next update().
  void play();
  void pause();
  // Pauses at once, as of `at` (TimeSource seconds: the display time of the last frame
  // shown): the shot time presented at `at` holds whatever time the next update() is given,
  // and the soundtrack stops now. For a display that stops taking frames (hidden, or its
  // runtime lost), where the next update() may come seconds later; play() then resumes from
  // the same shot time.
  void pause(double at);
  void togglePlay();
  void setRate(double rate);  // clamped to [kMinRate, kMaxRate]
  void setLoop(LoopRegion region);
  void clearLoop();
  void seek(double shotSeconds);  // the frame whose interval holds t; replaces earlier seeks and steps
  void step(int frames);          // +1 next frame, -1 previous; pauses

  // The player loop's call, once per displayed frame. displayTime: when the
  // frame will be seen, in seconds of the TimeSource the audio clock uses
  // (now, or a predicted display time). Never waits.
  PlayerFrame update(double displayTime);
  // The same, but waits up to decodeWait for each frame it needs, so what it
  // returns is exactly what the clock asks for: offline rendering and tests.
  PlayerFrame update(double displayTime, std::chrono::milliseconds decodeWait);

  // Seek requests the decoder has been given and the targets it decoded.
  PlaybackDecoder::SeekCounts decoderSeekCounts() const { return decoder_.seekCounts(); }

 private:
  struct Requests {
    std::optional<bool> play;
    std::optional<double> rate;
    std::optional<std::optional<LoopRegion>> loop;
    std::optional<double> seekTo;  // shot seconds
    int steps = 0;                 // frames; applied after seekTo lands
  };

  void applyControls(double at);
  void startSeek(double shotSeconds, double at);
  void land(double at);
  void applySteps(double at);
  void advance(double position, double at);
  void showHeldPosition(double at);  // after a pause: the frame shown is the one of the held position
  bool pullFrame();  // appends the decoder's next frame to window_; false when none (yet)
  void syncClockAndAudio(double at);
  double nominalFrameSeconds() const;
  const DecodedFrame* shown() const;

  PlaybackDecoder decoder_;
  std::unique_ptr<AudioPlayer> audio_;
  const PlayerOptions options_;
  MasterClock clock_;
  Requests pending_;

  std::deque<DecodedFrame> window_;  // consecutive frames in display order around the playhead
  std::size_t cursor_ = 0;           // the shown frame's place in window_
  bool endOfStream_ = false;         // nothing follows window_.back()
  std::optional<DecodedFrame> held_; // shown while a seek lands (window_ was flushed)
  std::optional<double> landing_;    // shot seconds of the seek being decoded

  bool playing_ = false;
  bool audioPlaying_ = false;
  double rate_ = 1.0;
  std::optional<LoopRegion> loop_;
  std::uint64_t wraps_ = 0;
  bool atEnd_ = false;
  std::optional<Error> error_;
  std::chrono::milliseconds decodeWait_{0};  // of the current update()
};

}  // namespace ps::media
