#include "media/player.h"

#include <algorithm>
#include <cmath>

#include "live_rewind.h"
#include "log.h"

namespace ps::media {

namespace {

// A live feed's clock steps in its own frames (30 fps where it does not say).
Rational liveRate(const StreamInfo& info) { return info.frameRate.valid() ? info.frameRate : Rational{30, 1}; }

// A seek to a frame's start computed on shot time may land a rounding error before it.
constexpr double kNudgeSeconds = 1e-6;

double endSeconds(const DecodedFrame& f) {
  return f.seconds + static_cast<double>(f.duration) * f.timeBase.toDouble();
}

TrackTiming timingOf(const PlateOnShot& o, const StreamInfo& info) {
  TrackTiming t;
  t.startSeconds = o.startSeconds;
  t.offsetSeconds = std::max(o.offsetSeconds, 0.0);
  t.rate = 1.0;
  if (info.durationSeconds > 0) t.mediaEndSeconds = info.durationSeconds;
  return t;
}

ShotRange shotRange(const PlateOnShot& o, const StreamInfo& info, const TrackTiming& plate) {
  ShotRange r;
  if (o.range) {
    r = *o.range;
  } else {
    r.inSeconds = std::max(plate.startSeconds, 0.0);
    if (info.frameRate.valid()) r.fps = info.frameRate;
  }
  if (!r.outSeconds) r.outSeconds = plate.endShotSeconds();
  return r;
}

bool sameRate(Rational a, Rational b) {
  return a.valid() && b.valid() && std::abs(a.toDouble() - b.toDouble()) < 1e-9 * a.toDouble();
}

}  // namespace

std::optional<AudioClockReading> Player::ShotAudioClock::reading() const {
  std::optional<AudioClockReading> r = audio_ != nullptr ? audio_->reading() : std::nullopt;
  if (r) r->shotSeconds = plate_.shotSeconds(r->shotSeconds);
  return r;
}

Player::Player(VideoSource video, std::unique_ptr<AudioPlayer> audio, PlayerOptions options, PlateOnShot shot)
    : decoder_(std::in_place, std::move(video),
               PlaybackOptions{.queueCapacity = std::max<std::size_t>(options.decodeAhead, 1)}),
      audio_(std::move(audio)),
      options_(options),
      shot_(std::move(shot)),
      plate_(timingOf(shot_, decoder_->info())),
      shotAudio_(audio_.get(), plate_),
      transport_(shotRange(shot_, decoder_->info(), plate_), audio_ ? &shotAudio_ : nullptr),
      rangeEndsWithPlate_(!shot_.range || !shot_.range->outSeconds || !plate_.endShotSeconds() ||
                          *plate_.endShotSeconds() >= *shot_.range->outSeconds - transport_.frameSeconds() - 1e-9),
      stepsAreFrames_(sameRate(transport_.range().fps, decoder_->info().frameRate)) {
  const double in = transport_.range().inSeconds;
  const TrackTime t = plate_.at(in);
  if (t.inside() && t.mediaSeconds == 0.0) {
    // The decoder starts on the first frame: paused there, the soundtrack lined up to it.
    landing_ = in;
    if (audio_) audio_->seek(0.0);
  } else {
    seekShot(in, 0.0);
  }
}

Player::Player(ShotRange range)
    : options_(),
      shot_(PlateOnShot{.range = range, .startSeconds = 0.0, .offsetSeconds = 0.0}),
      plate_(TrackTiming{.startSeconds = 0.0, .offsetSeconds = 0.0, .rate = 1.0, .mediaEndSeconds = 0.0}),
      shotAudio_(nullptr, plate_),
      transport_(range, nullptr),
      rangeEndsWithPlate_(false),
      stepsAreFrames_(false) {
  outside_ = TrackPlace::After;  // never on the plate: upcoming() has nothing
}

Player::Player(std::unique_ptr<LiveFeed> live, std::unique_ptr<LiveSound> sound)
    : options_(),
      shot_(PlateOnShot{.range = ShotRange{.inSeconds = 0.0, .outSeconds = std::nullopt, .fps = liveRate(live->info())},
                        .startSeconds = 0.0,
                        .offsetSeconds = 0.0}),
      plate_(TrackTiming{.startSeconds = 0.0, .offsetSeconds = 0.0, .rate = 1.0, .mediaEndSeconds = std::nullopt}),
      shotAudio_(nullptr, plate_),
      transport_(*shot_.range, nullptr),
      rangeEndsWithPlate_(false),
      stepsAreFrames_(false) {
  live_ = std::move(live);
  liveSound_ = std::move(sound);
  transport_.play();
}

Player::~Player() = default;

const StreamInfo& Player::info() const {
  static const StreamInfo kNoPlate{};
  if (live_) return live_->info();
  return decoder_ ? decoder_->info() : kNoPlate;
}

void Player::pause(double at) {
  if (!decoder_) {
    transport_.pause(at);
    // A live feed's sound stops now too, the live one's or the past's.
    if (liveSound_) liveSound_->silence();
    if (rewind_) rewind_->pause(at);
    return;
  }
  const bool wasPlaying = transport_.playing();
  transport_.pause(at);
  syncClockAndAudio(at);
  if (wasPlaying) showHeldPosition(at);
}

double Player::nominalFrameSeconds() const {
  const Rational& r = info().frameRate;
  return r.valid() ? 1.0 / r.toDouble() : 1.0 / 30.0;
}

const DecodedFrame* Player::shown() const {
  if (outside_) return nullptr;
  if (!window_.empty()) return &window_[cursor_];
  return held_ ? &*held_ : nullptr;
}

bool Player::pullFrame() {
  if (endOfStream_) return false;
  Popped p = decodeWait_.count() > 0 ? decoder_->pop(decodeWait_) : decoder_->tryPop();
  switch (p.kind) {
    case Popped::Kind::Frame:
      window_.push_back(std::move(*p.frame));
      return true;
    case Popped::Kind::EndOfStream:
      endOfStream_ = true;
      return false;
    case Popped::Kind::Error:
      error_ = std::move(p.error);
      endOfStream_ = true;  // the decoder idles until the next seek
      return false;
    case Popped::Kind::Empty:
      return false;
  }
  return false;
}

void Player::syncClockAndAudio(double at) {
  // The clock holds while a seek lands, and the soundtrack sounds only while the clock runs
  // on the plate.
  transport_.hold(landing_.has_value(), at);
  const bool run = transport_.running() && !outside_;
  if (audio_ && run != audioPlaying_) {
    if (run) {
      audio_->play();
    } else {
      audio_->pause();
    }
  }
  audioPlaying_ = run;
}

void Player::seekShot(double shotSeconds, double at) {
  const double shot = transport_.clampToRange(shotSeconds);
  const TrackTime t = plate_.at(shot);
  if (t.inside()) {
    startSeek(shot, t.mediaSeconds, at);
  } else {
    leavePlate(t.place, shot, at);
  }
}

void Player::startSeek(double shotSeconds, double mediaSeconds, double at) {
  const double m = std::max(mediaSeconds, 0.0);
  const double t = m + kNudgeSeconds;
  const bool wasOutside = outside_.has_value();
  outside_.reset();
  prerolled_ = false;
  if (audio_) {
    // Silent until the picture is there too; syncClockAndAudio restarts it.
    audio_->pause();
    audio_->seek(m);
  }
  audioPlaying_ = false;
  // Just after the kept frames (a step forward at another frame rate): the decoder's queue
  // holds it.
  if (!landing_ && !window_.empty() && t >= window_.back().seconds &&
      t < window_.back().seconds + static_cast<double>(options_.decodeAhead + 1) * nominalFrameSeconds())
    while (t >= endSeconds(window_.back()) && pullFrame()) {
    }
  // Within the kept frames: no decoding at all.
  for (std::size_t i = 0; !landing_ && i < window_.size(); ++i) {
    const double end = i + 1 < window_.size() ? window_[i + 1].seconds : endSeconds(window_[i]);
    if (window_[i].seconds <= t && t < end) {
      cursor_ = i;
      transport_.jump(shotSeconds, at);
      syncClockAndAudio(at);
      return;
    }
  }
  decoder_->seek(m);
  if (const DecodedFrame* f = shown(); f != nullptr && !window_.empty() && !wasOutside) held_ = f->clone();
  window_.clear();
  cursor_ = 0;
  endOfStream_ = false;
  landing_ = shotSeconds;
  transport_.jump(shotSeconds, at);
  syncClockAndAudio(at);
}

void Player::leavePlate(TrackPlace place, double shotSeconds, double at) {
  outside_ = place;
  landing_.reset();
  held_.reset();
  if (place == TrackPlace::Before && !prerolled_) {
    // The plate's first frame decoded ahead, so that playing into the plate shows it on time.
    decoder_->seek(plate_.offsetSeconds);
    if (audio_) audio_->seek(plate_.offsetSeconds);
    window_.clear();
    cursor_ = 0;
    endOfStream_ = false;
    prerolled_ = true;
  }
  transport_.jump(shotSeconds, at);
  syncClockAndAudio(at);
}

void Player::land(double at) {
  if (!pullFrame()) {
    if (endOfStream_) landing_.reset();  // an error (kept in error_): stay on the held frame
    return;
  }
  held_.reset();
  cursor_ = 0;
  transport_.jump(*landing_, at);
  landing_.reset();
  syncClockAndAudio(at);
}

void Player::stepShotFrames(int frames, double at) {
  transport_.keepSteps(0);
  const double f = transport_.frameSeconds();
  const double frame = std::floor(transport_.position(at) / f + 1e-6);
  seekShot((frame + frames) * f, at);
}

void Player::applySteps(double at) {
  int n = transport_.steps();
  if (outside_ || window_.empty() || !stepsAreFrames_) {
    stepShotFrames(n, at);
    return;
  }
  const double in = transport_.range().inSeconds;
  const double last = transport_.lastFrameStart();
  while (n > 0) {
    if (cursor_ + 1 < window_.size()) {
      if (shotOf(window_[cursor_ + 1].seconds) > last + 1e-6) {
        n = 0;  // the shot's last frame: stay
        break;
      }
      ++cursor_;
      --n;
    } else if (!pullFrame()) {
      if (!endOfStream_) break;  // not decoded yet: the rest waits for the next pass
      // The plate's last frame: the shot ends there, or goes on without the plate.
      if (!rangeEndsWithPlate_) {
        transport_.jump(shotOf(window_[cursor_].seconds), at);
        stepShotFrames(n, at);
        return;
      }
      n = 0;
    }
  }
  bool seeking = false;
  while (n < 0) {
    const double here = shotOf(window_[cursor_].seconds);
    if (here <= in + 1e-6) {
      n = 0;  // the shot's first frame: stay
      break;
    }
    if (cursor_ > 0) {
      --cursor_;
      ++n;
      continue;
    }
    if (window_[0].index == 0) {
      // The plate's first frame, after the shot's in: shot frames without a picture before it.
      transport_.jump(here, at);
      stepShotFrames(n, at);
      return;
    }
    // Beyond the kept frames: land in the middle of the wanted frame's slot.
    const double m = std::max(window_[0].seconds + (n + 0.5) * nominalFrameSeconds(), 0.0);
    transport_.keepSteps(0);
    seekShot(shotOf(m), at);
    seeking = true;
    n = 0;
  }
  transport_.keepSteps(n);
  if (seeking) return;
  const double m = window_[cursor_].seconds;
  transport_.jump(shotOf(m), at);
  if (audio_) audio_->seek(m);
  audioPlaying_ = false;
  syncClockAndAudio(at);
}

void Player::applyControls(double at) {
  const Transport::Controls c = transport_.takeControls(at);
  if (c.rate && audio_) audio_->setRate(*c.rate);
  if (c.seekTo) seekShot(*c.seekTo, at);
  syncClockAndAudio(at);
}

void Player::stopAtRangeEnd(double at) {
  // On the last shot frame before out, with its picture.
  const double last = transport_.lastFrameStart();
  const TrackTime t = plate_.at(last);
  if (t.inside() && !outside_ && !window_.empty()) advance(t.mediaSeconds, at);
  if (!t.inside() || outside_ || window_.empty()) {
    seekShot(last, at);
    if (landing_) land(at);
  } else {
    transport_.jump(std::max(last, shotOf(window_[cursor_].seconds)), at);
  }
  transport_.stopAtEnd(at);
  syncClockAndAudio(at);
}

void Player::follow(double position, double at) {
  const std::optional<double>& out = transport_.range().outSeconds;
  if (out && position >= *out && !transport_.loop()) {
    stopAtRangeEnd(at);
    return;
  }
  const TrackTime t = plate_.at(position);
  if (!t.inside()) {
    if (outside_ != t.place) leavePlate(t.place, position, at);
    return;
  }
  if (outside_) {
    if (!prerolled_) {
      seekShot(position, at);
      if (landing_) land(at);
      return;
    }
    // Into the plate from before it: the decoder holds its first frames already.
    outside_.reset();
    prerolled_ = false;
    syncClockAndAudio(at);
    if (window_.empty() && !pullFrame()) {
      if (endOfStream_) leavePlate(TrackPlace::After, position, at);  // nothing of the plate decodes
      return;
    }
  }
  if (!window_.empty()) advance(t.mediaSeconds, at);
}

void Player::advance(double position, double at) {
  for (;;) {
    if (cursor_ + 1 < window_.size()) {
      if (window_[cursor_ + 1].seconds > position) return;
      ++cursor_;
      continue;
    }
    if (pullFrame()) continue;
    if (!endOfStream_ || position < endSeconds(window_[cursor_])) return;
    // Past the plate's last frame.
    if (!rangeEndsWithPlate_) {
      leavePlate(TrackPlace::After, transport_.position(at), at);
      return;
    }
    if (transport_.loop()) {
      transport_.countWrap();
      seekShot(transport_.loop()->inSeconds, at);
      return;
    }
    transport_.jump(shotOf(window_[cursor_].seconds), at);
    transport_.stopAtEnd(at);
    syncClockAndAudio(at);
    return;
  }
}

void Player::showHeldPosition(double at) {
  if (landing_) return;
  // The position held is that of `at`, which may lie in a later frame than the one shown last:
  // the picture moves on to it, as playing on to `at` would have.
  double position = transport_.position(at);
  if (transport_.loop() && position >= transport_.loop()->outSeconds &&
      transport_.loop()->outSeconds > transport_.loop()->inSeconds) {
    const LoopRegion loop = *transport_.loop();
    seekShot(loop.inSeconds + std::fmod(position - loop.inSeconds, loop.outSeconds - loop.inSeconds), at);
    if (landing_) land(at);
    return;
  }
  follow(position, at);
  if (landing_ || outside_ || window_.empty() || transport_.atEnd()) return;
  // Not decoded yet (update() was not asked to wait): the position goes back to the picture
  // shown instead, so that both say the same frame.
  const DecodedFrame& f = window_[cursor_];
  const double next = cursor_ + 1 < window_.size() ? window_[cursor_ + 1].seconds : endSeconds(f);
  const double m = plate_.at(transport_.position(at)).mediaSeconds;
  if (m < f.seconds || m >= next) transport_.jump(shotOf(f.seconds), at);
}

const DecodedFrame* Player::upcoming(double displayTime) {
  if (!transport_.playing() || transport_.steps() != 0 || landing_ || outside_ || window_.empty()) return nullptr;
  const double position = transport_.position(displayTime);
  if (transport_.loopWrapTarget(position)) return nullptr;
  const TrackTime t = plate_.at(position);
  if (!t.inside()) return nullptr;
  while ((window_.size() <= cursor_ + 1 || t.mediaSeconds >= endSeconds(window_.back())) &&
         window_.size() <= cursor_ + options_.decodeAhead && pullFrame()) {
  }
  for (std::size_t i = cursor_; i < window_.size(); ++i) {
    const double end = i + 1 < window_.size() ? window_[i + 1].seconds : endSeconds(window_[i]);
    if (t.mediaSeconds < end) {
      if (i > cursor_) return &window_[i];
      return cursor_ + 1 < window_.size() ? &window_[cursor_ + 1] : nullptr;  // still the one shown
    }
  }
  return nullptr;
}

PlayerFrame Player::update(double displayTime) { return update(displayTime, std::chrono::milliseconds(0)); }

PlayerFrame Player::updateWithoutPlate(double at) {
  const TransportState t = transport_.update(at);
  PlayerFrame out;
  PlayerState& s = out.state;
  s.playing = t.playing;
  s.rate = t.rate;
  s.positionSeconds = t.positionSeconds;
  s.plate = TrackPlace::After;  // never on a plate: no picture
  s.atEnd = t.atEnd;
  s.loop = t.loop;
  s.loopWraps = t.loopWraps;
  s.clock = t.clock;
  return out;
}

PlayerFrame Player::updateLive(double at) {
  const std::optional<LoopRegion> loopBefore = transport_.loop();
  Transport::Controls controls = transport_.takeControls(at);
  int steps = transport_.steps();
  transport_.keepSteps(0);
  const std::optional<LoopRegion>& loop = transport_.loop();
  const bool loopChanged = loopBefore.has_value() != loop.has_value() ||
                           (loop && (loop->inSeconds != loopBefore->inSeconds || loop->outSeconds != loopBefore->outSeconds));
  const std::optional<double> newest = live_->status().newestSeconds;
  // Back to live: asked for, or a seek at or past the newest picture.
  const bool seekToLive = rewind_ && controls.seekTo && newest && *controls.seekTo >= *newest;
  if (goLive_ || seekToLive) {
    goLive_ = false;
    if (rewind_) log().info("live: back to the live picture");
    rewind_.reset();
    controls = {};
    steps = 0;
    transport_.clearLoop();
    transport_.setRate(1.0);
    transport_.play();
    transport_.takeControls(at);
  }
  const double frame = transport_.frameSeconds();
  std::optional<double> startAt;  // a move into the past from the live picture
  if (!rewind_ && (controls.seekTo || steps != 0)) {
    const double shown = liveShown_ ? liveShown_->frame.seconds : 0.0;
    startAt = controls.seekTo ? *controls.seekTo : shown + (steps + 0.25) * frame;
    if (newest && *startAt >= *newest) startAt.reset();  // the live picture is the newest there is
  }
  if (startAt && live_->keepsRecording()) {
    Result<std::unique_ptr<LiveRewind>> r = LiveRewind::start(*live_, *startAt, frame, options_, liveSound_.get());
    if (r) {
      rewind_ = std::move(r).value();
      controls.seekTo.reset();
      steps = 0;
    } else if (rewindRefusal_ != r.error().what) {
      log().info("live: {}", r.error().message());
      rewindRefusal_ = r.error().what;
    }
  } else if (!rewind_ && (startAt || controls.rate || (loopChanged && loop))) {
    if (!liveRefusalSaid_) {
      log().info(live_->keepsRecording()
                     ? "live: the rate and loops apply to the kept feed; seek or step back into it first"
                     : "live: seeks, steps, the rate and loops need a recording of the feed; the live picture plays on");
      liveRefusalSaid_ = true;
    }
  }
  if (rewind_) {
    // The past plays its own sound, where it was kept (live_rewind.h).
    if (liveSound_) liveSound_->silence();
    LiveRewind::Requests r;
    r.seekTo = controls.seekTo;
    r.steps = steps;
    r.playing = transport_.playing();
    r.rate = controls.rate;
    if (loopChanged) r.loop = loop;
    PlayerFrame f = rewind_->update(at, r, liveShown_ ? &liveShown_->frame : nullptr, decodeWait_);
    if (rewind_->caughtUp()) {
      log().info("live: the kept feed caught up with the live picture");
      goLive_ = true;  // the next update shows it; this one's frame stays valid until then
    }
    return f;
  }
  if (transport_.rate() != 1.0 || transport_.loop()) {
    transport_.clearLoop();
    transport_.setRate(1.0);
    transport_.takeControls(at);
  }
  if (transport_.playing()) {
    if (std::optional<LiveFrame> taken = live_->takeNewest()) {
      liveShown_ = std::move(taken);
      // The sound heard with this picture is its own: the sound follows the picture shown.
      if (liveSound_) liveSound_->follow(liveShown_->frame.seconds, at);
    }
  } else if (liveSound_) {
    liveSound_->silence();
  }
  PlayerFrame out;
  PlayerState& s = out.state;
  s.playing = transport_.playing();
  s.rate = 1.0;
  s.clock = ClockMaster::Monotonic;
  if (liveShown_) {
    out.frame = &liveShown_->frame;
    s.positionSeconds = liveShown_->frame.seconds;
    s.frameIndex = liveShown_->frame.index;
  } else {
    s.plate = TrackPlace::Before;  // nothing received yet
  }
  return out;
}

PlayerFrame Player::update(double displayTime, std::chrono::milliseconds decodeWait) {
  decodeWait_ = decodeWait;
  if (live_) return updateLive(displayTime);
  if (!decoder_) return updateWithoutPlate(displayTime);
  const bool wasPlaying = transport_.playing();
  applyControls(displayTime);
  // A step pauses too, but moves from the frame shown.
  if (wasPlaying && !transport_.playing() && transport_.steps() == 0) showHeldPosition(displayTime);
  if (landing_) land(displayTime);
  if (!landing_ && transport_.steps() != 0) {
    applySteps(displayTime);
    if (landing_) land(displayTime);  // a step back past the kept frames
  }

  double position = transport_.position(displayTime);
  if (transport_.playing() && !landing_) {
    if (const std::optional<double> wrapped = transport_.loopWrapTarget(position)) {
      transport_.countWrap();
      seekShot(*wrapped, displayTime);
      if (landing_) land(displayTime);
      position = transport_.position(displayTime);
    }
    if (!landing_) follow(position, displayTime);
    position = transport_.position(displayTime);
  }
  // Before the plate: its first frame decodes meanwhile.
  if (outside_ == TrackPlace::Before && prerolled_ && window_.empty()) static_cast<void>(pullFrame());
  while (cursor_ > options_.keepBehind) {
    window_.pop_front();
    --cursor_;
  }

  PlayerFrame out;
  out.frame = shown();
  PlayerState& s = out.state;
  s.playing = transport_.playing();
  s.rate = transport_.rate();
  s.positionSeconds = position;
  s.frameIndex = out.frame != nullptr ? out.frame->index : -1;
  s.plate = outside_.value_or(TrackPlace::Inside);
  s.seeking = landing_.has_value();
  s.atEnd = transport_.atEnd();
  s.loop = transport_.loop();
  s.loopWraps = transport_.loopWraps();
  s.clock = transport_.master();
  s.error = error_;
  return out;
}

}  // namespace ps::media
