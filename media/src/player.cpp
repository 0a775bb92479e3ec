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
      clock_(audio_.get()) {
  // Start on the first frame, paused, with the soundtrack lined up to it.
  landing_ = 0.0;
  if (audio_) audio_->seek(0.0);
}

void Player::play() { pending_.play = true; }
void Player::pause() { pending_.play = false; }
void Player::pause(double at) {
  // Re-anchored on the soundtrack first, where it is the master, so the hold is where it was heard.
  if (clock_.running()) static_cast<void>(clock_.position(at));
  pending_.play.reset();
  const bool wasPlaying = playing_;
  playing_ = false;
  syncClockAndAudio(at);
  if (wasPlaying) showHeldPosition(at);
}
void Player::togglePlay() { pending_.play = !pending_.play.value_or(playing_); }
void Player::setRate(double rate) { pending_.rate = std::clamp(rate, kMinRate, kMaxRate); }
void Player::setLoop(LoopRegion region) { pending_.loop = region; }
void Player::clearLoop() { pending_.loop = std::optional<LoopRegion>(); }
void Player::seek(double shotSeconds) {
  pending_.seekTo = shotSeconds;
  pending_.steps = 0;
}
void Player::step(int frames) {
  pending_.steps += frames;
  pending_.play = false;
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
  const bool run = playing_ && !landing_;
  if (run) {
    clock_.start(at);
  } else {
    clock_.stop(at);
  }
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
  atEnd_ = false;
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
      clock_.jump(t, at);
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
  clock_.jump(t, at);
  syncClockAndAudio(at);
}

void Player::land(double at) {
  if (!pullFrame()) {
    if (endOfStream_) landing_.reset();  // an error (kept in error_): stay on the held frame
    return;
  }
  held_.reset();
  cursor_ = 0;
  clock_.jump(*landing_, at);
  landing_.reset();
  syncClockAndAudio(at);
}

void Player::applySteps(double at) {
  int n = pending_.steps;
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
      pending_.steps = 0;
      startSeek(std::max(t, 0.0), at);
      seeking = true;
    }
    n = 0;  // or at the first frame: stay
  }
  pending_.steps = n;
  if (seeking) return;
  const double t = window_[cursor_].seconds;
  atEnd_ = false;
  clock_.jump(t, at);
  if (audio_) audio_->seek(t);
  audioPlaying_ = false;
  syncClockAndAudio(at);
}

void Player::applyControls(double at) {
  if (pending_.rate) {
    rate_ = *pending_.rate;
    clock_.setRate(rate_, at);
    if (audio_) audio_->setRate(rate_);
  }
  if (pending_.loop) loop_ = *pending_.loop;
  if (pending_.play) {
    const bool restart = *pending_.play && !playing_ && atEnd_ && !pending_.seekTo;
    playing_ = *pending_.play;
    if (restart) pending_.seekTo = loop_ ? loop_->inSeconds : 0.0;
  }
  if (pending_.seekTo) {
    const double t = *pending_.seekTo;
    pending_.seekTo.reset();
    startSeek(t, at);
  }
  syncClockAndAudio(at);
  pending_.rate.reset();
  pending_.loop.reset();
  pending_.play.reset();
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
    if (loop_) {
      ++wraps_;
      startSeek(loop_->inSeconds, at);
      return;
    }
    playing_ = false;
    atEnd_ = true;
    syncClockAndAudio(at);
    return;
  }
}

void Player::showHeldPosition(double at) {
  if (landing_ || window_.empty()) return;
  // The position held is that of `at`, which may lie in a later frame than the one shown last:
  // the picture moves on to it, as playing on to `at` would have.
  double position = clock_.position(at);
  if (loop_ && position >= loop_->outSeconds && loop_->outSeconds > loop_->inSeconds) {
    startSeek(loop_->inSeconds + std::fmod(position - loop_->inSeconds, loop_->outSeconds - loop_->inSeconds), at);
    if (landing_) land(at);
    return;
  }
  advance(position, at);
  if (landing_ || window_.empty() || atEnd_) return;
  // Not decoded yet (update() was not asked to wait): the position goes back to the picture
  // shown instead, so that both say the same frame.
  const DecodedFrame& f = window_[cursor_];
  const double next = cursor_ + 1 < window_.size() ? window_[cursor_ + 1].seconds : endSeconds(f);
  position = clock_.position(at);
  if (position < f.seconds || position >= next) clock_.jump(f.seconds, at);
}

PlayerFrame Player::update(double displayTime) { return update(displayTime, std::chrono::milliseconds(0)); }

PlayerFrame Player::update(double displayTime, std::chrono::milliseconds decodeWait) {
  decodeWait_ = decodeWait;
  const bool wasPlaying = playing_;
  applyControls(displayTime);
  // A step pauses too, but moves from the frame shown.
  if (wasPlaying && !playing_ && pending_.steps == 0) showHeldPosition(displayTime);
  if (landing_) land(displayTime);
  if (!landing_ && pending_.steps != 0 && !window_.empty()) {
    applySteps(displayTime);
    if (landing_) land(displayTime);  // a step back past the kept frames
  }

  double position = clock_.position(displayTime);
  if (playing_ && !landing_ && !window_.empty()) {
    if (loop_ && position >= loop_->outSeconds && loop_->outSeconds > loop_->inSeconds) {
      const double length = loop_->outSeconds - loop_->inSeconds;
      ++wraps_;
      startSeek(loop_->inSeconds + std::fmod(position - loop_->inSeconds, length), displayTime);
      if (landing_) land(displayTime);
      position = clock_.position(displayTime);
    }
    if (!landing_ && !window_.empty()) advance(position, displayTime);
    position = clock_.position(displayTime);
  }
  while (cursor_ > options_.keepBehind) {
    window_.pop_front();
    --cursor_;
  }

  PlayerFrame out;
  out.frame = shown();
  PlayerState& s = out.state;
  s.playing = playing_;
  s.rate = rate_;
  s.positionSeconds = position;
  s.frameIndex = out.frame != nullptr ? out.frame->index : -1;
  s.seeking = landing_.has_value();
  s.atEnd = atEnd_;
  s.loop = loop_;
  s.loopWraps = wraps_;
  s.clock = clock_.master();
  s.error = error_;
  return out;
}

}  // namespace ps::media
