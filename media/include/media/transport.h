#pragma once
// The transport: the one clock of a shot and the requests that move it (play,
// pause, rate, a loop region, frame steps, seeks), for every track that
// follows it (the plate, the film clip, later timed layers). It knows no video:
// a track maps the transport's shot time to its own media time (track_timing.h).
//
// Requests are recorded and take effect at the next pass, merged: of many
// seeks in one pass only the last counts, steps add up, a seek drops the steps
// before it. Shot time runs over the shot's own range, in..out; steps are shot
// frames at the range's frame rate.
//
// Time is given, never read: every call that acts at a moment takes it, in
// seconds of the TimeSource the display times come from (time_source.h), so
// tests step time instead of sleeping. Where a soundtrack plays, the clock
// follows the audio device (master_clock.h).
//
// Two ways to drive it:
// - update(at): the whole pass for tracks that only follow time; steps move by
//   shot frames and playback stops at the range's out.
// - a lead track that decides frames itself (the plate: exact frames, the end
//   of its stream) takes the requests with takeControls()/steps(), resolves
//   them, and moves the clock with jump(), hold(), stopAtEnd() (media::Player).
//
// One thread (the player loop).
#include <cstdint>
#include <optional>

#include "media/master_clock.h"
#include "scenes/rational.h"

namespace ps::media {

struct LoopRegion {
  double inSeconds = 0.0;   // shot seconds, first presented
  double outSeconds = 0.0;  // shot seconds, exclusive: reaching it wraps to inSeconds
};

// The shot's own range and frame rate.
struct ShotRange {
  double inSeconds = 0.0;             // shot seconds where the shot starts
  std::optional<double> outSeconds;   // exclusive; absent: open (a lead track says where it ends)
  Rational fps{30, 1};                // shot frames, for steps
};

struct TransportState {
  bool playing = false;          // play is in effect (also while held)
  bool held = false;             // a track is not ready (a seek lands): the clock holds
  double rate = 1.0;             // speed factor
  double positionSeconds = 0.0;  // shot seconds presented at the time given
  bool atEnd = false;            // stopped at the end of the range (no loop region)
  std::optional<LoopRegion> loop;
  std::uint64_t loopWraps = 0;   // times playback went from out back to in
  ClockMaster clock = ClockMaster::Monotonic;
};

class Transport {
 public:
  static constexpr double kMinRate = 0.25;
  static constexpr double kMaxRate = 2.0;

  // audio may be null (no soundtrack); it must outlive the transport otherwise.
  // Starts paused at range.inSeconds.
  explicit Transport(ShotRange range = {}, const AudioClock* audio = nullptr);
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  const ShotRange& range() const { return range_; }
  double frameSeconds() const;  // one shot frame

  // Requests, applied at the next pass.
  void play() { pending_.play = true; }
  void pause() { pending_.play = false; }
  // Pauses at once, as of `at`: the shot time presented at `at` holds whatever time the next
  // pass is given (a display that stops taking frames); play() resumes from it.
  void pause(double at);
  void togglePlay() { pending_.play = !pending_.play.value_or(playing_); }
  void setRate(double rate);  // clamped to [kMinRate, kMaxRate]
  void setLoop(LoopRegion region) { pending_.loop = region; }
  void clearLoop() { pending_.loop = std::optional<LoopRegion>(); }
  void seek(double shotSeconds);  // replaces earlier seeks and steps
  void step(int frames);          // +1 next shot frame, -1 previous; pauses

  // The whole pass at `at` for tracks that follow time only: controls, the seek, the
  // steps (to shot frame starts inside the range), the loop wrap and the range's end.
  TransportState update(double at);

  // --- for a lead track that resolves seeks and steps itself (in this order each pass) ---
  struct Controls {
    std::optional<double> rate;    // the rate changed to this (for the soundtrack)
    std::optional<double> seekTo;  // the merged seek to resolve (shot seconds; a play at the end asks for one)
  };
  // Applies play, rate and the loop region at `at` and hands out the merged seek.
  Controls takeControls(double at);
  // Pending frame steps, and what is left of them after a pass (the rest waits).
  int steps() const { return pending_.steps; }
  void keepSteps(int frames) { pending_.steps = frames; }
  // Presents shotSeconds at `at` (a landed seek, a step), running or not as before.
  void jump(double shotSeconds, double at);
  // While held the clock stands still (a seek lands); play stays in effect.
  void hold(bool held, double at);
  // The lead track ran out: stop, at the end.
  void stopAtEnd(double at);
  void countWrap() { ++wraps_; }
  // Where a loop wraps the shot time `position` to, if playing reached the loop's out.
  std::optional<double> loopWrapTarget(double position) const;
  // The shot time inside the range nearest to shotSeconds: from in to the start of the last
  // shot frame before out.
  double clampToRange(double shotSeconds) const;
  // The start of the last shot frame before out (infinity when the range is open).
  double lastFrameStart() const;

  // Shot seconds presented at `at`. Not const: re-anchors on the audio clock.
  double position(double at) { return clock_.position(at); }
  bool playing() const { return playing_; }
  bool running() const { return playing_ && !held_; }  // the clock advances (and the soundtrack plays)
  double rate() const { return rate_; }
  bool atEnd() const { return atEnd_; }
  const std::optional<LoopRegion>& loop() const { return loop_; }
  std::uint64_t loopWraps() const { return wraps_; }
  ClockMaster master() const { return clock_.master(); }
  // The state at `at` (reads the position).
  TransportState state(double at);

 private:
  struct Requests {
    std::optional<bool> play;
    std::optional<double> rate;
    std::optional<std::optional<LoopRegion>> loop;
    std::optional<double> seekTo;  // shot seconds
    int steps = 0;                 // shot frames; applied after seekTo
  };

  void sync(double at);  // runs or stops the clock as playing and held say

  ShotRange range_;
  MasterClock clock_;
  Requests pending_;
  bool playing_ = false;
  bool held_ = false;
  bool atEnd_ = false;
  double rate_ = 1.0;
  std::optional<LoopRegion> loop_;
  std::uint64_t wraps_ = 0;
};

}  // namespace ps::media
