#include "media/player.h"

#include <algorithm>
#include <cmath>

#include "log.h"

namespace ps::media {

namespace {
double endSeconds(const DecodedFrame& f) {
  return f.seconds + static_cast<double>(f.duration) * f.timeBase.toDouble();
}
}  // namespace

Player::Player(VideoSource video, std::unique_ptr<AudioPlayer> audio, PlayerOptions options)
    : decoder_(std::move(video), PlaybackOptions{.queueCapacity = std::max<std::size_t>(options.decodeAhead, 1)}),
      audio_(std::move(audio)),
      options_(options),
      transport_(ShotRange{.inSeconds = 0.0, .outSeconds = std::nullopt, .fps = decoder_.info().frameRate},
                 audio_.get()) {
  // Start on the first frame, paused, with the soundtrack lined up to it.
  landing_ = 0.0;
  if (audio_) audio_->seek(0.0);
}

void Player::pause(double at) {
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
  if (!window_.empty()) return &window_[cursor_];
  return held_ ? &*held_ : nullptr;
}

bool Player::pullFrame() {
  if (endOfStream_) return false;
  Popped p = decodeWait_.count() > 0 ? decoder_.pop(decodeWait_) : decoder_.tryPop();
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
  // The clock holds while a seek lands, and the soundtrack sounds only while the clock runs.
  transport_.hold(landing_.has_value(), at);
  const bool run = transport_.running();
  if (audio_ && run != audioPlaying_) {
    if (run) {
      audio_->play();
    } else {
      audio_->pause();
    }
  }
  audioPlaying_ = run;
}

void Player::startSeek(double shotSeconds, double at) {
  const double t = std::max(shotSeconds, 0.0);
  if (audio_) {
    // Silent until the picture is there too; syncClockAndAudio restarts it.
    audio_->pause();
    audio_->seek(t);
  }
  audioPlaying_ = false;
  // Within the kept frames: no decoding at all.
  for (std::size_t i = 0; !landing_ && i < window_.size(); ++i) {
    const double end = i + 1 < window_.size() ? window_[i + 1].seconds : endSeconds(window_[i]);
    if (window_[i].seconds <= t && t < end) {
      cursor_ = i;
      transport_.jump(t, at);
      syncClockAndAudio(at);
      return;
    }
  }
  decoder_.seek(t);
  if (const DecodedFrame* f = shown(); f != nullptr && !window_.empty()) held_ = f->clone();
  window_.clear();
  cursor_ = 0;
  endOfStream_ = false;
  landing_ = t;
  transport_.jump(t, at);
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

void Player::applySteps(double at) {
  int n = transport_.steps();
  while (n > 0) {
    if (cursor_ + 1 < window_.size()) {
      ++cursor_;
      --n;
    } else if (!pullFrame()) {
      if (endOfStream_) n = 0;  // the last frame: stay
      break;                    // else not decoded yet: the rest waits for the next pass
    }
  }
  bool seeking = false;
  while (n < 0) {
    if (cursor_ > 0) {
      --cursor_;
      ++n;
      continue;
    }
    if (window_[0].index > 0) {
      // Beyond the kept frames: land in the middle of the wanted frame's slot.
      const double t = window_[0].seconds + (n + 0.5) * nominalFrameSeconds();
      transport_.keepSteps(0);
      startSeek(std::max(t, 0.0), at);
      seeking = true;
    }
    n = 0;  // or at the first frame: stay
  }
  transport_.keepSteps(n);
  if (seeking) return;
  const double t = window_[cursor_].seconds;
  transport_.jump(t, at);
  if (audio_) audio_->seek(t);
  audioPlaying_ = false;
  syncClockAndAudio(at);
}

void Player::applyControls(double at) {
  const Transport::Controls c = transport_.takeControls(at);
  if (c.rate && audio_) audio_->setRate(*c.rate);
  if (c.seekTo) startSeek(*c.seekTo, at);
  syncClockAndAudio(at);
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
    // Past the last frame.
    if (transport_.loop()) {
      transport_.countWrap();
      startSeek(transport_.loop()->inSeconds, at);
      return;
    }
    transport_.stopAtEnd(at);
    syncClockAndAudio(at);
    return;
  }
}

void Player::showHeldPosition(double at) {
  if (landing_ || window_.empty()) return;
  // The position held is that of `at`, which may lie in a later frame than the one shown last:
  // the picture moves on to it, as playing on to `at` would have.
  double position = transport_.position(at);
  if (transport_.loop() && position >= transport_.loop()->outSeconds &&
      transport_.loop()->outSeconds > transport_.loop()->inSeconds) {
    const LoopRegion loop = *transport_.loop();
    startSeek(loop.inSeconds + std::fmod(position - loop.inSeconds, loop.outSeconds - loop.inSeconds), at);
    if (landing_) land(at);
    return;
  }
  advance(position, at);
  if (landing_ || window_.empty() || transport_.atEnd()) return;
  // Not decoded yet (update() was not asked to wait): the position goes back to the picture
  // shown instead, so that both say the same frame.
  const DecodedFrame& f = window_[cursor_];
  const double next = cursor_ + 1 < window_.size() ? window_[cursor_ + 1].seconds : endSeconds(f);
  position = transport_.position(at);
  if (position < f.seconds || position >= next) transport_.jump(f.seconds, at);
}

PlayerFrame Player::update(double displayTime) { return update(displayTime, std::chrono::milliseconds(0)); }

PlayerFrame Player::update(double displayTime, std::chrono::milliseconds decodeWait) {
  decodeWait_ = decodeWait;
  const bool wasPlaying = transport_.playing();
  applyControls(displayTime);
  // A step pauses too, but moves from the frame shown.
  if (wasPlaying && !transport_.playing() && transport_.steps() == 0) showHeldPosition(displayTime);
  if (landing_) land(displayTime);
  if (!landing_ && transport_.steps() != 0 && !window_.empty()) {
    applySteps(displayTime);
    if (landing_) land(displayTime);  // a step back past the kept frames
  }

  double position = transport_.position(displayTime);
  if (transport_.playing() && !landing_ && !window_.empty()) {
    if (const std::optional<double> wrapped = transport_.loopWrapTarget(position)) {
      transport_.countWrap();
      startSeek(*wrapped, displayTime);
      if (landing_) land(displayTime);
      position = transport_.position(displayTime);
    }
    if (!landing_ && !window_.empty()) advance(position, displayTime);
    position = transport_.position(displayTime);
  }
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
  s.seeking = landing_.has_value();
  s.atEnd = transport_.atEnd();
  s.loop = transport_.loop();
  s.loopWraps = transport_.loopWraps();
  s.clock = transport_.master();
  s.error = error_;
  return out;
}

}  // namespace ps::media
