#pragma once
// A live feed's past, played like a file: what its ring kept (live_ring.h) opened as one
// recording in a Player of its own, frame-exact. Times are the feed's seconds throughout.
//
// A move (a seek, a step) inside the recording open now is that player's; one past its end, or
// playing into its end, opens the ring's newer recording. Opening runs on a thread of its own:
// meanwhile the picture shown stays (the held live one, or the past's last), and the state says
// seeking. A seek at or past the newest live picture is not the past's: the caller goes live.
// Where the ring kept the feed's sound, the past plays it, on the live sound's output, and its
// sound is then the past's clock, as a recorded shot's soundtrack is.
//
// One thread: the player loop's.
#include <chrono>
#include <future>
#include <memory>
#include <optional>

#include "media/audio_source.h"
#include "media/live_feed.h"
#include "media/live_sound.h"
#include "media/player.h"
#include "media/video_source.h"
#include "scenes/result.h"

namespace ps::media {

class LiveRewind {
 public:
  // What the player was asked this pass, on the feed's seconds.
  struct Requests {
    std::optional<double> seekTo;
    int steps = 0;
    bool playing = false;
    std::optional<double> rate;
    std::optional<std::optional<LoopRegion>> loop;  // set or cleared
  };

  // Starts at feed seconds `target` (clamped to what is kept). Empty with the reason when the
  // ring has kept nothing yet. sound: where the live sound plays, and so the past's (kept with
  // it where the feed's sound is read); null: the past plays silent.
  static Result<std::unique_ptr<LiveRewind>> start(LiveFeed& feed, double target, double frameSeconds,
                                                   PlayerOptions options, const LiveSound* sound);
  ~LiveRewind();
  LiveRewind(const LiveRewind&) = delete;
  LiveRewind& operator=(const LiveRewind&) = delete;

  // One pass at display time `at`. held: the picture to show while nothing of the past is
  // decoded yet. decodeWait: as Player::update's.
  PlayerFrame update(double at, const Requests& r, const DecodedFrame* held, std::chrono::milliseconds decodeWait);
  // Pauses the past at once, as Player::pause(at) does; the next update's requests follow.
  void pause(double at) {
    if (player_) player_->pause(at);
  }
  // The latest update played into the end of what is kept, with nothing newer: the past has
  // caught up with the live picture (a rate above 1 does).
  bool caughtUp() const { return caughtUp_; }

 private:
  LiveRewind(LiveFeed& feed, double frameSeconds, PlayerOptions options, const LiveSound* sound);
  // Opens the ring's newest recording, to land on `target` once open.
  Status reopen(double target);
  void adopt(std::chrono::milliseconds wait);  // the recording opening, once it is open
  double clampToKept(double target) const;
  double clampTo(double target, double start, double end) const;

  LiveFeed& feed_;
  const LiveSound* sound_;
  const double frameSeconds_;
  const PlayerOptions options_;

  LiveRecording recording_;        // what player_ plays
  std::unique_ptr<Player> player_;  // null until the first recording opens
  double playerStart_ = 0;         // feed seconds of player_'s time 0
  double playerEnd_ = 0;           // feed seconds where player_'s recording ends
  struct Opened {
    LiveRecording recording;
    VideoSource video;
    std::optional<AudioSource> sound;  // where it was kept and asked for
  };
  struct Opening {
    // The ring's list written and opened, both off the player loop.
    std::future<Result<Opened>> opened;
    LiveSpan span;  // what was kept when it was asked for
    double target = 0;
  };
  std::optional<Opening> opening_;
  bool playing_ = false;
  bool atEnd_ = false;     // player_ stopped at its recording's end
  bool caughtUp_ = false;
  double rate_ = 1.0;
  std::optional<LoopRegion> loop_;
  const DecodedFrame* lastShown_ = nullptr;  // player_'s (valid until its next update), or heldCopy_
  std::optional<DecodedFrame> heldCopy_;     // the last picture of a recording replaced
  double lastPosition_ = 0;
  std::optional<Error> error_;
  bool soundRefusalSaid_ = false;
};

}  // namespace ps::media
