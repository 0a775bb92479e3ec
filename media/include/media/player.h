#pragma once
// The plate track and its soundtrack, following a Transport: what the player
// loop drives. The transport (transport.h) holds the clock and the merged
// play, pause, rate, loop, step and seek requests; the player resolves them
// over one video: exact seeks, steps over its decoded frames, the end of its
// stream, and the soundtrack, which is the transport's master clock while it
// sounds. Other tracks (the film clip) follow the same transport().
//
// Requests (play, seek, step, ...) take effect at the next update(), merged:
// of many seeks in one pass only the last is decoded, steps add up, so a fast
// scrub never piles up decode work. update() never waits for decoding (unless
// asked to, for offline rendering and tests); while a seek lands it keeps
// showing the previous frame and holds the clock.
//
// Prefetch both ways: the decoder keeps decodeAhead frames ready after the
// playhead, and the last keepBehind frames shown are kept, so a step either
// way costs nothing within them; a step back beyond them is one exact seek
// (of the nominal frame duration: exact for constant frame rate).
// Memory: (decodeAhead + keepBehind + 2) decoded pictures plus the audio
// queue; nothing grows with time.
//
// The transport runs over the shot's range (PlateOnShot::range: timeline.in..out,
// steps in shot frames at the timeline's rate); the plate is a track on it, placed by
// its start and offset (track_timing.h; a perfectshot/1 plate by default starts at shot
// time 0 with its media time 0, and then shot time is its media time). Seeks, steps,
// the loop and the end resolve through that mapping. Outside the plate (before its
// start, after its last frame) there is no picture: update() returns no frame and says
// where the plate is; the clock runs on over the shot's range and the soundtrack is
// silent. Before the plate, its first frame is decoded ahead, so playing into it shows
// it on time.
//
// Steps are shot frames. Where the plate has the shot's frame rate each step is one
// decoded frame (exact, and free within the kept frames); at another rate a step goes
// to the start of the next shot frame and shows the plate frame there.
//
// A shot without a plate (only sets) has a player too: the transport alone over the shot's
// range, never a picture; the loop, the end and the steps are the transport's own.
//
// One thread: the player loop. Not copyable or movable (the decode and audio
// threads refer to it).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "media/audio_player.h"
#include "media/decoded_frame.h"
#include "media/live_feed.h"
#include "media/live_sound.h"
#include "media/master_clock.h"
#include "media/playback_decoder.h"
#include "media/track_timing.h"
#include "media/transport.h"
#include "media/video_source.h"
#include "scenes/result.h"

namespace ps::media {

class LiveRewind;

struct PlayerOptions {
  std::size_t decodeAhead = 8;  // frames decoded ahead of the playhead (the decoder's queue)
  std::size_t keepBehind = 16;  // frames shown and kept for stepping back
};

// The shot the plate plays in, and where the plate lies on its time.
struct PlateOnShot {
  // The shot's range and frame rate. Absent: the plate's own (from its start to its end,
  // at its frame rate). An absent out ends the shot with the plate.
  std::optional<ShotRange> range;
  // The shot time of the plate's start, and its own media time shown there (>= 0). It
  // runs at rate 1.
  double startSeconds = 0.0;
  double offsetSeconds = 0.0;
};

struct PlayerState {
  bool playing = false;          // play is in effect (also while a seek lands)
  double rate = 1.0;             // speed factor, 0.25..2
  double positionSeconds = 0.0;  // shot seconds presented at the display time given to update()
  std::int64_t frameIndex = -1;  // the plate's display index of the frame shown; -1: none (yet, or outside the plate)
  TrackPlace plate = TrackPlace::Inside;  // where the position lies on the plate: outside it, no picture
  bool seeking = false;          // a seek is being decoded; the frame shown is the one before it
  bool atEnd = false;            // stopped on the last frame (no loop region)
  std::optional<LoopRegion> loop;
  std::uint64_t loopWraps = 0;   // times playback went from out back to in
  ClockMaster clock = ClockMaster::Monotonic;
  std::optional<Error> error;    // the latest decode error; playback carries on where it can
};

struct PlayerFrame {
  // The plate's frame to show now; null before the first frame and outside the plate.
  // Owned by the player, valid until the next update(); clone() it to keep it longer.
  const DecodedFrame* frame = nullptr;
  PlayerState state;
};

class Player {
 public:
  static constexpr double kMinRate = Transport::kMinRate;
  static constexpr double kMaxRate = Transport::kMaxRate;

  // audio may be null (no soundtrack, no device): the clock is then monotonic.
  // Starts paused on the first frame.
  Player(VideoSource video, std::unique_ptr<AudioPlayer> audio, PlayerOptions options = {}, PlateOnShot shot = {});
  // No plate: the transport over range (its out must be set: nothing else ends it), no
  // picture, no soundtrack.
  explicit Player(ShotRange range);
  // A live feed (live_feed.h): each update shows the newest picture received, with its sound
  // kept in step (below); the clock is the feed's (positionSeconds: the picture's seconds from the feed's
  // first). Pause holds the picture shown, play returns to the newest. Starts playing.
  // Where the feed keeps a recording (LiveOptions::ring), a seek or a step moves into it: the
  // player shows the feed's past, frame-exact, plays on in it at any rate and loops in it, until
  // goLive(), a seek to the newest picture, or playing into the end of what is kept. Without one, seeks, steps, the rate and loops are
  // refused, said once in the log.
  // sound (live_sound.h, over the same feed) may be null: no sound. It follows each new live
  // picture shown, and is silent while paused; the past plays the sound kept with it.
  explicit Player(std::unique_ptr<LiveFeed> live, std::unique_ptr<LiveSound> sound = nullptr);
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  bool hasPlate() const { return decoder_.has_value() || live_ != nullptr; }
  // The live feed shown; null for a recorded plate or none.
  LiveFeed* live() const { return live_.get(); }
  // The live feed's sound; null: none played.
  const LiveSound* liveSound() const { return liveSound_.get(); }
  // The feed's newest picture taken, with when it arrived; null: none yet. While the past is
  // shown (rewound()), the one taken before it.
  const LiveFrame* liveShown() const { return liveShown_ ? &*liveShown_ : nullptr; }
  // A live feed's past is shown (a seek or a step moved into its recording).
  bool rewound() const { return rewind_ != nullptr; }
  // Back to the live picture at the next update, playing.
  void goLive() { goLive_ = true; }
  // The plate's stream; without a plate, an empty one (no size, no length, no frame rate).
  const StreamInfo& info() const;
  // Where the plate lies on shot time (its media end is the video's length, when known).
  const TrackTiming& plateTiming() const { return plate_; }
  AudioPlayer* audio() { return audio_.get(); }  // for the head orientation; may be null
  // The clock every other track follows. Its requests are the player's own (below).
  Transport& transport() { return transport_; }

  // Requests, applied at the next update().
  void play() { transport_.play(); }
  void pause() { transport_.pause(); }
  // Pauses at once, as of `at` (TimeSource seconds: the display time of the last frame
  // shown): the shot time presented at `at` holds whatever time the next update() is given,
  // and the soundtrack stops now. For a display that stops taking frames (hidden, or its
  // runtime lost), where the next update() may come seconds later; play() then resumes from
  // the same shot time.
  void pause(double at);
  void togglePlay() { transport_.togglePlay(); }
  void setRate(double rate) { transport_.setRate(rate); }  // clamped to [kMinRate, kMaxRate]
  void setLoop(LoopRegion region) { transport_.setLoop(region); }
  void clearLoop() { transport_.clearLoop(); }
  // The shot time t (clamped to the range), showing the plate frame whose interval holds
  // it; replaces earlier seeks and steps.
  void seek(double shotSeconds) { transport_.seek(shotSeconds); }
  void step(int frames) { transport_.step(frames); }  // +1 next shot frame, -1 previous; pauses

  // The player loop's call, once per displayed frame. displayTime: when the
  // frame will be seen, in seconds of the TimeSource the audio clock uses
  // (now, or a predicted display time). Never waits.
  PlayerFrame update(double displayTime);
  // The same, but waits up to decodeWait for each frame it needs, so what it
  // returns is exactly what the clock asks for: offline rendering and tests.
  PlayerFrame update(double displayTime, std::chrono::milliseconds decodeWait);

  // The next new picture of playing on: the decoded frame shown at a later displayTime (the
  // next display frame's), or where that is still the frame shown now, the one after it. The
  // player loop copies it while the display waits. Null when paused, landing a seek, outside
  // the plate, where a loop wraps first, or when it is not decoded yet. Waits for decoding only
  // as the last update() did (its decodeWait); takes the decoder's frames up to it; the state
  // and the clock stay as they are. Valid until the next update().
  const DecodedFrame* upcoming(double displayTime);

  // Seek requests the decoder has been given and the targets it decoded.
  PlaybackDecoder::SeekCounts decoderSeekCounts() const {
    return decoder_ ? decoder_->seekCounts() : PlaybackDecoder::SeekCounts{};
  }

 private:
  // The soundtrack's reading on shot time: it plays the plate's media time.
  class ShotAudioClock final : public AudioClock {
   public:
    ShotAudioClock(const AudioClock* audio, const TrackTiming& plate) : audio_(audio), plate_(plate) {}
    std::optional<AudioClockReading> reading() const override;

   private:
    const AudioClock* audio_;
    const TrackTiming& plate_;
  };

  void applyControls(double at);
  void seekShot(double shotSeconds, double at);  // resolves a seek: on the plate or outside it
  void startSeek(double shotSeconds, double mediaSeconds, double at);
  void leavePlate(TrackPlace place, double shotSeconds, double at);
  void land(double at);
  void applySteps(double at);
  void stepShotFrames(int frames, double at);  // to the start of a shot frame, through a seek
  void follow(double position, double at);     // playing: the plate's frame, its edges, the range's end
  void advance(double mediaSeconds, double at);
  void stopAtRangeEnd(double at);
  void showHeldPosition(double at);  // after a pause: the frame shown is the one of the held position
  bool pullFrame();  // appends the decoder's next frame to window_; false when none (yet)
  void syncClockAndAudio(double at);
  double nominalFrameSeconds() const;
  const DecodedFrame* shown() const;
  double shotOf(double mediaSeconds) const { return plate_.shotSeconds(mediaSeconds); }

  PlayerFrame updateWithoutPlate(double at);  // the transport's pass, no picture
  PlayerFrame updateLive(double at);          // the newest picture of the feed, or the one held

  std::unique_ptr<LiveFeed> live_;
  std::unique_ptr<LiveSound> liveSound_;  // after the feed it takes from: destroyed first
  std::optional<LiveFrame> liveShown_;  // the feed's picture shown
  bool liveRefusalSaid_ = false;
  std::unique_ptr<LiveRewind> rewind_;  // the feed's past shown; null: the live picture
  bool goLive_ = false;
  std::optional<std::string> rewindRefusal_;  // the latest reason a move into the past was refused
  std::optional<PlaybackDecoder> decoder_;  // absent: no plate
  std::unique_ptr<AudioPlayer> audio_;
  const PlayerOptions options_;
  const PlateOnShot shot_;
  const TrackTiming plate_;
  ShotAudioClock shotAudio_;  // reads audio_ through plate_
  Transport transport_;  // after shotAudio_: its clock reads the soundtrack
  // The plate's last frame ends the shot (no out, or an out within a shot frame of the plate's
  // end): playing past it stops or wraps there. Else the clock runs on without a picture.
  const bool rangeEndsWithPlate_;
  const bool stepsAreFrames_;  // the plate has the shot's frame rate: a step is a decoded frame

  std::optional<TrackPlace> outside_;  // the position lies outside the plate: no picture
  bool prerolled_ = false;             // the decoder was sent to the plate's start (before it)

  std::deque<DecodedFrame> window_;  // consecutive frames in display order around the playhead
  std::size_t cursor_ = 0;           // the shown frame's place in window_
  bool endOfStream_ = false;         // nothing follows window_.back()
  std::optional<DecodedFrame> held_; // shown while a seek lands (window_ was flushed)
  std::optional<double> landing_;    // shot seconds of the seek being decoded

  bool audioPlaying_ = false;
  std::optional<Error> error_;
  std::chrono::milliseconds decodeWait_{0};  // of the current update()
};

}  // namespace ps::media
